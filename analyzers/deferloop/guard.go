package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

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

// timerCaseOnce reports whether the defer sits in a select case that
// receives from the channel of a *time.Timer made outside the loop and
// neither reset nor replaced in it: the timer fires once, so the case, and
// its defer, runs at most once per call.
//
//	fallback := time.NewTimer(delay)
//	for {
//		select {
//		case <-fallback.C:
//			ctx, cancel := context.WithCancel(ctx)
//			defer cancel()
//			...
func timerCaseOnce(info *types.Info, def, loop inspector.Cursor) bool {
	for c := def; c.Node() != loop.Node(); c = c.Parent() {
		cc, ok := c.Node().(*ast.CommClause)
		if !ok {
			continue
		}
		sel, ok := analysisutil.CommRecv(cc.Comm).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "C" {
			return false
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || !isTimerPtr(v.Type()) || analysisutil.Within(idAt(v), loop.Node()) {
			return false
		}
		// Reset, or a new timer assigned, would arm it again; a Reset
		// only when Stop reports the timer had not fired yet
		// (if t.Stop() { t.Reset(0) }) moves the one firing earlier.
		rearmed := false
		var stopped []ast.Node // bodies of if t.Stop() { ... }
		ast.Inspect(loop.Node(), func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IfStmt:
				if callsMethod(info, n.Cond, v, "Stop") {
					stopped = append(stopped, n.Body)
				}
			case *ast.CallExpr:
				if s, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && s.Sel.Name == "Reset" && refersTo(info, s.X, v) {
					inStopped := false
					for _, b := range stopped {
						inStopped = inStopped || analysisutil.Within(n, b)
					}
					rearmed = rearmed || !inStopped
				}
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					rearmed = rearmed || refersTo(info, l, v)
				}
			case *ast.UnaryExpr:
				rearmed = rearmed || n.Op == token.AND && refersTo(info, n.X, v)
			}
			return !rearmed
		})
		return !rearmed
	}
	return false
}

// callsMethod reports whether e calls method name on v.
func callsMethod(info *types.Info, e ast.Expr, v *types.Var, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if s, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok && s.Sel.Name == name && refersTo(info, s.X, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

func isTimerPtr(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "time" && named.Obj().Name() == "Timer"
}
