package unsaferuntime_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/unsaferuntime"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Testdata(), unsaferuntime.Analyzer, "unsaferuntime")
}

// TestVersions runs modules whose go line lacks unsafe.Slice (go 1.16),
// has only unsafe.Slice (go 1.17), or has all four builtins (go 1.20). A
// diagnostic in a file without a .golden file must not offer a fix, and
// every fixed file must match its golden file.
func TestVersions(t *testing.T) {
	for _, v := range []string{"go1.16", "go1.17", "go1.20"} {
		t.Run(v, func(t *testing.T) {
			dir := filepath.Join(testutil.Testdata(), "mod", "unsaferuntime-"+v)
			for _, r := range analysistest.RunWithSuggestedFixes(t, dir, unsaferuntime.Analyzer, "./...") {
				for _, d := range r.Diagnostics {
					name := r.Pass.Fset.File(d.Pos).Name()
					if _, err := os.Stat(name + ".golden"); err != nil && len(d.SuggestedFixes) > 0 {
						t.Errorf("%s: unexpected fix %q", filepath.Base(name), d.SuggestedFixes[0].Message)
					}
				}
			}
		})
	}
}

// TestFixDropsImport checks that a fix removing a file's last use of
// reflect deletes the import itself, so that it compiles when applied
// alone (as an editor does), not only after a driver's import cleanup.
func TestFixDropsImport(t *testing.T) {
	for _, r := range analysistest.Run(t, testutil.Testdata(), unsaferuntime.Analyzer, "unsaferuntime") {
		for _, d := range r.Diagnostics {
			f := r.Pass.Fset.File(d.Pos)
			if base := filepath.Base(f.Name()); base != "importdrop.go" && base != "renamed.go" {
				continue
			}
			src, err := os.ReadFile(f.Name())
			if err != nil {
				t.Fatal(err)
			}
			dropped := false
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					if strings.Contains(string(src[f.Offset(e.Pos):f.Offset(e.End)]), `"reflect"`) {
						dropped = true
					}
				}
			}
			if !dropped {
				t.Errorf("%s: the fix does not delete the reflect import", filepath.Base(f.Name()))
			}
		}
	}
}

// TestFixesKeepBehaviour applies every fix to a program that runs each
// rewritten shape, and checks that it still builds, vets and prints the
// same.
func TestFixesKeepBehaviour(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	before, after, fixes, _ := testutil.FixRun(t, filepath.Join(testutil.Testdata(), "mod", "unsaferuntime-fixrun"), unsaferuntime.Analyzer)
	if fixes != 9 {
		t.Errorf("applied %d fixes, want 9", fixes)
	}
	if before != after {
		t.Errorf("output changed by the fixes:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), unsaferuntime.Analyzer, "unsaferuntime/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), unsaferuntime.Analyzer, false, "unsaferuntime/review/...")
}
