package gosched_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/gosched"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	testdata := testutil.Testdata()
	analysistest.Run(t, testdata, gosched.Analyzer, "gosched/...")
}
