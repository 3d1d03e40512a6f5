package golifecycle_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/golifecycle"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), golifecycle.Analyzer, "golifecycle/...")
}
