package directives

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/directive"
)

//go:embed doc.go
var doc string

// Analyzer reports malformed rtlint directives; the index every rtlint
// analyzer consults is directive.Analyzer's result.
var Analyzer = &analysis.Analyzer{
	Name:             "directives",
	Doc:              analysisutil.Doc(doc, "directives"),
	URL:              analysisutil.URL("directives"),
	Requires:         []*analysis.Analyzer{directive.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

func run(pass *analysis.Pass) (any, error) {
	idx := pass.ResultOf[directive.Analyzer].(*directive.Index)
	for _, p := range idx.Problems {
		pass.Report(analysis.Diagnostic{Pos: p.Pos, End: p.End, Message: p.Message})
	}
	return nil, nil
}
