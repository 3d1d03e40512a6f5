package poolcache

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/contract"
)

// checkKeyed reports a Get result that is identified by content: a field of
// it compared for equality with a value from outside, in a function that
// then Puts it back or returns it. Such code looks up a pool as if it were
// keyed storage.
func (c *checker) checkKeyed(cur inspector.Cursor, recv ast.Expr) {
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
	var cmp *ast.BinaryExpr
	var field ast.Expr
	keptOrReturned := false
	for n := range fn.Preorder((*ast.BinaryExpr)(nil), (*ast.CallExpr)(nil), (*ast.ReturnStmt)(nil)) {
		switch x := n.Node().(type) {
		case *ast.BinaryExpr:
			if cmp != nil || x.Op != token.EQL && x.Op != token.NEQ {
				continue
			}
			for _, pair := range [][2]ast.Expr{{x.X, x.Y}, {x.Y, x.X}} {
				f, other := pair[0], pair[1]
				if isField(f) && !mentionsV(other) && !isConstant(info, other) {
					cmp, field = x, f
					break
				}
			}
		case *ast.CallExpr:
			if m, _ := c.poolMethod(x); m == "Put" && len(x.Args) == 1 && mentionsV(x.Args[0]) {
				keptOrReturned = true
			}
		case *ast.ReturnStmt:
			for _, r := range x.Results {
				if id, ok := ast.Unparen(r).(*ast.Ident); ok && info.Uses[id] == v {
					keptOrReturned = true
				}
			}
		}
	}
	if cmp == nil || !keptOrReturned {
		return
	}
	c.r.Report(cmp, "a sync.Pool is not keyed storage: Get returns an arbitrary item, unrelated to what was Put, and garbage collection drops items without notice, so matching "+types.ExprString(field)+" finds the wanted item only by luck; keep items you look up by key in a map (with a mutex, or a cache with eviction)",
		contract.PoolGetUnrelatedToPut, contract.PoolItemsRemovedAnytime)
}

func isConstant(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && (tv.Value != nil || tv.IsNil())
}
