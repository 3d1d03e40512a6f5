package linkname_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/linkname"
	"github.com/rtlint/rtlint/internal/report"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), linkname.Analyzer, "linkname", "linkname/pinned")
}

// TestContained checks runtime_linkname.go: a pull that will not link is a
// finding; what its comment and the package's version check lack are
// review-tier observations, shown in review mode only.
func TestContained(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), linkname.Analyzer, "linkname/containedbad")
	testutil.Review(t)
	for _, r := range analysistest.Run(t, testutil.Testdata(), linkname.Analyzer, "linkname/contained", "linkname/containedbad") {
		for _, d := range r.Diagnostics {
			want := report.Review
			if strings.Contains(d.Message, "fail to link") {
				want = report.Default
			}
			if got := report.TierOf(d); got != want {
				t.Errorf("%s: %q in the %s tier, want %s", r.Pass.Fset.Position(d.Pos), d.Message, got, want)
			}
		}
	}
}
