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
	analysistest.Run(t, testdata, gomaxprocs.Analyzer, "gomaxprocs/...")
}

// TestGo124 checks the message for a module whose go line predates the
// container-aware updates of Go 1.25.
func TestGo124(t *testing.T) {
	analysistest.Run(t, filepath.Join(testutil.Testdata(), "mod", "gomaxprocs-go1.24"), gomaxprocs.Analyzer, "example.com/gomaxprocs")
}
