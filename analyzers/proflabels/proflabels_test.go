package proflabels_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/proflabels"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Testdata(), proflabels.Analyzer, "proflabels/...")
}
