package lockthread_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/lockthread"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	testdata := testutil.Testdata()
	analysistest.RunWithSuggestedFixes(t, testdata, lockthread.Analyzer, "lockthread")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), lockthread.Analyzer, "lockthread/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), lockthread.Analyzer, true, "lockthread/review/...")
}
