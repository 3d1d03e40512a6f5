package testutil

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

// ignoreWants is an analysistest.Testing that drops analysistest's
// complaints (its unmatched "// want" expectations).
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

// DefaultTierSilent runs a outside review mode on the packages matching
// patterns under dir, whose "// want" expectations are review-tier
// observations, and fails t for every diagnostic it reports: none of
// those observations may appear in a default run, and nothing else may
// either.
func DefaultTierSilent(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) {
	t.Helper()
	if directive.ReviewMode() {
		t.Fatal("DefaultTierSilent called in review mode: call it before ReviewTier")
	}
	for _, r := range analysistest.Run(ignoreWants{}, dir, a, patterns...) {
		for _, d := range r.Diagnostics {
			t.Errorf("%s: default run reported %q (tier %s)", r.Pass.Fset.Position(d.Pos), d.Message, report.TierOf(d))
		}
	}
}

// ReviewTier turns review mode on for the rest of the test (so call
// DefaultTierSilent first) and runs a on the packages matching patterns
// under dir, checking their "// want" expectations (and, with fixes, the
// .golden files), and fails t for every diagnostic that is not in the
// review tier.
func ReviewTier(t *testing.T, dir string, a *analysis.Analyzer, fixes bool, patterns ...string) {
	t.Helper()
	Review(t)
	var results []*analysistest.Result
	if fixes {
		results = analysistest.RunWithSuggestedFixes(t, dir, a, patterns...)
	} else {
		results = analysistest.Run(t, dir, a, patterns...)
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if report.TierOf(d) != report.Review {
				t.Errorf("%s: %q is a default-tier finding, want review tier", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
}
