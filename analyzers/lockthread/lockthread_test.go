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
