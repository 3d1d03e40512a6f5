package report_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
	"github.com/rtlint/rtlint/internal/testutil"
)

// tierAnalyzer reports each println("finding") as a finding and each
// println("review") as a review-tier observation.
var tierAnalyzer = &analysis.Analyzer{
	Name:     "tier",
	Doc:      "test analyzer",
	Requires: []*analysis.Analyzer{directive.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		r := report.New(pass)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				switch lit, _ := call.Args[0].(*ast.BasicLit); {
				case lit == nil:
				case lit.Value == `"finding"`:
					r.Report(call, "finding: consequence", contract.SendOnClosedChanPanics)
				case lit.Value == `"review"`:
					r.Review(call, "review: observation", contract.SendOnClosedChanPanics)
				}
				return true
			})
		}
		return nil, nil
	},
}

// TestTiers checks that review-tier observations are reported only in
// review mode, with a category that says so, and findings always.
func TestTiers(t *testing.T) {
	dir := testutil.Testdata()
	t.Run("default", func(t *testing.T) {
		// The default run: the review-tier "want" is unmatched, so expect
		// exactly one failure report and no review diagnostic.
		results := analysistest.Run(&quietT{T: t}, dir, tierAnalyzer, "reporttier")
		for _, r := range results {
			for _, d := range r.Diagnostics {
				if report.TierOf(d) != report.Default {
					t.Errorf("default mode reported a %v diagnostic: %s", report.TierOf(d), d.Message)
				}
				if d.Category != string(contract.SendOnClosedChanPanics) {
					t.Errorf("category = %q, want the contract ID", d.Category)
				}
			}
			if len(r.Diagnostics) != 1 {
				t.Errorf("default mode: %d diagnostics, want 1", len(r.Diagnostics))
			}
		}
	})
	t.Run("review", func(t *testing.T) {
		testutil.Review(t)
		results := analysistest.Run(t, dir, tierAnalyzer, "reporttier")
		var tiers []report.Tier
		for _, r := range results {
			for _, d := range r.Diagnostics {
				tiers = append(tiers, report.TierOf(d))
			}
		}
		if len(tiers) != 2 || tiers[0] != report.Default || tiers[1] != report.Review {
			t.Errorf("review mode tiers = %v, want [default review]", tiers)
		}
	})
	if directive.ReviewMode() {
		t.Error("review mode still on after the test that set it")
	}
}

// quietT swallows analysistest's complaint about the unmatched review-tier
// expectation, which is what the default subtest checks for.
type quietT struct {
	*testing.T
}

func (q *quietT) Errorf(format string, args ...any) {}
