package finalizer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/finalizer"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), finalizer.Analyzer, "finalizer")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	mod := filepath.Join(testutil.Testdata(), "mod", "finalizer-go1.24")
	testutil.DefaultTierSilent(t, testutil.Testdata(), finalizer.Analyzer, "finalizer/review/...")
	testutil.DefaultTierSilent(t, mod, finalizer.Analyzer, "example.com/finalizer")
	testutil.ReviewTier(t, testutil.Testdata(), finalizer.Analyzer, false, "finalizer/review/...")
	testutil.ReviewTier(t, mod, finalizer.Analyzer, false, "example.com/finalizer")
}

// TestGo123 checks, in review mode, that files older than Go 1.24, which
// cannot call AddCleanup, get no AddCleanup hint, while the other findings
// stay.
func TestGo123(t *testing.T) {
	testutil.Review(t)
	analysistest.Run(t, filepath.Join(testutil.Testdata(), "mod", "finalizer-go1.23"), finalizer.Analyzer, "example.com/finalizer")
}
