package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// acquiredBy returns what the deferred call releases that the iteration
// acquired, as a clause for the message ("every iteration's f stays
// open"), and the variable holding it (nil for a lock):
//
//   - a variable the loop body sets from a call (f, err := os.Open(n);
//     ctx, cancel := context.WithTimeout(...)) that the deferred call uses
//     as receiver, function, argument, or inside a deferred func literal;
//   - X.Unlock or X.RUnlock after X.Lock or X.RLock in the same iteration,
//     where X is not a variable of the loop header (locking every mutex of
//     a list until the function returns is an idiom).
//
// It returns "" when the defer releases nothing the iteration acquired.
func acquiredBy(info *types.Info, def *ast.DeferStmt, loop inspector.Cursor) (types.Object, string) {
	body := analysisutil.LoopBody(loop.Node())
	if body == nil {
		return nil, ""
	}
	call := def.Call
	fn := analysisutil.Callee(info, call)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn != nil && (fn.Name() == "Unlock" || fn.Name() == "RUnlock") {
		if root := rootVar(info, sel.X); root != nil && lockedBefore(info, body, sel.X, def.Pos()) {
			if analysisutil.Within(idAt(root), loop.Node()) && !analysisutil.Within(idAt(root), body) {
				return nil, "" // a loop variable: a different lock each time
			}
			return nil, "lock on " + types.ExprString(sel.X) + " stays held"
		}
	}
	// The variables the deferred call uses, in order.
	var used []*types.Var
	ast.Inspect(call, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && !v.IsField() && analysisutil.Within(idAt(v), body) {
				used = append(used, v)
			}
		}
		return true
	})
	for _, v := range used {
		if !setByCall(info, body, v) {
			continue
		}
		return v, v.Name() + " " + releaseVerb(info, call, v)
	}
	return nil, ""
}

// releaseVerb says what stays of v until the deferred call runs.
func releaseVerb(info *types.Info, call *ast.CallExpr, v *types.Var) string {
	if named, ok := types.Unalias(v.Type()).(*types.Named); ok && named.Obj().Pkg() != nil &&
		named.Obj().Pkg().Path() == "context" && named.Obj().Name() == "CancelFunc" {
		return "is not called, so its context (and any timer it holds) stays alive"
	}
	if fn := analysisutil.Callee(info, call); fn != nil {
		switch fn.Name() {
		case "Close", "CloseWithError", "CloseSend":
			return "stays open"
		case "Stop":
			return "keeps running"
		case "Unlock", "RUnlock":
			return "stays locked"
		}
	}
	return "is not released"
}

// rootVar returns the variable at the root of a selector chain (c in
// c.mu), or nil.
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			return v
		default:
			return nil
		}
	}
}

// lockedBefore reports whether body calls x.Lock() or x.RLock() (x
// spelled the same way) before pos, outside nested func literals.
func lockedBefore(info *types.Info, body *ast.BlockStmt, x ast.Expr, pos token.Pos) bool {
	want := types.ExprString(x)
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if n.Pos() >= pos {
				return false
			}
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			fn := analysisutil.Callee(info, n)
			if ok && fn != nil && (fn.Name() == "Lock" || fn.Name() == "RLock") && types.ExprString(sel.X) == want {
				found = true
			}
		}
		return !found
	})
	return found
}

// setByCall reports whether body sets v from a function call (not a
// conversion): v := open(), v, err = f(), var v = g().
func setByCall(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	isCall := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && !info.Types[call.Fun].IsType()
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			rhs = n.Values
		default:
			return !found
		}
		for i, l := range lhs {
			if !refersTo(info, l, v) {
				continue
			}
			switch {
			case len(rhs) == len(lhs):
				found = found || isCall(rhs[i])
			case len(rhs) == 1:
				found = found || isCall(rhs[0])
			}
		}
		return !found
	})
	return found
}
