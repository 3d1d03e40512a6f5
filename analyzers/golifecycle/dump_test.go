//go:build dump

package golifecycle_test

import (
	"fmt"
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/analyzers/ctxblock"
	"github.com/rtlint/rtlint/analyzers/golifecycle"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

// TestDumpDir prints, with their tier, the findings of golifecycle and
// ctxblock on the module in $LEAK_DUMP (a debugging aid, built with -tags dump:
// LEAK_DUMP=DIR go test -tags dump -run TestDumpDir .).
func TestDumpDir(t *testing.T) {
	dir := os.Getenv("LEAK_DUMP")
	if dir == "" {
		t.Skip("set LEAK_DUMP to a module directory")
	}
	directive.SetReview(true)
	defer directive.SetReview(false)
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{golifecycle.Analyzer, ctxblock.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			fmt.Printf("%s %s %s: %s\n", report.TierOf(d), act.Analyzer.Name, act.Package.Fset.Position(d.Pos), d.Message)
		}
	}
}
