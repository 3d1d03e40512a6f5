package report_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/internal/report"
	"github.com/rtlint/rtlint/internal/testutil"
)

// TestDemoted checks how other tools' suppressions reach the reporter: a
// bare //nolint demotes a finding to the review tier (shown in review
// mode only), one naming rtlint silences it, one naming an unrelated
// linter does nothing.
func TestDemoted(t *testing.T) {
	dir := testutil.Testdata()
	tiers := func(results []*analysistest.Result) map[int]report.Tier {
		out := map[int]report.Tier{}
		for _, r := range results {
			for _, d := range r.Diagnostics {
				out[r.Pass.Fset.Position(d.Pos).Line] = report.TierOf(d)
			}
		}
		return out
	}
	// Outside review mode the demoted finding is dropped: its "want" is
	// left unmatched, so analysistest's complaint is expected.
	got := tiers(analysistest.Run(&quietT{T: t}, dir, tierAnalyzer, "reportdemote"))
	want := map[int]report.Tier{4: report.Default, 7: report.Default}
	if len(got) != len(want) || got[4] != report.Default || got[7] != report.Default {
		t.Errorf("default run: lines and tiers %v, want %v", got, want)
	}
	testutil.Review(t)
	got = tiers(analysistest.Run(t, dir, tierAnalyzer, "reportdemote"))
	want = map[int]report.Tier{4: report.Default, 5: report.Review, 7: report.Default}
	if len(got) != len(want) || got[4] != report.Default || got[5] != report.Review || got[7] != report.Default {
		t.Errorf("review run: lines and tiers %v, want %v", got, want)
	}
}
