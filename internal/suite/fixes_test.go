package suite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

// TestFixesCompile applies every suggested fix every analyzer offers on
// its test data (each diagnostic's alternatives in turn: the first fix of
// every diagnostic, then the second of those that have one, ...) to a copy
// of the test data, and requires the fixed packages, tests included, to
// type-check: a fix must never break code.
func TestFixesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("loads all test data; skipped with -short")
	}
	var total int
	for _, a := range suite.Analyzers() {
		t.Run(a.Name, func(t *testing.T) {
			for alt := 0; ; alt++ {
				n := fixAndCheck(t, a, alt)
				total += n
				if n == 0 {
					break
				}
			}
		})
	}
	t.Logf("%d fixes applied", total)
	if total < 10 {
		t.Errorf("only %d fixes in all the test data: the test checks next to nothing", total)
	}
}

var loadEnv = []string{"GO111MODULE=off", "GOPROXY=off", "GOFLAGS="}

// fixAndCheck applies alternative alt of every fix a offers on its test
// data in a copy of testdata, type-checks the result and returns how many
// fixes it applied.
func fixAndCheck(t *testing.T, a *analysis.Analyzer, alt int) int {
	t.Helper()
	gopath := t.TempDir()
	if err := os.CopyFS(gopath, os.DirFS(testutil.Testdata())); err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   filepath.Join(gopath, "src"),
		Tests: true,
		Env:   append(os.Environ(), append(loadEnv, "GOPATH="+gopath)...),
	}
	pkgs, err := packages.Load(cfg, "./"+a.Name+"/...")
	if err != nil {
		t.Fatal(err)
	}
	broken := map[string]bool{} // packages ill-typed on purpose
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			broken[p.ID] = true
		}
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	fixes, files := testutil.ApplyFixes(t, graph, a, alt, func(p *packages.Package) bool { return broken[p.ID] })
	if fixes == 0 {
		return 0
	}
	fixed, err := packages.Load(cfg, "./"+a.Name+"/...")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range fixed {
		if broken[p.ID] {
			continue
		}
		for _, e := range p.Errors {
			for i := range files {
				files[i] = strings.TrimPrefix(files[i], gopath+"/src/")
			}
			t.Errorf("after %d fixes (alternative %d) in %v: %s: %v", fixes, alt+1, files, p.ID, e)
		}
	}
	return fixes
}
