package finalizer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/finalizer"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), finalizer.Analyzer, "finalizer/...")
}

// TestGo123 checks that files older than Go 1.24, which cannot call
// AddCleanup, get no AddCleanup hint, while the other findings stay.
func TestGo123(t *testing.T) {
	analysistest.Run(t, filepath.Join(testutil.Testdata(), "mod", "finalizer-go1.23"), finalizer.Analyzer, "example.com/finalizer")
}

// TestGo124 checks the hint in a Go 1.24 module.
func TestGo124(t *testing.T) {
	analysistest.Run(t, filepath.Join(testutil.Testdata(), "mod", "finalizer-go1.24"), finalizer.Analyzer, "example.com/finalizer")
}
