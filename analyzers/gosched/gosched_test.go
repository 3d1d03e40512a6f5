package gosched_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/gosched"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), gosched.Analyzer, "gosched")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), gosched.Analyzer, "gosched/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), gosched.Analyzer, false, "gosched/review/...")
}
