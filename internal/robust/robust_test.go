package robust_test

import (
	"go/token"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/robust"
	"github.com/rtlint/rtlint/internal/suite"
)

func goroot(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// check fails the test for every panic and internal error. Slow packages
// are listed, not failed: wall time on a shared CI machine is no verdict
// (a hang is: Packages gives up after its stall timeout).
func check(t *testing.T, what string, s *robust.Summary, err error) {
	t.Helper()
	t.Logf("%s: %v", what, s)
	if err != nil {
		t.Errorf("%s: %v", what, err)
	}
	for _, p := range s.Panics {
		t.Errorf("%s: %s", what, p)
	}
	for _, e := range s.Errors {
		t.Errorf("%s: internal error: %s", what, e)
	}
	for _, sl := range s.Slow {
		t.Logf("%s: slow (over %v of wall time): %s", what, robust.SlowAfter, sl)
	}
}

// TestStd analyzes the whole standard library with its tests, the
// representative part of the robustness run that CI does: some 1,000
// packages (with test variants) and 1.4 million lines, every analyzer,
// about 30 s on 2 cores once std's export data is built.
func TestStd(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes the standard library; skipped with -short")
	}
	pkgs, err := robust.Load(filepath.Join(goroot(t), "src"), nil, true, "std")
	if err != nil {
		t.Fatal(err)
	}
	s, err := robust.Packages(suite.Analyzers(), pkgs, 5*time.Minute)
	check(t, "std", s, err)
	if s.Packages < 500 || s.IllTyped > 0 {
		t.Errorf("std: %d packages analyzed, %d ill-typed; want the whole standard library, well-typed", s.Packages, s.IllTyped)
	}
}

// TestGoTestSuite analyzes a sample of the Go test suite's programs
// ($GOROOT/test: fixed bugs, torture tests, odd syntax, huge literals),
// each file a package of its own: one in four in CI, all in the full run.
func TestGoTestSuite(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the Go test suite; skipped with -short")
	}
	keep := func(i int) bool { return i%4 == 0 }
	if full() {
		keep = nil
	}
	root := goroot(t)
	names, err := robust.GoTestFiles(root, keep)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	imp, err := robust.NewStdImporter(root, fset)
	if err != nil {
		t.Fatal(err)
	}
	files, failed := robust.TypeCheckFiles(imp, names)
	t.Logf("$GOROOT/test: %d files, %d type-check, %d do not (deliberate errors, or need files beside them)", len(names), len(files), failed)
	s := robust.Files(suite.Analyzers(), files, runtime.GOMAXPROCS(0))
	check(t, "$GOROOT/test", s, nil)
	if len(files) < len(names)/3 {
		t.Errorf("only %d of %d files type-checked", len(files), len(names))
	}
}

// full reports whether this is the whole robustness run (the robustfull
// build tag: full_test.go), which covers all of $GOROOT/test.
func full() bool { return robustFull }
