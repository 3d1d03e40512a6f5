package deferloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// What a loop around a defer does: whether it ends, how often it can run,
// and what each iteration's defer holds.

// neverLeaves reports whether loop is a for loop without condition that
// nothing leaves: no return, no break out of it, no goto, no labeled
// branch to an enclosing statement, no runtime.Goexit. Its defers then
// run only on a panic. Calls that end the process (os.Exit, log.Fatal) do
// not run deferred calls either and are not a way out.
func neverLeaves(info *types.Info, loop inspector.Cursor) bool {
	fs, ok := loop.Node().(*ast.ForStmt)
	if !ok || fs.Cond != nil {
		return false
	}
	inside := map[*types.Label]bool{}
	ast.Inspect(fs.Body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			if l, ok := info.Defs[ls.Label].(*types.Label); ok {
				inside[l] = true
			}
		}
		return true
	})
	leaves := false
	var visit func(root ast.Node, nested bool)
	visit = func(root ast.Node, nested bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if leaves {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				leaves = true
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != root {
					visit(n, true)
					return false
				}
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.GOTO:
					leaves = true
				case n.Label != nil:
					l, _ := info.Uses[n.Label].(*types.Label)
					leaves = !inside[l] && !(n.Tok == token.CONTINUE && isOwnLabel(loop, l, info))
				case n.Tok == token.BREAK:
					leaves = !nested
				}
			case *ast.CallExpr:
				leaves = analysisutil.IsCallTo(info, n, "runtime", "Goexit")
			}
			return !leaves
		})
	}
	visit(fs.Body, false)
	return !leaves
}

// isOwnLabel reports whether l labels loop itself.
func isOwnLabel(loop inspector.Cursor, l *types.Label, info *types.Info) bool {
	ls, ok := loop.Parent().Node().(*ast.LabeledStmt)
	return ok && l != nil && info.Defs[ls.Label] == l
}

// isChanRange reports whether loop ranges over a channel (or a type
// parameter whose types are all channels).
func isChanRange(info *types.Info, loop ast.Node) bool {
	rs, ok := loop.(*ast.RangeStmt)
	if !ok {
		return false
	}
	return isChan(info.TypeOf(rs.X))
}

func isChan(t types.Type) bool {
	if t == nil {
		return false
	}
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		iface, _ := tp.Constraint().Underlying().(*types.Interface)
		if iface == nil || iface.NumEmbeddeds() == 0 {
			return false
		}
		for i := range iface.NumEmbeddeds() {
			switch e := iface.EmbeddedType(i).(type) {
			case *types.Union:
				for j := range e.Len() {
					if !isChan(e.Term(j).Type()) {
						return false
					}
				}
			default:
				if !isChan(e) {
					return false
				}
			}
		}
		return true
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// loopBound returns the most iterations loop can make when the code fixes
// it: a range over an array, a constant, a composite literal, or a local
// variable only ever set to composite literals (or reslices of itself);
// a for loop counting a variable between constants.
func loopBound(info *types.Info, loop inspector.Cursor, fn ast.Node) (int, bool) {
	switch l := loop.Node().(type) {
	case *ast.RangeStmt:
		return rangeBound(info, l.X, fn)
	case *ast.ForStmt:
		return countedBound(info, l)
	}
	return 0, false
}

func rangeBound(info *types.Info, x ast.Expr, fn ast.Node) (int, bool) {
	x = ast.Unparen(x)
	tv := info.Types[x]
	if tv.Value != nil && tv.Value.Kind() == constant.Int {
		n, ok := constant.Int64Val(tv.Value)
		return int(max(n, 0)), ok
	}
	t := tv.Type
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if a, ok := t.Underlying().(*types.Array); ok {
		return int(a.Len()), true
	}
	if lit, ok := x.(*ast.CompositeLit); ok {
		return len(lit.Elts), true
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || !analysisutil.Within(idAt(v), fn) {
		return 0, false // a parameter, a package variable: set elsewhere
	}
	n, known := 0, true
	ast.Inspect(fn, func(node ast.Node) bool {
		if u, ok := node.(*ast.UnaryExpr); ok && u.Op == token.AND && refersTo(info, u.X, v) {
			known = false // its address is taken: anything may set it
			return known
		}
		lhs, rhs, ok := analysisutil.Assignment(node)
		if !ok || len(rhs) == 0 {
			return known // not an assignment, or var x []T: nil until set
		}
		for i, l := range lhs {
			if !refersTo(info, l, v) {
				continue
			}
			if len(rhs) != len(lhs) {
				known = false
				break
			}
			switch r := ast.Unparen(rhs[i]).(type) {
			case *ast.CompositeLit:
				n = max(n, len(r.Elts))
			case *ast.SliceExpr:
				known = known && refersTo(info, r.X, v)
			default:
				known = false
			}
		}
		return known
	})
	return n, known && n > 0
}

// idAt returns a node at v's declaration, for position checks.
func idAt(v *types.Var) ast.Node { return &ast.Ident{NamePos: v.Pos(), Name: v.Name()} }

func refersTo(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && (info.Uses[id] == v || info.Defs[id] == v)
}

// countedBound handles for i := a; i < b; i++ (and <=, and counting down
// with > and >=) with constant a and b and i not assigned in the body.
func countedBound(info *types.Info, l *ast.ForStmt) (int, bool) {
	init, ok := l.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
		return 0, false
	}
	id, ok := init.Lhs[0].(*ast.Ident)
	v, _ := info.Defs[id].(*types.Var)
	cond, _ := l.Cond.(*ast.BinaryExpr)
	post, _ := l.Post.(*ast.IncDecStmt)
	if !ok || v == nil || cond == nil || post == nil || !refersTo(info, cond.X, v) || !refersTo(info, post.X, v) {
		return 0, false
	}
	from, ok1 := intConst(info, init.Rhs[0])
	to, ok2 := intConst(info, cond.Y)
	if !ok1 || !ok2 || assigns(info, l.Body, v) {
		return 0, false
	}
	var n int64
	switch {
	case post.Tok == token.INC && cond.Op == token.LSS:
		n = to - from
	case post.Tok == token.INC && cond.Op == token.LEQ:
		n = to - from + 1
	case post.Tok == token.DEC && cond.Op == token.GTR:
		n = from - to
	case post.Tok == token.DEC && cond.Op == token.GEQ:
		n = from - to + 1
	default:
		return 0, false
	}
	return int(max(n, 0)), true
}

func intConst(info *types.Info, e ast.Expr) (int64, bool) {
	tv := info.Types[e]
	if tv.Value == nil || tv.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(tv.Value)
}

// assigns reports whether body assigns v, increments it or takes its
// address.
func assigns(info *types.Info, body ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || refersTo(info, l, v)
			}
		case *ast.IncDecStmt:
			found = found || refersTo(info, n.X, v)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && refersTo(info, n.X, v)
		}
		return !found
	})
	return found
}

// wantsFunctionEnd reports whether the deferred call is a func literal
// that recovers panics or assigns a variable declared outside the loop
// (a named result, an error the function returns): work that belongs at
// the end of the function, wherever the defer is.
func wantsFunctionEnd(info *types.Info, def *ast.DeferStmt, loop ast.Node) bool {
	lit, ok := ast.Unparen(def.Call.Fun).(*ast.FuncLit)
	if !ok {
		return false
	}
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			found = found || isRecover(info, n)
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || isOuterLocal(info, l, loop)
			}
		case *ast.IncDecStmt:
			found = found || isOuterLocal(info, n.X, loop)
		}
		return !found
	})
	return found
}

func isRecover(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "recover"
}

// isOuterLocal reports whether e is a variable of the function declared
// outside loop.
func isOuterLocal(info *types.Info, e ast.Expr, loop ast.Node) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || v.IsField() {
		return false
	}
	return !analysisutil.Within(idAt(v), loop)
}
