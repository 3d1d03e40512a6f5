package proflabels

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "proflabels",
	Doc:      analysisutil.Doc(doc, "proflabels"),
	URL:      analysisutil.URL("proflabels"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

const pprofPath = "runtime/pprof"

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, pprofPath) {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, r: report.New(pass), insp: insp}
	c.index()
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if analysisutil.IsTestFile(pass, call.Pos()) {
			continue
		}
		fn := analysisutil.Callee(pass.TypesInfo, call)
		switch {
		case analysisutil.IsPkgFunc(fn, pprofPath, "WithLabels"):
			c.checkWithLabels(cur, call)
		case analysisutil.IsPkgFunc(fn, pprofPath, "Do") && len(call.Args) == 3:
			c.checkDoCallback(call)
			c.checkDoBackground(cur, call)
		case analysisutil.IsPkgFunc(fn, pprofPath, "SetGoroutineLabels"):
			c.checkSet(cur, call)
		}
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	r    *report.Reporter
	insp *inspector.Inspector

	uses     map[*types.Var][]inspector.Cursor // uses of context variables
	decls    map[*types.Func]*ast.FuncDecl
	entries  map[ast.Node]bool // goroutine entries: FuncDecls and FuncLits
	labelled map[*types.Var]bool
	doLits   map[*ast.FuncLit]bool // func literals passed to pprof.Do
}

// index records the uses of context variables, the package's function
// declarations, the func literals passed to pprof.Do and the variables
// assigned a pprof.WithLabels result.
func (c *checker) index() {
	info := c.pass.TypesInfo
	c.uses = map[*types.Var][]inspector.Cursor{}
	c.decls = map[*types.Func]*ast.FuncDecl{}
	c.labelled = map[*types.Var]bool{}
	c.doLits = map[*ast.FuncLit]bool{}
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil), (*ast.FuncDecl)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && analysisutil.IsContext(v.Type()) {
				c.uses[v] = append(c.uses[v], cur)
			}
		case *ast.FuncDecl:
			if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				c.decls[fn] = n
			}
		case *ast.CallExpr:
			fn := analysisutil.Callee(info, n)
			if analysisutil.IsPkgFunc(fn, pprofPath, "Do") && len(n.Args) == 3 {
				if lit, ok := ast.Unparen(n.Args[2]).(*ast.FuncLit); ok {
					c.doLits[lit] = true
					for _, p := range params(info, lit.Type) {
						c.labelled[p] = true
					}
				}
			}
			if analysisutil.IsPkgFunc(fn, pprofPath, "WithLabels") {
				if v := assignedVar(info, cur); v != nil {
					c.labelled[v] = true
				}
			}
		}
	}
}

func params(info *types.Info, ft *ast.FuncType) []*types.Var {
	var out []*types.Var
	if ft.Params == nil {
		return nil
	}
	for _, f := range ft.Params.List {
		for _, name := range f.Names {
			if v, ok := info.Defs[name].(*types.Var); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// assignedVar returns the variable an expression at cur is assigned to
// (v := e, v = e, var v = e), or nil.
func assignedVar(info *types.Info, cur inspector.Cursor) *types.Var {
	node, parent := climbParens(cur)
	var lhs ast.Expr
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == len(p.Rhs) {
			for i, r := range p.Rhs {
				if r == node {
					lhs = p.Lhs[i]
				}
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) == len(p.Values) {
			for i, r := range p.Values {
				if r == node {
					lhs = p.Names[i]
				}
			}
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// climbParens returns the outermost parenthesized form of the node at cur
// and its parent.
func climbParens(cur inspector.Cursor) (ast.Node, inspector.Cursor) {
	node, parent := cur.Node(), cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			return node, parent
		}
		node, parent = parent.Node(), parent.Parent()
	}
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// diagnostic reports a finding (a review-tier observation in test-support,
// benchmark or sample code).
func (c *checker) diagnostic(d analysis.Diagnostic, ids ...contract.ID) { c.r.Finding(d, ids...) }

// report is diagnostic for a message at node.
func (c *checker) report(node analysis.Range, msg string, ids ...contract.ID) {
	c.r.FindingAt(node, msg, ids...)
}
