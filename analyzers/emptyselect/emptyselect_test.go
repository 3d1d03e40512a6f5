package emptyselect_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/emptyselect"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), emptyselect.Analyzer, "emptyselect", "emptyselect/mainpkg")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), emptyselect.Analyzer, "emptyselect/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), emptyselect.Analyzer, false, "emptyselect/review/...")
}
