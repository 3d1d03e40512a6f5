package proflabels

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// pprof.Do(context.Background(), ...) where a context that carries labels
// is in scope.

func (c *checker) checkDoBackground(cur inspector.Cursor, call *ast.CallExpr) {
	info := c.pass.TypesInfo
	bg, ok := ast.Unparen(call.Args[0]).(*ast.CallExpr)
	if !ok || !analysisutil.IsCallTo(info, bg, "context", "Background", "TODO") {
		return
	}
	// Parameters of the function the call is in (not of enclosing
	// functions: a goroutine started with fresh labels may mean it).
	own := map[*types.Var]bool{}
	if fn, ok := analysisutil.EnclosingFunc(cur); ok {
		var ft *ast.FuncType
		switch f := fn.Node().(type) {
		case *ast.FuncDecl:
			ft = f.Type
		case *ast.FuncLit:
			ft = f.Type
		}
		for _, p := range params(info, ft) {
			own[p] = true
		}
	}
	scope := c.pass.Pkg.Scope().Innermost(call.Pos())
	var cand *types.Var
	labelled := false
	for s := scope; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || name == "_" || !analysisutil.IsContext(v.Type()) || v.Pos() >= call.Pos() {
				continue
			}
			if c.labelled[v] && (cand == nil || !labelled) {
				cand, labelled = v, true
			} else if own[v] && cand == nil {
				cand = v
			}
		}
	}
	if cand == nil {
		return
	}
	what := cand.Name() + " is labelled here"
	if !labelled {
		what = cand.Name() + " may carry labels from the caller"
	}
	c.report(bg, "pprof.Do starts from the labels of the context it is given, not the goroutine's, and "+what+": with "+types.ExprString(bg)+" those labels are dropped for the call, and when Do returns the goroutine is left with no labels at all; pass "+cand.Name(),
		contract.DoLabelsFromCtxNotGoroutine, contract.DoRestoresCtxLabelsOnReturn)
}
