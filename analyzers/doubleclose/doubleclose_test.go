package doubleclose_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/doubleclose"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.Run(t, testutil.Testdata(), doubleclose.Analyzer, "doubleclose")
}

// TestUnguarded checks the opt-in report of an exported method that
// closes a receiver field with no guard.
func TestUnguarded(t *testing.T) {
	f := doubleclose.Analyzer.Flags.Lookup("unguarded")
	if err := f.Value.Set("true"); err != nil {
		t.Fatal(err)
	}
	defer f.Value.Set("false")
	analysistest.Run(t, testutil.Testdata(), doubleclose.Analyzer, "doubleclose/unguarded")
}

// TestUnguardedOff checks that the same package is silent by default.
func TestUnguardedOff(t *testing.T) {
	var ft fakeT
	analysistest.Run(&ft, testutil.Testdata(), doubleclose.Analyzer, "doubleclose/unguarded")
	// Every "want" goes unmatched, and nothing else is reported.
	if ft.errors != 3 {
		t.Errorf("got %d complaints, want the 3 unmatched wants: %q", ft.errors, ft.msgs)
	}
	for _, m := range ft.msgs {
		if !strings.Contains(m, "no diagnostic was reported") {
			t.Errorf("with the flag off: %s", m)
		}
	}
}

// fakeT collects what analysistest reports.
type fakeT struct {
	errors int
	msgs   []string
}

func (f *fakeT) Errorf(format string, args ...any) {
	f.errors++
	f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
}
