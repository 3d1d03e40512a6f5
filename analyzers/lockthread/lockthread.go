package lockthread

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "lockthread",
	Doc:      analysisutil.Doc(doc, "lockthread"),
	URL:      analysisutil.URL("lockthread"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "runtime") {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	r := report.New(pass)

	// Group the lock and unlock calls by the function they run in.
	uses := make(map[ast.Node]*funcUses)
	var order []ast.Node
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil), (*ast.SelectorExpr)(nil), (*ast.Ident)(nil)) {
		if handsOffUnlock(pass, cur) {
			// t.Cleanup(runtime.UnlockOSThread), or the function stored to
			// be called later: the unlock is deferred by other means.
			if owner, _, _ := locate(cur); owner != nil {
				u := uses[owner]
				if u == nil {
					u = new(funcUses)
					uses[owner] = u
					order = append(order, owner)
				}
				u.deferredUnlocks++
			}
			continue
		}
		call, ok := cur.Node().(*ast.CallExpr)
		if !ok {
			continue
		}
		fn := analysisutil.Callee(pass.TypesInfo, call)
		isLock := analysisutil.IsPkgFunc(fn, "runtime", "LockOSThread")
		if !isLock && !analysisutil.IsPkgFunc(fn, "runtime", "UnlockOSThread") {
			continue
		}
		owner, stmt, deferred := locate(cur)
		if owner == nil || analysisutil.IsTestFile(pass, call.Pos()) {
			continue
		}
		u := uses[owner]
		if u == nil {
			u = new(funcUses)
			uses[owner] = u
			order = append(order, owner)
		}
		switch {
		case isLock && !deferred:
			u.locks = append(u.locks, lockCall{stmt: stmt, call: call})
		case !isLock && deferred:
			u.deferredUnlocks++
		case !isLock:
			u.plainUnlocks = append(u.plainUnlocks, call)
		}
	}
	for _, owner := range order {
		if fd, ok := owner.(*ast.FuncDecl); ok && fd.Recv == nil &&
			(fd.Name.Name == "init" || fd.Name.Name == "main" && analysisutil.IsMain(pass)) {
			continue // pinning the main goroutine to the main thread
		}
		check(pass, r, owner, uses[owner])
	}
	return nil, nil
}

// handsOffUnlock reports whether cur is a reference to
// runtime.UnlockOSThread that is not called but passed on as a value.
func handsOffUnlock(pass *analysis.Pass, cur inspector.Cursor) bool {
	var id *ast.Ident
	switch n := cur.Node().(type) {
	case *ast.SelectorExpr:
		id = n.Sel
	case *ast.Ident:
		if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
			return false // seen as the SelectorExpr
		}
		id = n
	default:
		return false
	}
	fn, ok := pass.TypesInfo.Uses[id].(*types.Func)
	if !ok || !analysisutil.IsPkgFunc(fn, "runtime", "UnlockOSThread") {
		return false
	}
	return cur.ParentEdgeKind() != edge.CallExpr_Fun
}

type lockCall struct {
	stmt ast.Stmt // the innermost statement holding the call
	call *ast.CallExpr
}

// funcUses are the lock and unlock calls that run in one function.
type funcUses struct {
	locks           []lockCall
	deferredUnlocks int
	plainUnlocks    []*ast.CallExpr
}

// locate finds the function a call runs in, the innermost statement holding
// it, and whether it runs deferred: in a defer statement, or in a func
// literal that is itself deferred (defer func() { ... }()), in which case it
// runs in the function that defers the literal.
func locate(cur inspector.Cursor) (owner ast.Node, stmt ast.Stmt, deferred bool) {
	for c := cur.Parent(); c.Valid(); c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			return n, stmt, deferred
		case *ast.FuncLit:
			if !isDeferredLit(c) {
				return n, stmt, deferred
			}
			deferred = true // keep climbing to the deferring function
		case *ast.DeferStmt:
			deferred = true
			if stmt == nil {
				stmt = n
			}
		case ast.Stmt:
			if stmt == nil {
				stmt = n
			}
		}
	}
	return nil, nil, false
}

// isDeferredLit reports whether the func literal at c is called by a defer
// statement: defer func() { ... }().
func isDeferredLit(c inspector.Cursor) bool {
	call, ok := c.Parent().Node().(*ast.CallExpr)
	if !ok || ast.Unparen(call.Fun) != c.Node() {
		return false
	}
	_, ok = c.Parent().Parent().Node().(*ast.DeferStmt)
	return ok
}

// check reports the lock calls of one function that no deferred unlock
// pairs with.
func check(pass *analysis.Pass, r *report.Reporter, owner ast.Node, u *funcUses) {
	if len(u.locks) <= u.deferredUnlocks {
		return
	}
	for _, l := range u.locks[u.deferredUnlocks:] {
		if last := lastAfter(u.plainUnlocks, l.call.Pos()); last != nil {
			// An explicit unlock follows. It matters when the goroutine can
			// leave between the two: a return, or runtime.Goexit. (An
			// unrecovered panic ends the process anyway.)
			if exit := exitBetween(pass, owner, l.call.End(), last.Pos()); exit != nil && !documented(pass, owner, l.stmt) {
				emit := r.Report
				if analysisutil.SupportOf(pass, l.call.Pos()) != analysisutil.NotSupport {
					emit = r.Review
				}
				emit(l.call, "runtime.UnlockOSThread is not deferred, and the function can leave before it (line "+strconv.Itoa(pass.Fset.Position(exit.Pos()).Line)+"), still locked; when a locked goroutine exits the runtime kills its OS thread: defer runtime.UnlockOSThread() right after the lock",
					contract.LockedGoroutineExitKillsThread)
			}
			continue
		}
		if documented(pass, owner, l.stmt) {
			continue
		}
		d := analysis.Diagnostic{
			Pos:     l.call.Pos(),
			End:     l.call.End(),
			Message: "runtime.LockOSThread without a deferred runtime.UnlockOSThread: when this goroutine exits still locked, the runtime terminates its OS thread instead of reusing it; defer the unlock (or, if the thread's state was changed on purpose, say so in a comment: // Do not unlock: the thread is in another namespace)",
		}
		if fix, ok := insertUnlock(pass, l); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		if analysisutil.SupportOf(pass, l.call.Pos()) != analysisutil.NotSupport {
			r.ReviewDiagnostic(d, contract.LockedGoroutineExitKillsThread)
			continue
		}
		r.Diagnostic(d, contract.LockedGoroutineExitKillsThread)
	}
}

// lastAfter returns the last call that starts after pos.
func lastAfter(calls []*ast.CallExpr, pos token.Pos) *ast.CallExpr {
	var last *ast.CallExpr
	for _, c := range calls {
		if c.Pos() > pos && (last == nil || c.Pos() > last.Pos()) {
			last = c
		}
	}
	return last
}

// exitBetween returns a statement of owner (outside nested func literals)
// between from and to that leaves the function: a return not immediately
// preceded by an UnlockOSThread statement, or a call of runtime.Goexit or a
// testing FailNow/Fatal/Skip method.
func exitBetween(pass *analysis.Pass, owner ast.Node, from, to token.Pos) ast.Node {
	var found ast.Node
	ast.Inspect(owner, func(n ast.Node) bool {
		if found != nil || n == nil {
			return false
		}
		if n.End() < from || n.Pos() > to {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return n == owner
		case *ast.BlockStmt:
			for i, s := range n.List {
				if _, ok := s.(*ast.ReturnStmt); ok && s.Pos() > from && s.Pos() < to && !(i > 0 && isUnlockStmt(pass, n.List[i-1])) {
					found = s
					return false
				}
			}
		case *ast.CaseClause:
			for i, s := range n.Body {
				if _, ok := s.(*ast.ReturnStmt); ok && s.Pos() > from && s.Pos() < to && !(i > 0 && isUnlockStmt(pass, n.Body[i-1])) {
					found = s
					return false
				}
			}
		case *ast.CallExpr:
			if n.Pos() > from && n.Pos() < to && isGoexit(pass, n) {
				found = n
				return false
			}
		}
		return true
	})
	return found
}

func isUnlockStmt(pass *analysis.Pass, s ast.Stmt) bool {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	return ok && analysisutil.IsCallTo(pass.TypesInfo, call, "runtime", "UnlockOSThread")
}

func isGoexit(pass *analysis.Pass, call *ast.CallExpr) bool {
	return analysisutil.EndsGoroutine(analysisutil.Callee(pass.TypesInfo, call))
}

// Intent comments. A goroutine that changed its thread's state (setns,
// unshare, seccomp) exits locked on purpose, so that the tainted thread is
// destroyed; code says so in words like these, next to the lock or in the
// function's doc comment:
//
//	// Do not unlock: the thread is in another namespace now.
//	// Don't call UnlockOSThread. This thread will terminate when done.
//	// Intentionally not unlocked; the runtime kills the thread.
//	// defer runtime.UnlockOSThread()   (the unlock written and disabled)
var (
	// dies matches a comment that says the thread is meant to die; it
	// must also speak of the thread (threadWord).
	dies       = regexp.MustCompile(`(?i)\b(die|dies|terminat\w*|destroy\w*|kill\w*|discard\w*|taint\w*|thrown away|(never|not|n't) be reused)\b`)
	threadWord = regexp.MustCompile(`(?i)\bthreads?\b`)
	// noUnlock matches a comment that tells the reader not to unlock, in
	// the imperative or as a stated intent; a description ("locks without
	// unlocking", "the thread is not unlocked on error") does not count.
	noUnlock = regexp.MustCompile(`(?i)(\b(do not|don't|dont|never|must not|mustn't|should not|shouldn't|we do not|we don't|no need to|(intentionally|deliberately|purposely|on purpose)\s+(do not|don't|not|never))\s+(call\s+)?(runtime\.)?unlock(ing|ed|osthread)?\b|\b(intentionally|deliberately|purposely)\s+(left\s+)?(not\s+)?unlocked\b|\b(leave|leaves|keep|keeps)\s+(the\s+)?(os\s+)?thread\s+locked\b|^\s*defer\s+(runtime\.)?UnlockOSThread\(\))`)
)

// saysExitsLocked reports whether a comment's text says that the
// goroutine is meant to exit with its thread locked.
func saysExitsLocked(text string) bool {
	if dies.MatchString(text) && threadWord.MatchString(text) {
		return true
	}
	for _, line := range strings.Split(text, "\n") {
		if noUnlock.MatchString(line) {
			return true
		}
	}
	return false
}

// documented reports whether a comment in the function that locks (from
// the line above the lock to the function's end), the comment just above
// a func literal that locks, or the doc comment says that the goroutine
// exits locked on purpose.
func documented(pass *analysis.Pass, owner ast.Node, stmt ast.Stmt) bool {
	if fd, ok := owner.(*ast.FuncDecl); ok && fd.Doc != nil && saysExitsLocked(fd.Doc.Text()) {
		return true
	}
	if stmt == nil {
		return false
	}
	file := analysisutil.File(pass, stmt.Pos())
	if file == nil {
		return false
	}
	line := pass.Fset.Position(stmt.Pos()).Line
	// A func literal (go func() { ... }()) is documented where it starts
	// too: in a comment of the function around it that ends at most two
	// lines above the literal (a declaration the goroutine sets may stand
	// between), not in that function's own doc comment.
	litLine, outer := -10, token.NoPos
	if _, ok := owner.(*ast.FuncLit); ok {
		litLine = pass.Fset.Position(owner.Pos()).Line
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Body.Lbrace < owner.Pos() && owner.End() <= fd.Body.End() {
				outer = fd.Body.Lbrace
			}
		}
	}
	for _, cg := range file.Comments {
		if cg.End() > owner.End() {
			continue
		}
		end := pass.Fset.Position(cg.End()).Line
		nearLit := end >= litLine-2 && end <= litLine && cg.Pos() > outer
		if end < line-1 && !nearLit {
			continue
		}
		if text := cg.Text(); !analysisutil.IsExpectation(text) && saysExitsLocked(text) {
			return true
		}
	}
	return false
}

// insertUnlock returns a fix that adds "defer runtime.UnlockOSThread()" on
// the line after a LockOSThread statement, spelled the way the lock call
// spells the package.
func insertUnlock(pass *analysis.Pass, l lockCall) (analysis.SuggestedFix, bool) {
	es, ok := l.stmt.(*ast.ExprStmt)
	if !ok || es.X != l.call {
		return analysis.SuggestedFix{}, false // the lock is part of a larger statement
	}
	var fun string
	switch f := ast.Unparen(l.call.Fun).(type) {
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		fun = x.Name + ".UnlockOSThread"
	case *ast.Ident:
		fun = "UnlockOSThread" // dot import
	default:
		return analysis.SuggestedFix{}, false
	}
	src, ok := analysisutil.ReadSource(pass, es.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	edit := src.InsertAfter(es, "defer "+fun+"()")
	return analysis.SuggestedFix{
		Message:   "Defer runtime.UnlockOSThread",
		TextEdits: []analysis.TextEdit{edit},
	}, true
}
