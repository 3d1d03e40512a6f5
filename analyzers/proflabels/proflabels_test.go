package proflabels_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/proflabels"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Testdata(), proflabels.Analyzer, "proflabels")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), proflabels.Analyzer, "proflabels/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), proflabels.Analyzer, false, "proflabels/review/...")
}
