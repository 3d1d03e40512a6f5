package ctxblock

import (
	_ "embed"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/chanmodel"
	"github.com/rtlint/rtlint/internal/chanmodel/cite"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "ctxblock",
	Doc:      analysisutil.Doc(doc, "ctxblock"),
	URL:      analysisutil.URL("ctxblock"),
	Requires: []*analysis.Analyzer{directive.Analyzer, chanmodel.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[chanmodel.Analyzer].(*chanmodel.Model)
	if m.Pkg == nil {
		return nil, nil
	}
	r := report.New(pass)
	for _, l := range m.Leaks() {
		ctx := m.ContextAt(l.Op)
		if ctx == "" || l.OnDone() {
			continue // golifecycle's
		}
		msg, facts := l.Message(ctx, r.Toolchain().Version)
		ids := cite.IDs(facts)
		at := rng{l.Pos(), l.Pos()}
		if chanmodel.IntentAt(pass, l.Op.Pos, nil) {
			r.Review(at, msg, ids...) // a comment says the wait is meant to last
		} else {
			r.Report(at, msg, ids...)
		}
	}
	return nil, nil
}

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }
