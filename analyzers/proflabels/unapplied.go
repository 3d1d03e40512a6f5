package proflabels

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// A context from pprof.WithLabels that never reaches SetGoroutineLabels or
// pprof.Do.

// maxDepth bounds how far a labelled context is followed into the
// package's own functions.
const maxDepth = 4

func (c *checker) checkWithLabels(cur inspector.Cursor, call *ast.CallExpr) {
	// A WithLabels nested in another is reported with the outer one.
	if _, parent := climbParens(cur); parent.Valid() {
		if outer, ok := parent.Node().(*ast.CallExpr); ok && analysisutil.IsCallTo(c.pass.TypesInfo, outer, pprofPath, "WithLabels") {
			return
		}
	}
	if c.exprLive(cur, 0, map[*types.Var]bool{}) {
		return
	}
	c.report(call, "the context from pprof.WithLabels never reaches pprof.SetGoroutineLabels or pprof.Do, so no profile sample carries these labels: WithLabels only returns a context; run the work in pprof.Do(ctx, labels, func(ctx context.Context) { ... })",
		contract.WithLabelsOnlyChangesContext, contract.LabelsStoredOnCurrentG)
}

// exprLive reports whether the labelled context computed by the
// expression at cur may reach SetGoroutineLabels or Do, or goes where it
// cannot be followed; false means it certainly never does.
func (c *checker) exprLive(cur inspector.Cursor, depth int, seen map[*types.Var]bool) bool {
	info := c.pass.TypesInfo
	node, parent := climbParens(cur)
	switch p := parent.Node().(type) {
	case *ast.ExprStmt:
		return false // discarded
	case *ast.CallExpr:
		for i, a := range p.Args {
			if a == node {
				return c.argLive(parent, p, i, depth, seen)
			}
		}
		return true
	case *ast.AssignStmt, *ast.ValueSpec:
		if as, ok := p.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				if l == node {
					return false // assigned to, not used
				}
			}
		}
		v := assignedVar(info, cur)
		if v == nil {
			if as, ok := p.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == "_" && len(as.Lhs) == 1 {
						return false
					}
				}
			}
			return true
		}
		return c.varLive(v, depth, seen)
	case *ast.SelectorExpr:
		return false // ctx.Done(), ctx.Err(): no labels are applied
	case *ast.BinaryExpr:
		return false
	}
	return true
}

// varLive reports whether a variable holding the labelled context may
// carry it to SetGoroutineLabels or Do.
func (c *checker) varLive(v *types.Var, depth int, seen map[*types.Var]bool) bool {
	if v.Name() == "_" {
		return false
	}
	if isPackageLevel(v) || depth > maxDepth {
		return true
	}
	if seen[v] {
		return false
	}
	seen[v] = true
	for _, u := range c.uses[v] {
		if c.exprLive(u, depth, seen) {
			return true
		}
	}
	return false
}

// argLive reports whether passing the labelled context as argument i of
// call may apply its labels.
func (c *checker) argLive(cur inspector.Cursor, call *ast.CallExpr, i int, depth int, seen map[*types.Var]bool) bool {
	info := c.pass.TypesInfo
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return c.paramLive(lit.Type, i, depth, seen)
	}
	fn := analysisutil.Callee(info, call)
	if fn == nil {
		return true // a func value or interface method: cannot follow
	}
	if fn.Pkg() != nil && fn.Pkg().Path() == pprofPath {
		switch fn.Name() {
		case "WithLabels":
			return c.exprLive(cur, depth, seen)
		case "SetGoroutineLabels", "Do":
			return true // applied
		}
		return true // Label, ForLabels: labels read from the context
	}
	if d := c.decls[fn.Origin()]; d != nil {
		return c.paramLive(d.Type, i, depth+1, seen)
	}
	if fn.Pkg() == nil || !isStd(fn.Pkg().Path()) {
		return true // another module may apply the labels
	}
	// The standard library never applies a caller's labels outside
	// runtime/pprof; follow contexts it derives (context.WithCancel).
	sig := fn.Type().(*types.Signature)
	for j := 0; j < sig.Results().Len(); j++ {
		t := sig.Results().At(j).Type()
		switch {
		case analysisutil.IsContext(t):
			if sig.Results().Len() == 1 {
				if c.exprLive(cur, depth, seen) {
					return true
				}
				continue
			}
			if v := tupleVar(info, cur, j); v != nil {
				if c.varLive(v, depth, seen) {
					return true
				}
				continue
			}
			return true
		case holdsNothing(t):
		default:
			return true // a request or other value may carry the context on
		}
	}
	return false
}

// holdsNothing reports whether a value of type t cannot carry a context:
// basic types, error, funcs (a cancel function).
func holdsNothing(t types.Type) bool {
	if types.Identical(t, types.Universe.Lookup("error").Type()) {
		return true
	}
	switch t.Underlying().(type) {
	case *types.Basic, *types.Signature:
		return true
	}
	return false
}

// tupleVar returns the variable that result j of the call at cur is
// assigned to in "a, b := call()".
func tupleVar(info *types.Info, cur inspector.Cursor, j int) *types.Var {
	node, parent := climbParens(cur)
	var lhs ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && p.Rhs[0] == node && j < len(p.Lhs) {
			lhs = p.Lhs[j]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && p.Values[0] == node && j < len(p.Names) {
			lhs = p.Names[j]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// paramLive follows the labelled context into parameter i of a function
// of the package.
func (c *checker) paramLive(ft *ast.FuncType, i int, depth int, seen map[*types.Var]bool) bool {
	ps := params(c.pass.TypesInfo, ft)
	n := 0
	if ft.Params != nil {
		n = ft.Params.NumFields()
	}
	if len(ps) != n || i >= len(ps) {
		return true // unnamed parameters or variadic
	}
	if ft.Params != nil {
		last := ft.Params.List[len(ft.Params.List)-1]
		if _, variadic := last.Type.(*ast.Ellipsis); variadic && i >= len(ps)-1 {
			return true
		}
	}
	return c.varLive(ps[i], depth, seen)
}

// isStd reports whether an import path belongs to the standard library.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
