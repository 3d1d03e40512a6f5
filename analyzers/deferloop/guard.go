package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

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
