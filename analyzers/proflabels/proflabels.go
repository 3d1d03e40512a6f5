package proflabels

import (
	_ "embed"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "proflabels",
	Doc:      analysisutil.Doc(doc, "proflabels"),
	URL:      analysisutil.URL("proflabels"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

const pprofPath = "runtime/pprof"

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, pprofPath) {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, r: report.New(pass), insp: insp}
	c.index()
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if analysisutil.IsTestFile(pass, call.Pos()) {
			continue
		}
		fn := analysisutil.Callee(pass.TypesInfo, call)
		switch {
		case analysisutil.IsPkgFunc(fn, pprofPath, "WithLabels"):
			c.checkWithLabels(cur, call)
		case analysisutil.IsPkgFunc(fn, pprofPath, "Do") && len(call.Args) == 3:
			c.checkDoCallback(call)
			c.checkDoBackground(cur, call)
		case analysisutil.IsPkgFunc(fn, pprofPath, "SetGoroutineLabels"):
			c.checkSet(cur, call)
		}
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	r    *report.Reporter
	insp *inspector.Inspector

	uses     map[*types.Var][]inspector.Cursor // uses of context variables
	decls    map[*types.Func]*ast.FuncDecl
	entries  map[ast.Node]bool // goroutine entries: FuncDecls and FuncLits
	labelled map[*types.Var]bool
	doLits   map[*ast.FuncLit]bool // func literals passed to pprof.Do
}

// index records the uses of context variables, the package's function
// declarations, the func literals passed to pprof.Do and the variables
// assigned a pprof.WithLabels result.
func (c *checker) index() {
	info := c.pass.TypesInfo
	c.uses = map[*types.Var][]inspector.Cursor{}
	c.decls = map[*types.Func]*ast.FuncDecl{}
	c.labelled = map[*types.Var]bool{}
	c.doLits = map[*ast.FuncLit]bool{}
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil), (*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && analysisutil.IsContext(v.Type()) {
				c.uses[v] = append(c.uses[v], cur)
			}
		case *ast.FuncDecl:
			if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				c.decls[fn] = n
			}
		case *ast.CallExpr:
			fn := analysisutil.Callee(info, n)
			if analysisutil.IsPkgFunc(fn, pprofPath, "Do") && len(n.Args) == 3 {
				if lit, ok := ast.Unparen(n.Args[2]).(*ast.FuncLit); ok {
					c.doLits[lit] = true
					for _, p := range params(info, lit.Type) {
						c.labelled[p] = true
					}
				}
			}
			if analysisutil.IsPkgFunc(fn, pprofPath, "WithLabels") {
				if v := assignedVar(info, cur); v != nil {
					c.labelled[v] = true
				}
			}
		}
	}
}

func params(info *types.Info, ft *ast.FuncType) []*types.Var {
	var out []*types.Var
	if ft.Params == nil {
		return nil
	}
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			if v, ok := info.Defs[name].(*types.Var); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// assignedVar returns the variable an expression at cur is assigned to
// (v := e, v = e, var v = e), or nil.
func assignedVar(info *types.Info, cur inspector.Cursor) *types.Var {
	node, parent := climbParens(cur)
	var lhs ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == len(p.Rhs) {
			for i, r := range p.Rhs {
				if r == node {
					lhs = p.Lhs[i]
				}
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) == len(p.Values) {
			for i, r := range p.Values {
				if r == node {
					lhs = p.Names[i]
				}
			}
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// climbParens returns the outermost parenthesized form of the node at cur
// and its parent.
func climbParens(cur inspector.Cursor) (ast.Node, inspector.Cursor) {
	node, parent := cur.Node(), cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			return node, parent
		}
		node, parent = parent.Node(), parent.Parent()
	}
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// --- WithLabels whose context is never applied ---

// maxDepth bounds how far a labelled context is followed into the
// package's own functions.
const maxDepth = 4

func (c *checker) checkWithLabels(cur inspector.Cursor, call *ast.CallExpr) {
	// A WithLabels nested in another is reported with the outer one.
	if _, parent := climbParens(cur); parent.Valid() {
		if outer, ok := parent.Node().(*ast.CallExpr); ok && analysisutil.IsCallTo(c.pass.TypesInfo, outer, pprofPath, "WithLabels") {
			return
		}
	}
	if c.exprLive(cur, 0, map[*types.Var]bool{}) {
		return
	}
	c.r.Report(call, "the context from pprof.WithLabels never reaches pprof.SetGoroutineLabels or pprof.Do, so no profile sample carries these labels: WithLabels only returns a context; run the work in pprof.Do(ctx, labels, func(ctx context.Context) { ... })",
		contract.WithLabelsOnlyChangesContext, contract.LabelsStoredOnCurrentG)
}

// exprLive reports whether the labelled context computed by the
// expression at cur may reach SetGoroutineLabels or Do, or goes where it
// cannot be followed; false means it certainly never does.
func (c *checker) exprLive(cur inspector.Cursor, depth int, seen map[*types.Var]bool) bool {
	info := c.pass.TypesInfo
	node, parent := climbParens(cur)
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		return false // discarded
	case *ast.CallExpr:
		for i, a := range p.Args {
			if a == node {
				return c.argLive(parent, p, i, depth, seen)
			}
		}
		return true
	case *ast.AssignStmt, *ast.ValueSpec:
		if as, ok := p.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if l == node {
					return false // assigned to, not used
				}
			}
		}
		v := assignedVar(info, cur)
		if v == nil {
			if as, ok := p.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == "_" && len(as.Lhs) == 1 {
						return false
					}
				}
			}
			return true
		}
		return c.varLive(v, depth, seen)
	case *ast.SelectorExpr:
		return false // ctx.Done(), ctx.Err(): no labels are applied
	case *ast.BinaryExpr:
		return false
	}
	return true
}

// varLive reports whether a variable holding the labelled context may
// carry it to SetGoroutineLabels or Do.
func (c *checker) varLive(v *types.Var, depth int, seen map[*types.Var]bool) bool {
	if v.Name() == "_" {
		return false
	}
	if isPackageLevel(v) || depth > maxDepth {
		return true
	}
	if seen[v] {
		return false
	}
	seen[v] = true
	for _, u := range c.uses[v] {
		if c.exprLive(u, depth, seen) {
			return true
		}
	}
	return false
}

// argLive reports whether passing the labelled context as argument i of
// call may apply its labels.
func (c *checker) argLive(cur inspector.Cursor, call *ast.CallExpr, i int, depth int, seen map[*types.Var]bool) bool {
	info := c.pass.TypesInfo
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return c.paramLive(lit.Type, i, depth, seen)
	}
	fn := analysisutil.Callee(info, call)
	if fn == nil {
		return true // a func value or interface method: cannot follow
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == pprofPath {
		switch fn.Name() {
		case "WithLabels":
			return c.exprLive(cur, depth, seen)
		case "SetGoroutineLabels", "Do":
			return true // applied
		}
		return true // Label, ForLabels: labels read from the context
	}
	if d := c.decls[fn.Origin()]; d != nil {
		return c.paramLive(d.Type, i, depth+1, seen)
	}
	if fn.Pkg() == nil || !isStd(fn.Pkg().Path()) {
		return true // another module may apply the labels
	}
	// The standard library never applies a caller's labels outside
	// runtime/pprof; follow contexts it derives (context.WithCancel).
	sig := fn.Type().(*types.Signature)
	for j := 0; j < sig.Results().Len(); j++ {
		t := sig.Results().At(j).Type()
		switch {
		case analysisutil.IsContext(t):
			if sig.Results().Len() == 1 {
				if c.exprLive(cur, depth, seen) {
					return true
				}
				continue
			}
			if v := tupleVar(info, cur, j); v != nil {
				if c.varLive(v, depth, seen) {
					return true
				}
				continue
			}
			return true
		case holdsNothing(t):
		default:
			return true // a request or other value may carry the context on
		}
	}
	return false
}

// holdsNothing reports whether a value of type t cannot carry a context:
// basic types, error, funcs (a cancel function).
func holdsNothing(t types.Type) bool {
	if types.Identical(t, types.Universe.Lookup("error").Type()) {
		return true
	}
	switch t.Underlying().(type) {
	case *types.Basic, *types.Signature:
		return true
	}
	return false
}

// tupleVar returns the variable that result j of the call at cur is
// assigned to in "a, b := call()".
func tupleVar(info *types.Info, cur inspector.Cursor, j int) *types.Var {
	node, parent := climbParens(cur)
	var lhs ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && p.Rhs[0] == node && j < len(p.Lhs) {
			lhs = p.Lhs[j]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && p.Values[0] == node && j < len(p.Names) {
			lhs = p.Names[j]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// paramLive follows the labelled context into parameter i of a function
// of the package.
func (c *checker) paramLive(ft *ast.FuncType, i int, depth int, seen map[*types.Var]bool) bool {
	ps := params(c.pass.TypesInfo, ft)
	n := 0
	if ft.Params != nil {
		n = ft.Params.NumFields()
	}
	if len(ps) != n || i >= len(ps) {
		return true // unnamed parameters or variadic
	}
	if ft.Params != nil {
		last := ft.Params.List[len(ft.Params.List)-1]
		if _, variadic := last.Type.(*ast.Ellipsis); variadic && i >= len(ps)-1 {
			return true
		}
	}
	return c.varLive(ps[i], depth, seen)
}

// isStd reports whether an import path belongs to the standard library.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// --- the outer context used inside pprof.Do's function ---

func (c *checker) checkDoCallback(call *ast.CallExpr) {
	info := c.pass.TypesInfo
	lit, ok := ast.Unparen(call.Args[2]).(*ast.FuncLit)
	if !ok {
		return
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return
	}
	outer, ok := info.Uses[id].(*types.Var)
	if !ok {
		return
	}
	var bad []*ast.Ident
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			// ctx.Done(), ctx.Err(), ctx.Deadline(), ctx.Value(k) are the
			// same on both contexts.
			if x, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[x] == outer {
				if sel := info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal {
					return false
				}
			}
		case *ast.Ident:
			if info.Uses[n] == outer {
				bad = append(bad, n)
			}
		}
		return true
	})
	if len(bad) == 0 {
		return
	}
	name := outer.Name()
	inner, innerName := c.callbackParam(lit)
	use := "the function's context parameter"
	if innerName != "" && innerName != "_" {
		use = innerName
	}
	d := analysis.Diagnostic{
		Pos:     bad[0].Pos(),
		End:     bad[0].End(),
		Message: "inside pprof.Do's function, " + name + " is the context without the new labels, so code that reads labels from it (a nested pprof.Do, SetGoroutineLabels, pprof.Label) loses them: use " + use + ", the labelled copy Do passes in",
	}
	if fix, ok := c.callbackFix(lit, outer, inner, innerName, bad); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.r.Diagnostic(d, contract.DoLabelsFromCtxNotGoroutine)
}

// callbackParam returns the parameter field of a pprof.Do func literal
// and its name ("" when unnamed).
func (c *checker) callbackParam(lit *ast.FuncLit) (*ast.Field, string) {
	if lit.Type.Params == nil || len(lit.Type.Params.List) != 1 {
		return nil, ""
	}
	f := lit.Type.Params.List[0]
	if len(f.Names) == 0 {
		return f, ""
	}
	return f, f.Names[0].Name
}

// callbackFix makes the func literal use its own context: it names an
// unnamed or blank parameter after the outer context, which then refers to
// the labelled copy in the whole body; or it replaces each use of the
// outer context with the parameter's name.
func (c *checker) callbackFix(lit *ast.FuncLit, outer *types.Var, param *ast.Field, paramName string, bad []*ast.Ident) (analysis.SuggestedFix, bool) {
	if param == nil {
		return analysis.SuggestedFix{}, false
	}
	info := c.pass.TypesInfo
	fix := analysis.SuggestedFix{Message: "Use the context pprof.Do passes in"}
	switch paramName {
	case "", "_":
		// The parameter takes the outer name; the body must not declare
		// that name at its top level.
		if scope := info.Scopes[lit.Type]; scope == nil || scope.Lookup(outer.Name()) != nil {
			return analysis.SuggestedFix{}, false
		}
		if paramName == "" {
			fix.TextEdits = []analysis.TextEdit{{Pos: param.Type.Pos(), End: param.Type.Pos(), NewText: []byte(outer.Name() + " ")}}
		} else {
			fix.TextEdits = []analysis.TextEdit{{Pos: param.Names[0].Pos(), End: param.Names[0].End(), NewText: []byte(outer.Name())}}
		}
		// Uses of the outer name that are not errors need no edit: they
		// now refer to the parameter.
		return fix, true
	}
	pv, ok := info.Defs[param.Names[0]].(*types.Var)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	for _, id := range bad {
		scope := c.pass.Pkg.Scope().Innermost(id.Pos())
		if scope == nil {
			return analysis.SuggestedFix{}, false
		}
		if _, obj := scope.LookupParent(paramName, id.Pos()); obj != pv {
			return analysis.SuggestedFix{}, false // shadowed here
		}
		fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(paramName)})
	}
	return fix, true
}

// --- pprof.Do(context.Background(), ...) with a context in scope ---

func (c *checker) checkDoBackground(cur inspector.Cursor, call *ast.CallExpr) {
	info := c.pass.TypesInfo
	bg, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
	if !ok || !analysisutil.IsCallTo(info, bg, "context", "Background", "TODO") {
		return
	}
	// Parameters of the function the call is in (not of enclosing
	// functions: a goroutine started with fresh labels may mean it).
	own := map[*types.Var]bool{}
	if fn, ok := analysisutil.EnclosingFunc(cur); ok {
		var ft *ast.FuncType
		switch f := fn.Node().(type) {
		case *ast.FuncDecl:
			ft = f.Type
		case *ast.FuncLit:
			ft = f.Type
		}
		for _, p := range params(info, ft) {
			own[p] = true
		}
	}
	scope := c.pass.Pkg.Scope().Innermost(call.Pos())
	var cand *types.Var
	labelled := false
	for s := scope; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || name == "_" || !analysisutil.IsContext(v.Type()) || v.Pos() >= call.Pos() {
				continue
			}
			if c.labelled[v] && (cand == nil || !labelled) {
				cand, labelled = v, true
			} else if own[v] && cand == nil {
				cand = v
			}
		}
	}
	if cand == nil {
		return
	}
	what := cand.Name() + " is labelled here"
	if !labelled {
		what = cand.Name() + " may carry labels from the caller"
	}
	c.r.Report(bg, "pprof.Do starts from the labels of the context it is given, not the goroutine's, and "+what+": with "+types.ExprString(bg)+" those labels are dropped for the call, and when Do returns the goroutine is left with no labels at all; pass "+cand.Name(),
		contract.DoLabelsFromCtxNotGoroutine, contract.DoRestoresCtxLabelsOnReturn)
}

// --- SetGoroutineLabels that leaks onto the caller ---

func (c *checker) checkSet(cur inspector.Cursor, call *ast.CallExpr) {
	if inDefer(cur) {
		return
	}
	fnCur, ok := analysisutil.EnclosingFunc(cur)
	if !ok {
		return
	}
	fn := fnCur.Node()
	if lit, ok := fn.(*ast.FuncLit); ok && c.doLits[lit] {
		return // pprof.Do restores the labels when its function returns
	}
	if c.restores(fnCur, call) || c.isEntry(fn) {
		return
	}
	c.r.Report(call, "SetGoroutineLabels changes the labels of whatever goroutine runs this function, and nothing here restores them, so the caller's later work (and goroutines it starts) carries them too: use pprof.Do(ctx, labels, f), which restores the labels when f returns, or restore them with a deferred SetGoroutineLabels of the incoming context",
		contract.SetGoroutineLabelsReplaces, contract.UserGoroutinesInheritLabels)
}

// inDefer reports whether the call at cur runs deferred.
func inDefer(cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Valid(); c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.DeferStmt:
			return true
		case *ast.FuncLit:
			call, ok := c.Parent().Node().(*ast.CallExpr)
			if !ok || ast.Unparen(call.Fun) != n {
				return false
			}
			if _, ok := c.Parent().Parent().Node().(*ast.DeferStmt); !ok {
				return false
			}
			return true
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}

// restores reports whether the function at fnCur sets the labels a second
// time: deferred, or as a set/reset pair.
func (c *checker) restores(fnCur inspector.Cursor, call *ast.CallExpr) bool {
	for n := range fnCur.Preorder((*ast.CallExpr)(nil)) {
		other := n.Node().(*ast.CallExpr)
		if other == call || !analysisutil.IsCallTo(c.pass.TypesInfo, other, pprofPath, "SetGoroutineLabels") {
			continue
		}
		if f, ok := analysisutil.EnclosingFunc(n); ok && f.Node() != fnCur.Node() && !inDefer(n) {
			continue // in a nested function that is not deferred
		}
		return true // a deferred restore, or a set/reset pair
	}
	return false
}

// isEntry reports whether fn runs as its own goroutine: started by a go
// statement or a known spawner, main.main or init, or an unexported
// function called only from such functions.
func (c *checker) isEntry(fn ast.Node) bool {
	if c.entries == nil {
		c.entries = c.computeEntries()
	}
	return c.entries[fn]
}

func (c *checker) computeEntries() map[ast.Node]bool {
	info := c.pass.TypesInfo
	entries := map[ast.Node]bool{}
	mark := func(e ast.Expr, cur inspector.Cursor) {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.FuncLit:
			entries[x] = true
			return
		case *ast.Ident:
			if v, ok := info.Uses[x].(*types.Var); ok {
				if lit := c.localLit(cur, v); lit != nil {
					entries[lit] = true
				}
				return
			}
		}
		var obj types.Object
		switch x := e.(type) {
		case *ast.Ident:
			obj = info.Uses[x]
		case *ast.SelectorExpr:
			obj = info.Uses[x.Sel]
		}
		if fn, ok := obj.(*types.Func); ok {
			if d := c.decls[fn.Origin()]; d != nil {
				entries[d] = true
			}
		}
	}
	for cur := range c.insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil), (*ast.FuncDecl)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			mark(n.Call.Fun, cur)
		case *ast.CallExpr:
			fn := analysisutil.Callee(info, n)
			if isSpawner(fn) && len(n.Args) > 0 {
				mark(n.Args[len(n.Args)-1], cur)
			}
			if analysisutil.IsPkgFunc(fn, "time", "AfterFunc") && len(n.Args) == 2 {
				mark(n.Args[1], cur) // f runs in its own goroutine
			}
		case *ast.FuncDecl:
			if n.Recv == nil && (n.Name.Name == "init" || n.Name.Name == "main" && analysisutil.IsMain(c.pass)) {
				entries[n] = true
			}
		}
	}
	// An unexported function all of whose uses are calls from entries runs
	// in those goroutines too (a helper that labels the goroutine it is
	// called at the start of). One pass collects, per function, the
	// functions that call it (nil for a use that is not a call); then a
	// fixpoint marks the helpers.
	callers := map[*ast.FuncDecl][]ast.Node{}
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || fn.Exported() {
			continue
		}
		d := c.decls[fn.Origin()]
		if d == nil {
			continue
		}
		var caller ast.Node
		node, parent := climbParens(cur)
		if sel, ok := parent.Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			node, parent = climbParens(parent)
		}
		if call, ok := parent.Node().(*ast.CallExpr); ok && call.Fun == node {
			if f, ok := analysisutil.EnclosingFunc(parent); ok {
				caller = f.Node()
			}
		}
		callers[d] = append(callers[d], caller)
	}
	for changed := true; changed; {
		changed = false
		for d, cs := range callers {
			if entries[d] {
				continue
			}
			all := true
			for _, caller := range cs {
				if caller == nil || !entries[caller] {
					all = false
					break
				}
			}
			if all {
				entries[d] = true
				changed = true
			}
		}
	}
	return entries
}

// isSpawner reports whether fn runs its func argument in a new goroutine:
// (*sync.WaitGroup).Go, errgroup's Go and TryGo.
func isSpawner(fn *types.Func) bool {
	return analysisutil.IsMethod(fn, "sync", "WaitGroup", "Go") ||
		analysisutil.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Go") ||
		analysisutil.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "TryGo")
}

// localLit returns the func literal a local variable is assigned, when it
// is assigned exactly once.
func (c *checker) localLit(cur inspector.Cursor, v *types.Var) *ast.FuncLit {
	if isPackageLevel(v) {
		return nil
	}
	var decl inspector.Cursor
	for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = f
	}
	if !decl.Valid() {
		return nil
	}
	info := c.pass.TypesInfo
	var lit *ast.FuncLit
	n := 0
	for a := range decl.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch s := a.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == v {
					n++
					if len(s.Rhs) == len(s.Lhs) {
						lit, _ = ast.Unparen(s.Rhs[i]).(*ast.FuncLit)
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range s.Names {
				if info.Defs[name] == v {
					n++
					if len(s.Values) == len(s.Names) {
						lit, _ = ast.Unparen(s.Values[i]).(*ast.FuncLit)
					}
				}
			}
		}
	}
	if n != 1 {
		return nil
	}
	return lit
}
