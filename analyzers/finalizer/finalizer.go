package finalizer

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
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
	Name:     "finalizer",
	Doc:      analysisutil.Doc(doc, "finalizer"),
	URL:      analysisutil.URL("finalizer"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

// maxDepth bounds how deep the search for data operations follows calls
// into functions and methods declared in the analyzed package.
const maxDepth = 3

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "runtime") {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, r: report.New(pass)}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := analysisutil.Callee(pass.TypesInfo, call)
		isSet := analysisutil.IsPkgFunc(fn, "runtime", "SetFinalizer") && len(call.Args) == 2
		isAdd := analysisutil.IsPkgFunc(fn, "runtime", "AddCleanup") && len(call.Args) == 3
		if !isSet && !isAdd || analysisutil.IsTestFile(pass, call.Pos()) {
			continue
		}
		if isSet {
			c.setFinalizer(cur, call)
		} else {
			c.addCleanup(cur, call)
		}
	}
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	r     *report.Reporter
	decls map[*types.Func]*ast.FuncDecl // built on first use
}

func (c *checker) setFinalizer(cur inspector.Cursor, call *ast.CallExpr) {
	if tv, ok := c.pass.TypesInfo.Types[call.Args[1]]; ok && tv.IsNil() {
		return // SetFinalizer(obj, nil) removes a finalizer
	}
	if t, ok := c.resolve(cur, call.Args[1]); ok {
		if op, ok := c.dataOp(t); ok {
			c.r.Report(call, "this finalizer "+op.describe(c.pass.Pkg)+": finalizers need not run, not even at program exit, so that data can be lost; make callers Close explicitly and keep a finalizer, if any, only to report the leak",
				contract.FinalizerMustNotFlush, contract.FinalizersMayNotRunAtExit)
			return
		}
	}
	// A closure that captures obj is staticcheck's SA5005; not repeated here.
	f := analysisutil.File(c.pass, call.Pos())
	if v := analysisutil.FileVersion(c.pass, f); analysisutil.AtLeast(v, "go1.24") {
		c.r.Report(call, "since Go 1.24 runtime.AddCleanup serves better than SetFinalizer: it does not resurrect the object (a finalized object, and all it references, survives one more GC cycle), allows several cleanups per object, and still runs when the object is part of a reference cycle, where a finalizer never runs; attach a cleanup and pass it what it releases as arg",
			contract.PreferAddCleanup, contract.FinalizerResurrectsObject, contract.FinalizerCycleNeverCollected)
	}
}

func (c *checker) addCleanup(cur inspector.Cursor, call *ast.CallExpr) {
	ptr, cleanup, arg := call.Args[0], call.Args[1], call.Args[2]
	root, rootKind := ptrRoot(c.pass.TypesInfo, ptr)
	reported := false
	if root != nil {
		reported = c.checkArg(call, ptr, arg, root) || c.checkCapture(cur, call, cleanup, root, rootKind)
	}
	if reported {
		return
	}
	if t, ok := c.resolve(cur, cleanup); ok {
		if op, ok := c.dataOp(t); ok {
			c.r.Report(call, "this cleanup "+op.describe(c.pass.Pkg)+": cleanups need not run, not even before program exit, so that data can be lost; make callers Close explicitly and keep a cleanup, if any, only to release resources or report the leak",
				contract.CleanupsMayNotRun)
		}
	}
}

// checkArg reports an arg that keeps ptr reachable.
func (c *checker) checkArg(call *ast.CallExpr, ptr, arg ast.Expr, root *types.Var) bool {
	info := c.pass.TypesInfo
	a := stripConversions(info, arg)
	name := types.ExprString(ptr)
	switch {
	case sameRef(info, a, ptr):
		c.r.Report(arg, "arg is "+name+" itself: the runtime keeps arg for the cleanup, so "+name+" stays reachable and the cleanup never runs; AddCleanup panics on this since Go 1.24: pass what the cleanup releases (a handle, a field's value), not the object",
			contract.AddCleanupRejectsArgEqualPtr, contract.CleanupReachablePtrNeverRuns)
		return true
	case pointsInto(info, a, ptr):
		c.r.Report(arg, "arg points into "+name+", so "+name+" stays reachable from the cleanup's argument and the cleanup never runs; since Go 1.26 AddCleanup panics on this (earlier releases fail silently): pass the field's value, not its address",
			contract.AddCleanupRejectsArgInsidePtr, contract.CleanupReachablePtrNeverRuns)
		return true
	case holds(info, a, ptr):
		c.r.Report(arg, "arg holds "+name+", so "+name+" stays reachable from the cleanup's argument and the cleanup never runs, and the runtime does not detect it: pass only what the cleanup releases",
			contract.CleanupReachablePtrNeverRuns)
		return true
	}
	return false
}

// checkCapture reports a cleanup function that captures ptr's variable.
func (c *checker) checkCapture(cur inspector.Cursor, call *ast.CallExpr, cleanup ast.Expr, root *types.Var, kind refKind) bool {
	info := c.pass.TypesInfo
	name := root.Name()
	var at ast.Node
	caught := false
	switch e := ast.Unparen(cleanup).(type) {
	case *ast.SelectorExpr:
		// A method value binds its receiver: p.release captures p when the
		// bound receiver is the pointer itself.
		sel := info.Selections[e]
		if sel == nil || sel.Kind() != types.MethodVal {
			return false
		}
		id, ok := ast.Unparen(e.X).(*ast.Ident)
		if !ok || info.Uses[id] != root || !pointerRecv(sel) {
			return false
		}
		if kind == refVar || kind == refAddr {
			at, caught = e, true
		}
	default:
		lit := c.funcLit(cur, cleanup)
		if lit == nil {
			return false
		}
		if root.Pos() >= lit.Pos() && root.Pos() < lit.End() {
			return false
		}
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if at != nil {
				return false
			}
			if id, ok := n.(*ast.Ident); ok && info.Uses[id] == root {
				at = id
			}
			return true
		})
		if at == nil {
			return false
		}
		switch kind {
		case refVar:
			caught = !reassigned(c.pass, cur, root)
		case refAddr:
			caught = true
		}
	}
	if at == nil {
		return false
	}
	ids := []contract.ID{contract.CleanupReachablePtrNeverRuns}
	how := "the runtime does not detect this (it checks only the pointers the closure holds directly)"
	if caught {
		how = "since Go 1.26 AddCleanup panics on this (earlier releases fail silently)"
		ids = append(ids, contract.AddCleanupRejectsClosureOverPtr)
	}
	c.r.Report(at, fmt.Sprintf("the cleanup function captures %s, so %s stays reachable from the cleanup and the cleanup never runs; %s: pass what the cleanup needs as arg and use only its parameter",
		name, types.ExprString(call.Args[0]), how), ids...)
	return true
}

// pointerRecv reports whether a method value binds a pointer receiver.
func pointerRecv(sel *types.Selection) bool {
	fn, ok := sel.Obj().(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return false
	}
	_, ok = sig.Recv().Type().(*types.Pointer)
	return ok
}

// refKind says how ptr refers to its root variable.
type refKind int

const (
	refVar   refKind = iota // p
	refAddr                 // &v
	refField                // x.f, &x.f
)

// ptrRoot returns the local variable that ptr is or is built from.
func ptrRoot(info *types.Info, ptr ast.Expr) (*types.Var, refKind) {
	e := ast.Unparen(ptr)
	kind := refVar
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
		kind = refAddr
	}
	if _, ok := e.(*ast.SelectorExpr); ok {
		kind = refField
	}
	for {
		switch x := e.(type) {
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok || isPackageLevel(v) {
				return nil, 0
			}
			return v, kind
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
				return nil, 0
			}
			e = ast.Unparen(x.X)
		default:
			return nil, 0
		}
	}
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// stripConversions removes parentheses and type conversions
// (unsafe.Pointer(p)).
func stripConversions(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

// sameRef reports whether a and b denote the same variable or field path
// (p and p, &v and &v, s.p and s.p).
func sameRef(info *types.Info, a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch x := a.(type) {
	case *ast.Ident:
		y, ok := b.(*ast.Ident)
		return ok && info.Uses[x] != nil && info.Uses[x] == info.Uses[y]
	case *ast.SelectorExpr:
		y, ok := b.(*ast.SelectorExpr)
		return ok && info.Uses[x.Sel] != nil && info.Uses[x.Sel] == info.Uses[y.Sel] && sameRef(info, x.X, y.X)
	case *ast.UnaryExpr:
		y, ok := b.(*ast.UnaryExpr)
		return ok && x.Op == token.AND && y.Op == token.AND && sameRef(info, x.X, y.X)
	case *ast.StarExpr:
		y, ok := b.(*ast.StarExpr)
		return ok && sameRef(info, x.X, y.X)
	}
	return false
}

// pointsInto reports whether a is the address of a part of the object ptr
// points to: &ptr.f, &ptr.f.g (through struct fields held by value) or
// &ptr.arr[i].
func pointsInto(info *types.Info, a, ptr ast.Expr) bool {
	u, ok := ast.Unparen(a).(*ast.UnaryExpr)
	if !ok || u.Op != token.AND {
		return false
	}
	target := ast.Unparen(ptr)
	if pu, ok := target.(*ast.UnaryExpr); ok && pu.Op == token.AND {
		target = pu.X // ptr == &v: &v.f points into v
	}
	e := ast.Unparen(u.X)
	for {
		var x ast.Expr
		switch s := e.(type) {
		case *ast.SelectorExpr:
			if sel := info.Selections[s]; sel == nil || sel.Kind() != types.FieldVal {
				return false
			}
			x = s.X
		case *ast.IndexExpr:
			if _, isArray := typeUnder(info, s.X).(*types.Array); !isArray {
				return false
			}
			x = s.X
		default:
			return false
		}
		x = ast.Unparen(x)
		if sameRef(info, x, target) {
			return true
		}
		// Continue only through parts held by value: a pointer field
		// leads to another object.
		if _, isPtr := typeUnder(info, x).(*types.Pointer); isPtr {
			return false
		}
		e = x
	}
}

func typeUnder(info *types.Info, e ast.Expr) types.Type {
	t := info.TypeOf(e)
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// holds reports whether a composite literal a contains ptr, or a pointer
// into it, among its elements.
func holds(info *types.Info, a, ptr ast.Expr) bool {
	e := ast.Unparen(a)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		elt = stripConversions(info, elt)
		if sameRef(info, elt, ptr) || pointsInto(info, elt, ptr) || holds(info, elt, ptr) {
			return true
		}
	}
	return false
}

// reassigned reports whether v is assigned after its declaration, or has
// its address taken, in the function declaring it: a closure then
// captures the variable, not its value.
func reassigned(pass *analysis.Pass, cur inspector.Cursor, v *types.Var) bool {
	var scope ast.Node
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		scope = fd.Node()
	}
	if scope == nil {
		return true
	}
	found := false
	isV := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && pass.TypesInfo.Uses[id] == v
	}
	ast.Inspect(scope, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || isV(l)
			}
		case *ast.IncDecStmt:
			found = found || isV(n.X)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && isV(n.X)
		case *ast.RangeStmt:
			found = found || n.Key != nil && isV(n.Key) || n.Value != nil && isV(n.Value)
		}
		return !found
	})
	return found
}

// funcLit returns the func literal e is, or the one a local variable e
// is assigned exactly once in the enclosing function.
func (c *checker) funcLit(cur inspector.Cursor, e ast.Expr) *ast.FuncLit {
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.FuncLit); ok {
		return lit
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || isPackageLevel(v) {
		return nil
	}
	var scope ast.Node
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		scope = fd.Node()
	}
	if scope == nil {
		return nil
	}
	var lit *ast.FuncLit
	n := 0
	info := c.pass.TypesInfo
	assign := func(lhs ast.Expr, rhs ast.Expr) {
		id, ok := lhs.(*ast.Ident)
		if !ok || (info.Defs[id] != v && info.Uses[id] != v) {
			return
		}
		n++
		if rhs != nil {
			lit, _ = ast.Unparen(rhs).(*ast.FuncLit)
		}
	}
	ast.Inspect(scope, func(node ast.Node) bool {
		switch s := node.(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				var r ast.Expr
				if len(s.Rhs) == len(s.Lhs) {
					r = s.Rhs[i]
				}
				assign(l, r)
			}
		case *ast.ValueSpec:
			for i, name := range s.Names {
				var r ast.Expr
				if len(s.Values) == len(s.Names) {
					r = s.Values[i]
				}
				assign(name, r)
			}
		}
		return true
	})
	if n != 1 {
		return nil
	}
	return lit
}

// A target is the function a finalizer or cleanup runs.
type target struct {
	node ast.Node    // *ast.FuncLit or *ast.FuncDecl; nil when declared in another package
	fn   *types.Func // the named function or method, if any
}

// resolve finds the function the expression e denotes.
func (c *checker) resolve(cur inspector.Cursor, e ast.Expr) (target, bool) {
	e = ast.Unparen(e)
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ast.Unparen(ix.X) // an instantiated generic function
	}
	if lit := c.funcLit(cur, e); lit != nil {
		return target{node: lit}, true
	}
	var fn *types.Func
	switch x := e.(type) {
	case *ast.Ident:
		fn, _ = c.pass.TypesInfo.Uses[x].(*types.Func)
	case *ast.SelectorExpr:
		if sel := c.pass.TypesInfo.Selections[x]; sel != nil {
			fn, _ = sel.Obj().(*types.Func)
		} else {
			fn, _ = c.pass.TypesInfo.Uses[x.Sel].(*types.Func)
		}
	}
	if fn == nil {
		return target{}, false
	}
	fn = fn.Origin()
	t := target{fn: fn}
	if d := c.decl(fn); d != nil {
		t.node = d
	}
	return t, true
}

func (c *checker) decl(fn *types.Func) *ast.FuncDecl {
	if fn.Pkg() != c.pass.Pkg {
		return nil
	}
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	return c.decls[fn]
}

// A dataOp is a call that moves data out of memory: a flush, sync,
// commit, write, or the close of a buffering writer.
type dataOp struct {
	verb   string // "flushes", ...
	method *types.Func
	via    []*types.Func // the package's functions that lead to it
}

// describe renders the operation for messages, naming types of the
// analyzed package pkg without qualification.
func (op dataOp) describe(pkg *types.Package) string {
	s := op.verb + " (" + funcName(op.method, pkg)
	for i := len(op.via) - 1; i >= 0; i-- {
		if i == len(op.via)-1 {
			s += ", called from "
		} else {
			s += " from "
		}
		s += funcName(op.via[i], pkg)
	}
	return s + ")"
}

// funcName renders (*bufio.Writer).Flush or pkg.F.
func funcName(fn *types.Func, pkg *types.Package) string {
	sig := fn.Type().(*types.Signature)
	q := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
	if sig.Recv() == nil {
		return fn.Name()
	}
	recv := types.TypeString(sig.Recv().Type(), q)
	if strings.HasPrefix(recv, "*") {
		recv = "(" + recv + ")"
	}
	return recv + "." + fn.Name()
}

// dataOp returns the first data operation the target performs on a local
// variable (its parameter, what it holds, a captured variable), following
// calls into the package's own functions up to maxDepth.
func (c *checker) dataOp(t target) (dataOp, bool) {
	if t.node == nil {
		if t.fn != nil {
			if verb := dataVerb(t.fn); verb != "" {
				return dataOp{verb: verb, method: t.fn}, true
			}
		}
		return dataOp{}, false
	}
	seen := map[*types.Func]bool{}
	if t.fn != nil {
		seen[t.fn] = true
	}
	op, ok := c.search(t.node, 0, seen)
	if ok && t.fn != nil {
		op.via = append(op.via, t.fn)
	}
	return op, ok
}

// search looks for a data operation in the function fn (a FuncLit or
// FuncDecl) on what it was given: a receiver or parameter, a variable a
// func literal at the top captures, or a local copied from one of those
// (w := obj.w). Writes to things the function makes itself (a file it
// opens to send a command, a writer for a leak report) are not the
// object's data.
func (c *checker) search(fn ast.Node, depth int, seen map[*types.Func]bool) (dataOp, bool) {
	var body *ast.BlockStmt
	var fields []*ast.FieldList
	switch fn := fn.(type) {
	case *ast.FuncLit:
		body, fields = fn.Body, []*ast.FieldList{fn.Type.Params}
	case *ast.FuncDecl:
		body, fields = fn.Body, []*ast.FieldList{fn.Recv, fn.Type.Params}
	}
	if body == nil {
		return dataOp{}, false
	}
	info := c.pass.TypesInfo
	given := map[*types.Var]bool{}
	for _, fl := range fields {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, name := range f.Names {
				if v, ok := info.Defs[name].(*types.Var); ok {
					given[v] = true
				}
			}
		}
	}
	_, isLit := fn.(*ast.FuncLit)
	isGiven := func(v *types.Var) bool {
		if given[v] {
			return true
		}
		// A variable captured by the top-level func literal.
		return depth == 0 && isLit && !isPackageLevel(v) && (v.Pos() < fn.Pos() || v.Pos() >= fn.End())
	}
	// Locals copied from what was given: w := obj.w.
	for range 2 {
		ast.Inspect(body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, l := range as.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				v, _ := info.ObjectOf(id).(*types.Var)
				if r := rootVar(info, as.Rhs[i]); v != nil && r != nil && isGiven(r) {
					given[v] = true
				}
			}
			return true
		})
	}
	var op dataOp
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		callee := analysisutil.Callee(info, call)
		if callee == nil {
			return true
		}
		callee = callee.Origin()
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isMethod(callee) {
			if verb := dataVerb(callee); verb != "" {
				if r := rootVar(info, sel.X); r != nil && isGiven(r) {
					op, found = dataOp{verb: verb, method: callee}, true
					return false
				}
			}
		}
		if depth < maxDepth && !seen[callee] {
			if d := c.decl(callee); d != nil {
				seen[callee] = true
				if inner, ok := c.search(d, depth+1, seen); ok {
					inner.via = append(inner.via, callee)
					op, found = inner, true
					return false
				}
			}
		}
		return true
	})
	return op, found
}

func isMethod(fn *types.Func) bool {
	return fn.Type().(*types.Signature).Recv() != nil
}

// dataVerb says what a method call does with data, or "" when it is not
// a data operation.
func dataVerb(fn *types.Func) string {
	if !isMethod(fn) {
		return ""
	}
	name := fn.Name()
	switch {
	case name == "Flush":
		return "flushes data"
	case name == "Sync":
		return "syncs data to storage"
	case name == "Commit":
		return "commits"
	case strings.HasPrefix(name, "Write"):
		return "writes data"
	case name == "Close" && hasFlush(fn):
		return "closes a buffered writer, which flushes it"
	}
	return ""
}

// hasFlush reports whether the receiver type of the method has a Flush
// method: its Close then writes out buffered data.
func hasFlush(fn *types.Func) bool {
	recv := fn.Type().(*types.Signature).Recv().Type()
	if _, ok := recv.Underlying().(*types.Interface); ok {
		return false // an interface's Close says nothing about buffering
	}
	if _, ok := recv.(*types.Pointer); !ok {
		recv = types.NewPointer(recv)
	}
	obj, _, _ := types.LookupFieldOrMethod(recv, false, fn.Pkg(), "Flush")
	_, ok := obj.(*types.Func)
	return ok
}

// rootVar returns the variable that e is, or is a field, element or
// dereference of; nil for anything else (a call, a package-level variable
// such as os.Stderr).
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok || isPackageLevel(v) {
				return nil
			}
			return v
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		default:
			return nil
		}
	}
}
