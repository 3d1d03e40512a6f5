package emptyselect

import (
	_ "embed"
	"go/ast"

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
		r.Report(sel, "select {} parks this goroutine forever and nothing can wake it; outside package main that leaks the goroutine and all it references: block on ctx.Done() or a channel the caller can close",
			contract.EmptySelectParksForever)
	}
	return nil, nil
}
