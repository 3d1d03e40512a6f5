package emptyselect

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
	Name:     "emptyselect",
	Doc:      analysisutil.Doc(doc, "emptyselect"),
	URL:      analysisutil.URL("emptyselect"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if analysisutil.IsMain(pass) {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	r := report.New(pass)
	for cur := range insp.Root().Preorder((*ast.SelectStmt)(nil)) {
		sel := cur.Node().(*ast.SelectStmt)
		if len(sel.Body.List) > 0 || analysisutil.IsTestFile(pass, sel.Pos()) {
			continue
		}
		if afterCrash(pass, cur) {
			continue // the process is going down: the select only waits for it
		}
		const msg = "select {} parks this goroutine forever and nothing can wake it; outside package main that leaks the goroutine and all it references: block on ctx.Done() or a channel the caller can close"
		if isProcessMain(pass, cur) {
			r.Review(sel, msg, contract.EmptySelectParksForever)
			continue
		}
		r.Report(sel, msg, contract.EmptySelectParksForever)
	}
	return nil, nil
}

// isProcessMain reports whether the select at cur parks a goroutine that
// lives as long as the process by design: in a command-line command's
// entry (a cobra Run or urfave/cli action, the process's main in all but
// name), in test-support, benchmark or sample code, or in a test helper.
func isProcessMain(pass *analysis.Pass, cur inspector.Cursor) bool {
	if analysisutil.SupportOf(pass, cur.Node().Pos()) != analysisutil.NotSupport || analysisutil.InTestHelper(pass.TypesInfo, cur) {
		return true
	}
	for c := cur; ; {
		fn, ok := analysisutil.EnclosingFunc(c)
		if !ok {
			return false
		}
		if analysisutil.IsCommandFunc(pass.TypesInfo, fn.Node()) {
			return true
		}
		c = fn
	}
}

// afterCrash reports whether the select follows `go panic(v)` in the same
// block: a panic in a goroutine of its own cannot be recovered, so the
// process is crashing, and the select keeps this goroutine in the crash
// dump (golang.org/x/sync/singleflight does this).
func afterCrash(pass *analysis.Pass, cur inspector.Cursor) bool {
	prev, ok := cur.PrevSibling()
	if !ok {
		return false
	}
	g, ok := prev.Node().(*ast.GoStmt)
	if !ok {
		return false
	}
	b, ok := pass.TypesInfo.Uses[identOf(g.Call.Fun)].(*types.Builtin)
	return ok && b.Name() == "panic"
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}
