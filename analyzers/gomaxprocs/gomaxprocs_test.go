package gomaxprocs_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/gomaxprocs"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	testdata := testutil.Testdata()
	analysistest.Run(t, testdata, gomaxprocs.Analyzer, "gomaxprocs", "gomaxprocs/mainpkg")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	mod := filepath.Join(testutil.Testdata(), "mod", "gomaxprocs-go1.24")
	testutil.DefaultTierSilent(t, testutil.Testdata(), gomaxprocs.Analyzer, "gomaxprocs/review/...")
	testutil.DefaultTierSilent(t, mod, gomaxprocs.Analyzer, "example.com/gomaxprocs/review")
	testutil.ReviewTier(t, testutil.Testdata(), gomaxprocs.Analyzer, false, "gomaxprocs/review/...")
	testutil.ReviewTier(t, mod, gomaxprocs.Analyzer, false, "example.com/gomaxprocs/review")
}

// TestGo124 checks the message for a module whose go line predates the
// container-aware updates of Go 1.25.
func TestGo124(t *testing.T) {
	analysistest.Run(t, filepath.Join(testutil.Testdata(), "mod", "gomaxprocs-go1.24"), gomaxprocs.Analyzer, "example.com/gomaxprocs")
}
