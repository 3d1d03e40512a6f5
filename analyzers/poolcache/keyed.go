package poolcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/contract"
)

// checkKeyed reports a Get result that is identified by content: a field of
// it compared with a value from outside, where a mismatch Puts the item
// back or a match returns it. Such code looks a pool up as if it were keyed
// storage. Resetting a mismatched item (if e.w != w { e.reset(w) }) treats
// any item as good and is fine.
func (c *checker) checkKeyed(cur inspector.Cursor) {
	info := c.pass.TypesInfo
	parent := cur.Parent()
	for {
		switch parent.Node().(type) {
		case *ast.ParenExpr, *ast.TypeAssertExpr:
			parent = parent.Parent()
			continue
		}
		break
	}
	var lhs ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 {
			lhs = p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 {
			lhs = p.Names[0]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	if !ok {
		return
	}
	var fn inspector.Cursor
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = f
		break
	}
	if !fn.Valid() {
		return
	}
	mentionsV := func(e ast.Expr) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
				found = true
			}
			return !found
		})
		return found
	}
	isField := func(e ast.Expr) bool {
		p, ok := pathOf(info, e)
		return ok && p.root == v && len(p.fields) > 0
	}
	// keyCompare returns the field of v compared with an outside value in
	// e, a comparison with op.
	keyCompare := func(e ast.Expr, op token.Token) ast.Expr {
		x, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok || x.Op != op {
			return nil
		}
		for _, pair := range [][2]ast.Expr{{x.X, x.Y}, {x.Y, x.X}} {
			if isField(pair[0]) && !mentionsV(pair[1]) && !isConstant(info, pair[1]) {
				return pair[0]
			}
		}
		return nil
	}
	// putsBack reports whether a branch Puts v back into a pool.
	putsBack := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if call, ok := m.(*ast.CallExpr); ok {
				if meth, _ := c.poolMethod(call); meth == "Put" && len(call.Args) == 1 && mentionsV(call.Args[0]) {
					found = true
				}
			}
			return !found
		})
		return found
	}
	// returnsContent reports whether a branch returns v or what it holds.
	returnsContent := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if ret, ok := m.(*ast.ReturnStmt); ok {
				for _, r := range ret.Results {
					if p, ok := pathOf(info, r); ok && p.root == v {
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
	for n := range fn.Preorder((*ast.IfStmt)(nil)) {
		ifs := n.Node().(*ast.IfStmt)
		// item.key != key (alone or in ||): the body handles a mismatch;
		// item.key == key (alone or in &&): the body handles a match.
		var field ast.Expr
		for _, e := range operands(ifs.Cond, token.LOR) {
			if f := keyCompare(e, token.NEQ); f != nil && putsBack(ifs.Body) {
				field = f
			}
		}
		for _, e := range operands(ifs.Cond, token.LAND) {
			if f := keyCompare(e, token.EQL); f != nil && (returnsContent(ifs.Body) || ifs.Else != nil && putsBack(ifs.Else)) {
				field = f
			}
		}
		if field == nil {
			continue
		}
		c.report(ifs.Cond, "a sync.Pool is not keyed storage: Get returns an arbitrary item, unrelated to what was Put, and garbage collection drops items without notice, so matching "+types.ExprString(field)+" finds the wanted item only by luck; keep items you look up by key in a map (with a mutex, or a cache with eviction)",
			contract.PoolGetUnrelatedToPut, contract.PoolItemsRemovedAnytime)
		return
	}
}

// operands splits e into the operands of a chain of op (a || b || c).
func operands(e ast.Expr, op token.Token) []ast.Expr {
	if x, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && x.Op == op {
		return append(operands(x.X, op), operands(x.Y, op)...)
	}
	return []ast.Expr{e}
}

func isConstant(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && (tv.Value != nil || tv.IsNil())
}
