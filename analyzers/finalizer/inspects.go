package finalizer

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// inspectsObject reports whether the finalizer fin must look at its
// object when it runs, which a cleanup cannot: a cleanup gets only the arg
// fixed when it is attached, never the object. That is the case when the
// finalizer calls a method of the object, passes it on, takes its
// address, compares it, or re-registers a finalizer on it (resurrection);
// or when its body is not in this package, so it cannot be read. Reading
// fields (r.fd, r.conn.Close()) is not looking at the object: their values
// can be handed to a cleanup as arg.
func (c *checker) inspectsObject(cur inspector.Cursor, fin ast.Expr) bool {
	t, ok := c.resolve(cur, fin)
	if !ok || t.node == nil {
		return true
	}
	var (
		obj  types.Object
		body *ast.BlockStmt
	)
	first := func(fl *ast.FieldList) {
		if fl != nil && len(fl.List) > 0 && len(fl.List[0].Names) > 0 {
			obj = c.pass.TypesInfo.Defs[fl.List[0].Names[0]]
		}
	}
	switch n := t.node.(type) {
	case *ast.FuncLit:
		first(n.Type.Params)
		body = n.Body
	case *ast.FuncDecl:
		if n.Recv != nil {
			return true // a method expression, (*T).close: a method of the object
		}
		first(n.Type.Params)
		body = n.Body
	}
	if body == nil {
		return true
	}
	if obj == nil {
		return false // the object is not even named
	}
	bc, ok := c.insp.Root().FindNode(body)
	if !ok {
		return true
	}
	inspects := false
	for id := range bc.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] != obj {
			continue
		}
		if !isFieldRead(c.pass.TypesInfo, id) {
			inspects = true
			break
		}
	}
	return inspects
}

// isFieldRead reports whether the identifier at cur is the operand of a
// field selection (r.fd) whose value is read: not a method value or call
// on the object itself, an address taken of the field, or a field
// written.
func isFieldRead(info *types.Info, cur inspector.Cursor) bool {
	if cur.ParentEdgeKind() != edge.SelectorExpr_X {
		return false
	}
	sel := cur.Parent().Node().(*ast.SelectorExpr)
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return false
	}
	switch p := cur.Parent().Parent().Node().(type) {
	case *ast.UnaryExpr:
		return p.Op != token.AND
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == sel {
				return false
			}
		}
	case *ast.IncDecStmt:
		return false
	}
	return true
}
