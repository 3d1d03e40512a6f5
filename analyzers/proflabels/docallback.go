package proflabels

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/contract"
)

// Inside pprof.Do's function, a use of the outer context instead of the
// function's own parameter.

func (c *checker) checkDoCallback(call *ast.CallExpr) {
	info := c.pass.TypesInfo
	lit, ok := ast.Unparen(call.Args[2]).(*ast.FuncLit)
	if !ok {
		return
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return
	}
	outer, ok := info.Uses[id].(*types.Var)
	if !ok {
		return
	}
	var bad []*ast.Ident
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			// ctx.Done(), ctx.Err(), ctx.Deadline(), ctx.Value(k) are the
			// same on both contexts.
			if x, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[x] == outer {
				if sel := info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal {
					return false
				}
			}
		case *ast.Ident:
			if info.Uses[n] == outer {
				bad = append(bad, n)
			}
		}
		return true
	})
	if len(bad) == 0 {
		return
	}
	name := outer.Name()
	inner, innerName := c.callbackParam(lit)
	use := "the function's context parameter"
	if innerName != "" && innerName != "_" {
		use = innerName
	}
	d := analysis.Diagnostic{
		Pos:     bad[0].Pos(),
		End:     bad[0].End(),
		Message: "inside pprof.Do's function, " + name + " is the context without the new labels, so code that reads labels from it (a nested pprof.Do, SetGoroutineLabels, pprof.Label) loses them: use " + use + ", the labelled copy Do passes in",
	}
	if fix, ok := c.callbackFix(lit, outer, inner, innerName, bad); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.diagnostic(d, contract.DoLabelsFromCtxNotGoroutine)
}

// callbackParam returns the parameter field of a pprof.Do func literal
// and its name ("" when unnamed).
func (c *checker) callbackParam(lit *ast.FuncLit) (*ast.Field, string) {
	if lit.Type.Params == nil || len(lit.Type.Params.List) != 1 {
		return nil, ""
	}
	f := lit.Type.Params.List[0]
	if len(f.Names) == 0 {
		return f, ""
	}
	return f, f.Names[0].Name
}

// callbackFix makes the func literal use its own context: it names an
// unnamed or blank parameter after the outer context, which then refers to
// the labelled copy in the whole body; or it replaces each use of the
// outer context with the parameter's name.
func (c *checker) callbackFix(lit *ast.FuncLit, outer *types.Var, param *ast.Field, paramName string, bad []*ast.Ident) (analysis.SuggestedFix, bool) {
	if param == nil {
		return analysis.SuggestedFix{}, false
	}
	info := c.pass.TypesInfo
	fix := analysis.SuggestedFix{Message: "Use the context pprof.Do passes in"}
	switch paramName {
	case "", "_":
		// The parameter takes the outer name; the body must not declare
		// that name at its top level.
		if scope := info.Scopes[lit.Type]; scope == nil || scope.Lookup(outer.Name()) != nil {
			return analysis.SuggestedFix{}, false
		}
		if paramName == "" {
			fix.TextEdits = []analysis.TextEdit{{Pos: param.Type.Pos(), End: param.Type.Pos(), NewText: []byte(outer.Name() + " ")}}
		} else {
			fix.TextEdits = []analysis.TextEdit{{Pos: param.Names[0].Pos(), End: param.Names[0].End(), NewText: []byte(outer.Name())}}
		}
		// Uses of the outer name that are not errors need no edit: they
		// now refer to the parameter.
		return fix, true
	}
	pv, ok := info.Defs[param.Names[0]].(*types.Var)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	for _, id := range bad {
		scope := c.pass.Pkg.Scope().Innermost(id.Pos())
		if scope == nil {
			return analysis.SuggestedFix{}, false
		}
		if _, obj := scope.LookupParent(paramName, id.Pos()); obj != pv {
			return analysis.SuggestedFix{}, false // shadowed here
		}
		fix.TextEdits = append(fix.TextEdits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(paramName)})
	}
	return fix, true
}
