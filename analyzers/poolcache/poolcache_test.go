package poolcache_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/poolcache"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), poolcache.Analyzer, "poolcache")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), poolcache.Analyzer, "poolcache/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), poolcache.Analyzer, false, "poolcache/review/...")
}
