package robust_test

import (
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

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

func full() bool { return os.Getenv("RTLINT_ROBUST_FULL") == "1" }

// TestFull is the whole robustness run, done once by hand (it takes tens of
// minutes): std and cmd with tests, every module in RTLINT_ROBUST_MODULES
// (a colon-separated list of module directories with their dependencies
// downloaded, default /work/corpus/*) with its tests, and the packages
// those modules depend on from the module cache (pattern all, standard
// library excluded, each package once). TestGoTestSuite covers the whole
// of $GOROOT/test in the same mode.
//
//	RTLINT_ROBUST_FULL=1 go test -run 'TestFull|TestGoTestSuite' -timeout 0 -v ./internal/robust
func TestFull(t *testing.T) {
	if !full() {
		t.Skip("set RTLINT_ROBUST_FULL=1 for the full robustness run")
	}
	analyzers := suite.Analyzers()
	total := new(robust.Summary)
	run := func(what, dir string, tests bool, filter func(*packages.Package) bool, patterns ...string) {
		t0 := time.Now()
		pkgs, err := robust.Load(dir, nil, tests, patterns...)
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		if filter != nil {
			var kept []*packages.Package
			for _, p := range pkgs {
				if filter(p) {
					kept = append(kept, p)
				}
			}
			pkgs = kept
		}
		s, err := robust.Packages(analyzers, pkgs, 10*time.Minute)
		check(t, what, s, err)
		t.Logf("%s: %v", what, time.Since(t0).Round(time.Second))
		total.Add(s)
	}
	root := goroot(t)
	run("std", filepath.Join(root, "src"), true, nil, "std")
	run("cmd", filepath.Join(root, "src"), true, nil, "cmd/...")

	mods := filepath.SplitList(os.Getenv("RTLINT_ROBUST_MODULES"))
	if len(mods) == 0 {
		mods, _ = filepath.Glob("/work/corpus/*/go.mod")
		for i := range mods {
			mods[i] = filepath.Dir(mods[i])
		}
	}
	seen := map[string]bool{} // dependency packages already analyzed, by path@version
	for _, dir := range mods {
		run(filepath.Base(dir), dir, true, nil, "./...")
		run(filepath.Base(dir)+" dependencies", dir, false, func(p *packages.Package) bool {
			if p.Module == nil || p.Module.Main {
				return false // standard library, or the module itself
			}
			key := p.PkgPath + "@" + p.Module.Version
			if seen[key] {
				return false
			}
			seen[key] = true
			return true
		}, "all")
	}
	t.Logf("TOTAL: %v", total)
}
