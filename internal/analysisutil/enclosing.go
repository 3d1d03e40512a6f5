package analysisutil

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// EnclosingFunc returns the innermost function declaration or literal
// around cur (not cur itself), and false at package level.
func EnclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c != cur {
			return c, true
		}
	}
	return inspector.Cursor{}, false
}

// FuncName names the function fn (a *ast.FuncDecl or *ast.FuncLit) as a
// message says it: its name, or "the func literal".
func FuncName(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "the func literal"
}

// FuncBody returns the body of a *ast.FuncDecl or *ast.FuncLit (nil for a
// declaration without one).
func FuncBody(fn ast.Node) *ast.BlockStmt {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body
	case *ast.FuncLit:
		return fn.Body
	}
	return nil
}

// Within reports whether n lies inside outer (bounds included); false when
// outer is nil.
func Within(n, outer ast.Node) bool {
	return outer != nil && outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// IsContext reports whether t is context.Context.
func IsContext(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Name() == "Context" && named.Obj().Pkg() != nil &&
		named.Obj().Pkg().Path() == "context"
}
