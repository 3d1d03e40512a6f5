package deferloop

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

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
	Name:     "deferloop",
	Doc:      analysisutil.Doc(doc, "deferloop"),
	URL:      analysisutil.URL("deferloop"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	r := report.New(pass)
	fixed := map[ast.Node]bool{} // loops whose body a fix already wraps
	for cur := range insp.Root().Preorder((*ast.DeferStmt)(nil)) {
		def := cur.Node().(*ast.DeferStmt)
		if analysisutil.IsTestFile(pass, def.Pos()) || r.Suppressed(def.Pos()) {
			continue
		}
		loop, ok := analysisutil.RepeatingLoop(pass.TypesInfo, cur)
		if !ok || lastInIteration(cur, loop) || onceGuarded(cur, loop) {
			continue
		}
		fn, name := enclosingFunc(cur)
		if fn == nil {
			continue
		}
		where := "defer in a loop"
		ids := []contract.ID{contract.DeferInLoopNotOpenCoded, contract.HeapDeferRecordPerCall}
		if rangeOverFunc(pass, loop) {
			where = "defer in the body of a range-over-func loop"
			ids = []contract.ID{contract.RangeFuncDeferNotOpenCoded, contract.HeapDeferRecordPerCall}
		}
		msg := where + " runs when " + name + " returns, not when the iteration ends, so the deferred calls pile up until then (files stay open, locks stay held); each one is heap-allocated, and it turns off open-coded defers for " + others(fn) + ": move the loop body into a func literal called per iteration"
		d := analysis.Diagnostic{Pos: def.Pos(), End: def.End(), Message: msg}
		if !fixed[loop.Node()] {
			if fix, ok := wrapBody(pass, loop); ok {
				fixed[loop.Node()] = true
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		r.Diagnostic(d, ids...)
	}
	return nil, nil
}

// enclosingFunc returns the function the defer belongs to and how to name
// it in a message.
func enclosingFunc(cur inspector.Cursor) (ast.Node, string) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := c.Node().(type) {
		case *ast.FuncDecl:
			return fn, fn.Name.Name
		case *ast.FuncLit:
			return fn, "the func literal"
		}
	}
	return nil, ""
}

// others describes the defers that lose open coding: the function's
// defers outside nested func literals.
func others(fn ast.Node) string {
	n := 0
	ast.Inspect(fn, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.FuncLit:
			return x == fn
		case *ast.DeferStmt:
			n++
		}
		return true
	})
	if n <= 1 {
		return "the whole function"
	}
	return "all " + strconv.Itoa(n) + " defers of the function"
}

func rangeOverFunc(pass *analysis.Pass, loop inspector.Cursor) bool {
	rs, ok := loop.Node().(*ast.RangeStmt)
	if !ok {
		return false
	}
	t := pass.TypesInfo.TypeOf(rs.X)
	if t == nil {
		return false
	}
	_, ok = t.Underlying().(*types.Signature)
	return ok
}

// lastInIteration reports whether nothing runs in the iteration after the
// defer: it is the last statement of the loop body, or of blocks and
// clauses that end the body. Deferring there can only mean "until the
// function returns", as calling it would end the iteration just the same:
//
//	for _, mu := range mus {
//		mu.Lock()
//		defer mu.Unlock()
//	}
func lastInIteration(def, loop inspector.Cursor) bool {
	for c := def; c.Node() != loop.Node(); c = c.Parent() {
		p := c.Parent()
		var rest []ast.Stmt
		switch k, i := c.ParentEdge(); k {
		case edge.BlockStmt_List:
			switch c.Node().(type) {
			case *ast.CaseClause, *ast.CommClause:
				// the other clauses do not run after this one
			default:
				rest = p.Node().(*ast.BlockStmt).List[i+1:]
			}
		case edge.CaseClause_Body:
			rest = p.Node().(*ast.CaseClause).Body[i+1:]
		case edge.CommClause_Body:
			rest = p.Node().(*ast.CommClause).Body[i+1:]
		case edge.ForStmt_Body, edge.RangeStmt_Body:
			if p.Node() != loop.Node() {
				return false // an inner loop goes round again
			}
		}
		for _, s := range rest {
			if _, ok := s.(*ast.EmptyStmt); !ok {
				return false
			}
		}
	}
	return true
}

// wrapBody returns the fix that moves the loop body into a func literal
// called once per iteration, so its defers run when the iteration ends.
// It is offered only when the move keeps the body's meaning: no return,
// goto, or break or continue that leaves the body, and no recover call
// (which stops working one call deeper); and only when what the defers
// clean up does not outlive the iteration in a way we can see.
func wrapBody(pass *analysis.Pass, loop inspector.Cursor) (analysis.SuggestedFix, bool) {
	var body *ast.BlockStmt
	switch l := loop.Node().(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	if body == nil || !movable(pass.TypesInfo, body) || deferredEscapes(pass.TypesInfo, loop.Node(), body) {
		return analysis.SuggestedFix{}, false
	}
	if v := analysisutil.FileVersion(pass, analysisutil.File(pass, body.Pos())); !analysisutil.AtLeast(v, "go1.22") && deferSeesLoopVar(pass.TypesInfo, loop.Node()) {
		// Before Go 1.22 the loop variables are shared by all iterations: a
		// deferred closure that reads one sees its last value when the
		// function returns, but the current one once moved.
		return analysis.SuggestedFix{}, false
	}
	tf := pass.Fset.File(body.Pos())
	src, err := analysisutil.ReadFile(pass, tf.Name())
	if err != nil || len(src) != tf.Size() {
		return analysis.SuggestedFix{}, false
	}
	fix := analysis.SuggestedFix{Message: "Move the loop body into a func literal called per iteration"}
	open, close := body.Lbrace+1, body.Rbrace
	first, last := tf.Line(body.Lbrace), tf.Line(body.Rbrace)
	if first == last {
		return analysis.SuggestedFix{}, false // not gofmt-formatted
	}
	closeLine := tf.LineStart(last)
	indent := src[tf.Offset(closeLine):tf.Offset(close)]
	for _, b := range indent {
		if b != ' ' && b != '\t' {
			return analysis.SuggestedFix{}, false // code before the closing brace
		}
	}
	inner := string(indent) + "\t"
	fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: open, End: open, NewText: []byte("\n" + inner + "func() {")})
	// Indent the body one more tab, except lines inside raw strings.
	raw := map[int]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && lit.Value[0] == '`' {
			for l := tf.Line(lit.Pos()) + 1; l <= tf.Line(lit.End()); l++ {
				raw[l] = true
			}
		}
		return true
	})
	for l := first + 1; l < last; l++ {
		start := tf.LineStart(l)
		off := tf.Offset(start)
		if raw[l] || off >= len(src) || src[off] == '\n' {
			continue
		}
		fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: start, End: start, NewText: []byte("\t")})
	}
	fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: closeLine, End: closeLine, NewText: []byte(inner + "}()\n")})
	return fix, true
}

// movable reports whether body means the same inside a func literal.
func movable(info *types.Info, body *ast.BlockStmt) bool {
	inside := map[*types.Label]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			if l, ok := info.Defs[ls.Label].(*types.Label); ok {
				inside[l] = true
			}
		}
		return true
	})
	ok := true
	var visit func(root ast.Node, inLoop, inBreakable bool)
	visit = func(root ast.Node, inLoop, inBreakable bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				ok = false
			case *ast.ForStmt, *ast.RangeStmt:
				if n != root {
					visit(n, true, true)
					return false
				}
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != root {
					visit(n, inLoop, true)
					return false
				}
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.GOTO:
					ok = false
				case n.Label != nil:
					l, _ := info.Uses[n.Label].(*types.Label)
					ok = inside[l]
				case n.Tok == token.BREAK:
					ok = inBreakable
				case n.Tok == token.CONTINUE:
					ok = inLoop
				}
			case *ast.CallExpr:
				if id, isID := ast.Unparen(n.Fun).(*ast.Ident); isID {
					if b, isB := info.Uses[id].(*types.Builtin); isB && b.Name() == "recover" {
						ok = false
					}
				}
			}
			return true
		})
	}
	visit(body, false, false)
	return ok
}

// deferSeesLoopVar reports whether a deferred func literal in the loop's
// body refers to a variable the loop header declares.
func deferSeesLoopVar(info *types.Info, loop ast.Node) bool {
	vars := map[types.Object]bool{}
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		if init, ok := l.Init.(*ast.AssignStmt); ok && init.Tok == token.DEFINE {
			for _, lhs := range init.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && info.Defs[id] != nil {
					vars[info.Defs[id]] = true
				}
			}
		}
		body = l.Body
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if id, ok := e.(*ast.Ident); ok && l.Tok == token.DEFINE && info.Defs[id] != nil {
				vars[info.Defs[id]] = true
			}
		}
		body = l.Body
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && vars[info.Uses[id]] {
						found = true
					}
					return !found
				})
			}
		}
		return !found
	})
	return found
}

// onceGuarded reports whether the defer sits in an if statement that can
// run its body once: the body sets what the condition tests, as in lazy
// set-up
//
//	if timer == nil {
//		timer = time.NewTimer(d)
//		defer timer.Stop()
//	}
//
// or a flag: if first { first = false; ...; defer ... }.
func onceGuarded(def, loop inspector.Cursor) bool {
	for c := def; c.Node() != loop.Node(); c = c.Parent() {
		if c.ParentEdgeKind() != edge.IfStmt_Body {
			continue
		}
		ifs := c.Parent().Node().(*ast.IfStmt)
		var x ast.Expr
		var want string // what the body must assign: "" for any value
		switch cond := ast.Unparen(ifs.Cond).(type) {
		case *ast.BinaryExpr:
			if cond.Op != token.EQL {
				continue
			}
			switch {
			case isNil(cond.Y):
				x = cond.X
			case isNil(cond.X):
				x = cond.Y
			}
		case *ast.UnaryExpr:
			if cond.Op == token.NOT {
				x, want = cond.X, "true"
			}
		case *ast.Ident, *ast.SelectorExpr:
			x, want = cond, "false"
		}
		if x == nil {
			continue
		}
		target := types.ExprString(ast.Unparen(x))
		found := false
		ast.Inspect(ifs.Body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN {
				return !found
			}
			for i, lhs := range as.Lhs {
				if types.ExprString(lhs) != target {
					continue
				}
				if want == "" || len(as.Rhs) == len(as.Lhs) && types.ExprString(as.Rhs[i]) == want {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

func isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// deferredEscapes reports whether a variable of the loop that a defer in
// its body uses (f in defer f.Close()) can be used after the iteration:
// it is captured by a goroutine or another func literal, stored in a
// variable, field or element declared outside the loop, put in a
// composite literal, appended, sent, or has its address taken. Closing it
// at the end of the iteration, as the fix would, could then break a later
// use.
func deferredEscapes(info *types.Info, loop ast.Node, body *ast.BlockStmt) bool {
	inLoop := func(obj types.Object) bool {
		return obj != nil && loop.Pos() <= obj.Pos() && obj.Pos() < loop.End()
	}
	// The loop's variables that the body's defers use.
	vars := map[types.Object]bool{}
	var defers []*ast.DeferStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			defers = append(defers, n)
			ast.Inspect(n.Call, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && inLoop(v) {
						vars[v] = true
					}
				}
				return true
			})
		}
		return true
	})
	if len(vars) == 0 {
		return false
	}
	// uses reports whether e can hold one of vars. A string, number or
	// bool read from one (f.Name(), r.n) is a copy and does not count.
	uses := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.SelectorExpr, *ast.CallExpr:
				if b, ok := info.TypeOf(m.(ast.Expr)).(*types.Basic); ok && b.Kind() != types.UnsafePointer && b.Kind() != types.Uintptr {
					return false
				}
			case *ast.Ident:
				found = found || vars[info.Uses[m]]
			}
			return !found
		})
		return found
	}
	isDefer := func(n ast.Node) bool {
		for _, d := range defers {
			if n == d.Call.Fun {
				return true
			}
		}
		return false
	}
	escapes := false
	ast.Inspect(body, func(n ast.Node) bool {
		if escapes {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			escapes = !isDefer(n) && uses(n)
			return false
		case *ast.GoStmt:
			escapes = uses(n)
		case *ast.CompositeLit:
			escapes = uses(n)
		case *ast.SendStmt:
			escapes = uses(n.Value)
		case *ast.UnaryExpr:
			escapes = n.Op == token.AND && uses(n.X)
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "append" {
					escapes = uses(n)
				}
			}
		case *ast.AssignStmt:
			for _, rhs := range n.Rhs {
				if !uses(rhs) {
					continue
				}
				for _, lhs := range n.Lhs {
					id, ok := ast.Unparen(lhs).(*ast.Ident)
					if !ok || !inLoop(info.ObjectOf(id)) && id.Name != "_" {
						escapes = true
					}
				}
			}
		}
		return !escapes
	})
	return escapes
}
