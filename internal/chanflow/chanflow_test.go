package chanflow_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/analyzers/closeowner"
	"github.com/rtlint/rtlint/analyzers/doubleclose"
	"github.com/rtlint/rtlint/internal/testutil"
)

// TestShared runs both analyzers that use the channel model on the same
// packages at once (run with -race): they share one Result concurrently.
func TestShared(t *testing.T) {
	cfg := &packages.Config{
		Mode:  packages.LoadSyntax,
		Dir:   filepath.Join(testutil.Testdata(), "src"),
		Env:   append(os.Environ(), "GOPATH="+testutil.Testdata(), "GO111MODULE=off", "GOWORK=off"),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, "closeowner", "doubleclose")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("packages had errors")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{closeowner.Analyzer, doubleclose.Analyzer}, pkgs, &checker.Options{})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		counts[act.Analyzer.Name] += len(act.Diagnostics)
	}
	if counts["closeowner"] == 0 || counts["doubleclose"] == 0 {
		t.Errorf("diagnostics per analyzer: %v; want some from each", counts)
	}
}
