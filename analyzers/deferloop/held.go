package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// An acquisition is what a defer releases that its iteration acquired.
type acquisition struct {
	v       *types.Var // the variable holding it; nil for a lock
	held    string     // "f stays open", "lock on mu stays held"
	expires bool       // a context with a deadline: it ends by itself then
}

// acquiredBy returns what the deferred call releases that the iteration
// acquired:
//
//   - a variable the loop body sets from a call (f, err := os.Open(n);
//     ctx, cancel := context.WithCancel(...); cleanup := setUp()) that the
//     deferred call calls (defer cancel()) or calls a method on
//     (defer f.Close(), defer s.conn.Close()), directly or in a deferred
//     func literal; being an argument (defer apply(cfg)) does not count,
//     as the call may use the value rather than release it;
//   - X.Unlock or X.RUnlock after X.Lock or X.RLock in the same iteration,
//     where X is not a variable of the loop header (locking every mutex of
//     a list until the function returns is an idiom).
//
// It returns the zero acquisition when the defer releases nothing the
// iteration acquired.
func acquiredBy(info *types.Info, def *ast.DeferStmt, loop inspector.Cursor) acquisition {
	body := analysisutil.LoopBody(loop.Node())
	if body == nil {
		return acquisition{}
	}
	call := def.Call
	fn := analysisutil.Callee(info, call)
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn != nil && (fn.Name() == "Unlock" || fn.Name() == "RUnlock") {
		if root := rootVar(info, sel.X); root != nil && lockedBefore(info, body, sel.X, def.Pos()) {
			if analysisutil.Within(idAt(root), loop.Node()) && !analysisutil.Within(idAt(root), body) {
				return acquisition{} // a loop variable: a different lock each time
			}
			return acquisition{held: "lock on " + types.ExprString(sel.X) + " stays held"}
		}
	}
	// The calls the defer makes: its own, and those of a deferred literal.
	calls := []*ast.CallExpr{call}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				calls = append(calls, c)
			}
			return true
		})
	}
	for _, c := range calls {
		var v *types.Var
		switch f := ast.Unparen(c.Fun).(type) {
		case *ast.Ident:
			v, _ = info.Uses[f].(*types.Var) // defer cancel()
		case *ast.SelectorExpr:
			if s := info.Selections[f]; s != nil && s.Kind() == types.MethodVal {
				v = rootVar(info, f.X) // defer f.Close()
			}
		}
		if v == nil || v.IsField() || !analysisutil.Within(idAt(v), body) {
			continue
		}
		setters := settingCalls(info, body, v)
		if len(setters) == 0 {
			continue
		}
		a := acquisition{v: v, held: v.Name() + " " + releaseVerb(info, c, v)}
		a.expires = isCancelFunc(v.Type())
		for _, s := range setters {
			a.expires = a.expires && analysisutil.IsCallTo(info, s, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause")
		}
		return a
	}
	return acquisition{}
}

func isCancelFunc(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "context" &&
		(named.Obj().Name() == "CancelFunc" || named.Obj().Name() == "CancelCauseFunc")
}

// releaseVerb says what stays of v until the deferred call runs.
func releaseVerb(info *types.Info, call *ast.CallExpr, v *types.Var) string {
	if isCancelFunc(v.Type()) {
		return "is not called, so its context stays alive"
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

// settingCalls returns the function calls (not conversions) body sets v
// from: v := open(), v, err = f(), var v = g(). None when v is also set
// otherwise.
func settingCalls(info *types.Info, body *ast.BlockStmt, v *types.Var) []*ast.CallExpr {
	asCall := func(e ast.Expr) *ast.CallExpr {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || info.Types[call.Fun].IsType() {
			return nil
		}
		return call
	}
	var calls []*ast.CallExpr
	other := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		lhs, rhs, ok := analysisutil.Assignment(n)
		if !ok || len(rhs) == 0 {
			return true // not an assignment, or var v T: declared, not set
		}
		for i, l := range lhs {
			if !refersTo(info, l, v) {
				continue
			}
			var c *ast.CallExpr
			switch {
			case len(rhs) == len(lhs):
				c = asCall(rhs[i])
			case len(rhs) == 1:
				c = asCall(rhs[0])
			}
			if c == nil {
				other = true
			} else {
				calls = append(calls, c)
			}
		}
		return true
	})
	if other {
		return nil
	}
	return calls
}
