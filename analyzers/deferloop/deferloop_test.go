package deferloop_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/rtlint/rtlint/analyzers/deferloop"
	"github.com/rtlint/rtlint/internal/testutil"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testutil.Testdata(), deferloop.Analyzer, "deferloop")
}

// TestReview checks the review-tier observations: reported in review mode
// only, in the review tier.
func TestReview(t *testing.T) {
	testutil.DefaultTierSilent(t, testutil.Testdata(), deferloop.Analyzer, "deferloop/review/...")
	testutil.ReviewTier(t, testutil.Testdata(), deferloop.Analyzer, true, "deferloop/review/...")
}

// TestVersions runs modules on go 1.21 (shared loop variables: no fix
// when a deferred closure reads one), 1.23 (range-over-func) and 1.26.
func TestVersions(t *testing.T) {
	for _, v := range []string{"go1.21", "go1.23", "go1.26"} {
		t.Run(v, func(t *testing.T) {
			analysistest.RunWithSuggestedFixes(t, filepath.Join(testutil.Testdata(), "mod", "deferloop-"+v), deferloop.Analyzer, "./...")
		})
	}
}

var deferKind = regexp.MustCompile(`^\./main\.go:(\d+):\d+: (open-coded|stack-allocated|heap-allocated) defer$`)

// compilerDefers builds the module at dir with -gcflags=-d=defer and
// returns the kind of defer the compiler chose for each line of main.go.
func compilerDefers(t *testing.T, dir string) map[int]string {
	t.Helper()
	cmd := exec.Command("go", "build", "-gcflags=-d=defer", "-o", os.DevNull, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	kinds := map[int]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if m := deferKind.FindStringSubmatch(sc.Text()); m != nil {
			kinds[atoi(m[1])] = m[2]
		}
	}
	return kinds
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestCompilerClaim checks what doc.go and the message say against the
// installed compiler: without a loop a defer is open-coded; in a loop it
// is heap-allocated and the function's other defers lose open coding;
// moved into a func literal it is open-coded again.
func TestCompilerClaim(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	dir := filepath.Join(testutil.Testdata(), "mod", "deferloop-compiler")
	kinds := compilerDefers(t, dir)
	src, err := os.ReadFile(filepath.Join(dir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^\s*defer .*// (open-coded|stack-allocated|heap-allocated)$`)
	n := 0
	for i, line := range strings.Split(string(src), "\n") {
		m := want.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n++
		if got := kinds[i+1]; got != m[1] {
			t.Errorf("main.go:%d: compiler says %q defer, want %q", i+1, got, m[1])
		}
	}
	if n < 5 {
		t.Errorf("found %d annotated defers, want at least 5", n)
	}
}

// TestFixesKeepBehaviour applies every fix to a program that runs each
// fixed shape: it must build, print the same (apart from the lines about
// how many resources were open at once), hold one resource at a time, and
// have only open-coded defers left.
func TestFixesKeepBehaviour(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	before, after, fixes, fixed := testutil.FixRun(t, filepath.Join(testutil.Testdata(), "mod", "deferloop-fixrun"), deferloop.Analyzer)
	if fixes != 4 {
		t.Errorf("applied %d fixes, want 4", fixes)
	}
	keep := func(out string) (kept, peaks []string) {
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if strings.HasPrefix(l, "# ") {
				peaks = append(peaks, l)
			} else {
				kept = append(kept, l)
			}
		}
		return kept, peaks
	}
	b, _ := keep(before)
	a, peaks := keep(after)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("output changed by the fixes:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	for _, p := range peaks {
		if strings.Contains(p, "peak") && !strings.HasSuffix(p, "peak 1") {
			t.Errorf("after the fixes: %s, want peak 1", p)
		}
	}
	// firstOfEach defers in an inner loop that is left after one step: the
	// fix wraps the outer body, and the compiler still sees a loop. trace
	// gets no fix: its deferred literal sets the function's result.
	src, err := os.ReadFile(filepath.Join(fixed, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	loopy := map[int]bool{}
	in := false
	for i, l := range strings.Split(string(src), "\n") {
		in = in || strings.HasPrefix(l, "func firstOfEach(") || strings.HasPrefix(l, "func trace(")
		if in && strings.Contains(l, "defer ") {
			loopy[i+1], in = true, false
		}
	}
	if len(loopy) != 2 {
		t.Errorf("found the defers of firstOfEach and trace on lines %v, want two", loopy)
	}
	for line, kind := range compilerDefers(t, fixed) {
		if want := "open-coded"; !loopy[line] && kind != want {
			t.Errorf("fixed main.go:%d: %s defer, want %s", line, kind, want)
		}
	}
	t.Logf("before:\n%s\nafter:\n%s", before, after)
}
