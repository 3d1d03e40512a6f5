package finalizer

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
	Name:     "finalizer",
	Doc:      analysisutil.Doc(doc, "finalizer"),
	URL:      analysisutil.URL("finalizer"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

// maxDepth bounds how deep the search for data operations follows calls
// into functions and methods declared in the analyzed package.
const maxDepth = 3

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "runtime") {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, r: report.New(pass), insp: insp}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := analysisutil.Callee(pass.TypesInfo, call)
		isSet := analysisutil.IsPkgFunc(fn, "runtime", "SetFinalizer") && len(call.Args) == 2
		isAdd := analysisutil.IsPkgFunc(fn, "runtime", "AddCleanup") && len(call.Args) == 3
		if !isSet && !isAdd || analysisutil.IsTestFile(pass, call.Pos()) {
			continue
		}
		if isSet {
			c.setFinalizer(cur, call)
		} else {
			c.addCleanup(cur, call)
		}
	}
	return nil, nil
}

type checker struct {
	pass  *analysis.Pass
	r     *report.Reporter
	insp  *inspector.Inspector
	decls map[*types.Func]*ast.FuncDecl // built on first use
}

// report reports a finding: data lost, or a cleanup that never runs. In
// test-support, benchmark or sample code it is a review-tier observation.
func (c *checker) report(node analysis.Range, msg string, ids ...contract.ID) {
	if analysisutil.SupportOf(c.pass, node.Pos()) != analysisutil.NotSupport {
		c.r.Review(node, msg, ids...)
		return
	}
	c.r.Report(node, msg, ids...)
}

func (c *checker) setFinalizer(cur inspector.Cursor, call *ast.CallExpr) {
	if tv, ok := c.pass.TypesInfo.Types[call.Args[1]]; ok && tv.IsNil() {
		return // SetFinalizer(obj, nil) removes a finalizer
	}
	if t, ok := c.resolve(cur, call.Args[1]); ok {
		if op, ok := c.dataOp(t); ok {
			c.report(call, "this finalizer "+op.describe(c.pass.Pkg)+": finalizers need not run, not even at program exit, so that data can be lost; make callers Close explicitly and keep a finalizer, if any, only to report the leak",
				contract.FinalizerMustNotFlush, contract.FinalizersMayNotRunAtExit)
			return
		}
	}
	// A closure that captures obj is staticcheck's SA5005; not repeated here.
	// The AddCleanup hint is a suggestion (review tier), and only for a
	// finalizer that needs no more of its object than values it could be
	// handed when the cleanup is attached.
	f := analysisutil.File(c.pass, call.Pos())
	if v := analysisutil.FileVersion(c.pass, f); analysisutil.AtLeast(v, "go1.24") && c.r.ReviewMode() && !c.inspectsObject(cur, call.Args[1]) {
		c.r.Review(call, "since Go 1.24 runtime.AddCleanup serves better than SetFinalizer: it does not resurrect the object (a finalized object, and all it references, survives one more GC cycle), allows several cleanups per object, and still runs when the object is part of a reference cycle, where a finalizer never runs; attach a cleanup and pass it what it releases as arg",
			contract.PreferAddCleanup, contract.FinalizerResurrectsObject, contract.FinalizerCycleNeverCollected)
	}
}

func (c *checker) addCleanup(cur inspector.Cursor, call *ast.CallExpr) {
	ptr, cleanup, arg := call.Args[0], call.Args[1], call.Args[2]
	root, rootKind := ptrRoot(c.pass.TypesInfo, ptr)
	reported := false
	if root != nil {
		reported = c.checkArg(call, ptr, arg, root) || c.checkCapture(cur, call, cleanup, root, rootKind)
	}
	if reported {
		return
	}
	if t, ok := c.resolve(cur, cleanup); ok {
		if op, ok := c.dataOp(t); ok {
			c.report(call, "this cleanup "+op.describe(c.pass.Pkg)+": cleanups need not run, not even before program exit, so that data can be lost; make callers Close explicitly and keep a cleanup, if any, only to release resources or report the leak",
				contract.CleanupsMayNotRun)
		}
	}
}
