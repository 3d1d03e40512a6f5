package unsaferuntime

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

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

// Analyzer is the unsaferuntime analyzer.
var Analyzer = newAnalyzer()

// config holds the analyzer's flags; bound once when the driver parses its
// command line, only read afterwards.
type config struct {
	std bool
}

func newAnalyzer() *analysis.Analyzer {
	cfg := new(config)
	a := &analysis.Analyzer{
		Name:     "unsaferuntime",
		Doc:      analysisutil.Doc(doc, "unsaferuntime"),
		URL:      analysisutil.URL("unsaferuntime"),
		Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
		Run:      cfg.run,
	}
	a.Flags.BoolVar(&cfg.std, "std", false, "also check standard-library packages, which are the runtime's own representation code")
	return a
}

type checker struct {
	pass *analysis.Pass
	r    *report.Reporter
	insp *inspector.Inspector
}

func (cfg *config) run(pass *analysis.Pass) (any, error) {
	usesUnsafe := analysisutil.Imports(pass.Pkg, "unsafe")
	usesReflect := analysisutil.Imports(pass.Pkg, "reflect")
	usesStack := analysisutil.Imports(pass.Pkg, "runtime") || analysisutil.Imports(pass.Pkg, "runtime/debug")
	if !usesUnsafe && !usesReflect && !usesStack {
		return nil, nil
	}
	if !cfg.std && inGOROOT(pass, contract.Default().GOROOT) {
		// std is the runtime's own representation code, built and
		// changed in lockstep with it.
		return nil, nil
	}
	ck := &checker{pass: pass, r: report.New(pass), insp: pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)}
	if usesUnsafe {
		reached := ck.peeks()
		ck.mirrors(reached)
		ck.goidThroughUnsafe()
	}
	if usesReflect {
		ck.headers()
	}
	if usesStack {
		ck.stackParsing()
	}
	return nil, nil
}

// inGOROOT reports whether the package's files are in $GOROOT/src.
func inGOROOT(pass *analysis.Pass, goroot string) bool {
	if goroot == "" || len(pass.Files) == 0 {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.HasPrefix(name, filepath.Join(goroot, "src")+string(filepath.Separator))
}

// isUnsafePointer reports whether t is unsafe.Pointer.
func isUnsafePointer(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Kind() == types.UnsafePointer
}

// conversion returns the operand of a conversion call T(x), or nil.
func (ck *checker) conversion(e ast.Expr) (types.Type, ast.Expr) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return nil, nil
	}
	tv, ok := ck.pass.TypesInfo.Types[call.Fun]
	if !ok || !tv.IsType() {
		return nil, nil
	}
	return tv.Type, call.Args[0]
}

// unsafePointerOf returns x for unsafe.Pointer(&x) and for
// unsafe.Add(unsafe.Pointer(&x), n), and whether an offset is added.
func (ck *checker) unsafePointerOf(e ast.Expr) (x ast.Expr, offset bool) {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 2 {
		if fn, ok := ck.pass.TypesInfo.Uses[calleeIdent(call.Fun)].(*types.Builtin); ok && fn.Name() == "Add" {
			x, _ := ck.unsafePointerOf(call.Args[0])
			return x, true
		}
	}
	t, arg := ck.conversion(e)
	if t == nil || !isUnsafePointer(t) {
		return nil, false
	}
	if u, ok := ast.Unparen(arg).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X, false
	}
	return nil, false
}

func calleeIdent(fun ast.Expr) *ast.Ident {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return nil
}

// diagnostic reports a finding (a review-tier observation in test-support,
// benchmark or sample code).
func (ck *checker) diagnostic(d analysis.Diagnostic, ids ...contract.ID) { ck.r.Finding(d, ids...) }

// report is diagnostic for a message at node.
func (ck *checker) report(node analysis.Range, msg string, ids ...contract.ID) {
	ck.r.FindingAt(node, msg, ids...)
}
