package timeafter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/timeafter"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Testdata(), timeafter.Analyzer, "timeafter")
}

// TestVersions runs the modules whose go.mod chooses the timer semantics:
// go lines 1.21, 1.23 and 1.26, a godebug line, a godebug default, and
// //go:debug directives. A diagnostic in a file without a .golden file
// must not offer a fix.
func TestVersions(t *testing.T) {
	for _, mod := range []string{"go1.21", "go1.23", "go1.26", "godebug", "godebugdefault"} {
		t.Run(mod, func(t *testing.T) {
			dir := filepath.Join(testutil.Testdata(), "mod", "timeafter-"+mod)
			results := analysistest.RunWithSuggestedFixes(t, dir, timeafter.Analyzer, "./...")
			for _, r := range results {
				for _, d := range r.Diagnostics {
					name := r.Pass.Fset.File(d.Pos).Name()
					if _, err := os.Stat(name + ".golden"); err != nil && len(d.SuggestedFixes) > 0 {
						t.Errorf("%s: unexpected fix %q for %q", filepath.Base(name), d.SuggestedFixes[0].Message, strings.SplitN(d.Message, ";", 2)[0])
					}
				}
			}
		})
	}
}

// TestFixesKeepBehaviour applies every fix, of both tiers, to a program
// that runs each fixed shape, and checks that it still builds and prints
// the same.
func TestFixesKeepBehaviour(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	testutil.Review(t)
	before, after, fixes, fixed := testutil.FixRun(t, filepath.Join(testutil.Testdata(), "mod", "timeafter-fixrun"), timeafter.Analyzer)
	if fixes != 7 {
		t.Errorf("applied %d fixes, want 7", fixes)
	}
	if before != after {
		t.Errorf("output changed by the fixes:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	t.Logf("output:\n%s", before)
	if testing.Verbose() {
		src, _ := os.ReadFile(filepath.Join(fixed, "main.go"))
		t.Logf("fixed main.go:\n%s", src)
	}
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier, with their fixes.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), timeafter.Analyzer, "timeafter/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), timeafter.Analyzer, true, "timeafter/review/...")
}
