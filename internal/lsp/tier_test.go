package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

// observer reports, through internal/report, a finding at each package
// clause and a review-tier observation at each import.
var observer = &analysis.Analyzer{
	Name:     "observer",
	Doc:      "reports a finding and an observation",
	Requires: []*analysis.Analyzer{directive.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		for _, f := range pass.Files {
			r.Diagnostic(analysis.Diagnostic{Pos: f.Name.Pos(), End: f.Name.End(), Message: "finding"})
			for _, imp := range f.Imports {
				r.ReviewDiagnostic(analysis.Diagnostic{Pos: imp.Pos(), End: imp.End(), Message: "observation"})
			}
		}
		return nil, nil
	},
}

// TestSeverityByTier: in review mode (rtlint lsp -review) review-tier
// observations are published as Information, findings as Warning; out of
// it the observations are not reported at all.
func TestSeverityByTier(t *testing.T) {
	dir := copyModule(t, "integration")
	path := filepath.Join(dir, "findings", "findings.go")
	for _, review := range []bool{true, false} {
		directive.SetReview(review)
		c := startServer(t, Options{Analyzers: []*analysis.Analyzer{observer}})
		c.Initialize(true)
		uri := c.Open(path, 1)
		diags := c.WaitDiags(uri, 1, has("observer"))
		sev := map[string]int{}
		for _, d := range diags {
			sev[strings.Fields(d.Message)[0]] = d.Severity
		}
		want := map[string]int{"finding": int(protocol.DiagnosticSeverityWarning)}
		if review {
			want["observation"] = int(protocol.DiagnosticSeverityInformation)
		}
		if len(sev) != len(want) || sev["finding"] != want["finding"] || sev["observation"] != want["observation"] {
			t.Errorf("review mode %v: severities %v, want %v", review, sev, want)
		}
		c.shutdown()
	}
	directive.SetReview(false)
}
