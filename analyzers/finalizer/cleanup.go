package finalizer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/contract"
)

// AddCleanup calls whose cleanup can never run: arg or the cleanup
// function keeps ptr reachable.

// checkArg reports an arg that keeps ptr reachable.
func (c *checker) checkArg(call *ast.CallExpr, ptr, arg ast.Expr, root *types.Var) bool {
	info := c.pass.TypesInfo
	a := stripConversions(info, arg)
	name := types.ExprString(ptr)
	switch {
	case sameRef(info, a, ptr):
		c.report(arg, "arg is "+name+" itself: the runtime keeps arg for the cleanup, so "+name+" stays reachable and the cleanup never runs; AddCleanup panics on this since Go 1.24: pass what the cleanup releases (a handle, a field's value), not the object",
			contract.AddCleanupRejectsArgEqualPtr, contract.CleanupReachablePtrNeverRuns)
		return true
	case pointsInto(info, a, ptr):
		c.report(arg, "arg points into "+name+", so "+name+" stays reachable from the cleanup's argument and the cleanup never runs; since Go 1.26 AddCleanup panics on this (earlier releases fail silently): pass the field's value, not its address",
			contract.AddCleanupRejectsArgInsidePtr, contract.CleanupReachablePtrNeverRuns)
		return true
	case holds(info, a, ptr):
		c.report(arg, "arg holds "+name+", so "+name+" stays reachable from the cleanup's argument and the cleanup never runs, and the runtime does not detect it: pass only what the cleanup releases",
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
	c.report(at, fmt.Sprintf("the cleanup function captures %s, so %s stays reachable from the cleanup and the cleanup never runs; %s: pass what the cleanup needs as arg and use only its parameter",
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
