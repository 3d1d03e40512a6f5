package golifecycle_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/analyzers/closeowner"
	"github.com/rtlint/rtlint/analyzers/ctxblock"
	"github.com/rtlint/rtlint/analyzers/doubleclose"
	"github.com/rtlint/rtlint/analyzers/golifecycle"
	"github.com/rtlint/rtlint/internal/testutil"
)

var channelAnalyzers = []*analysis.Analyzer{golifecycle.Analyzer, ctxblock.Analyzer, closeowner.Analyzer, doubleclose.Analyzer}

// analyzeTestdata runs the four analyzers that share the channel model on
// their test data at once and returns every diagnostic, sorted.
func analyzeTestdata(t *testing.T) []string {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   filepath.Join(testutil.Testdata(), "src"),
		Env:   append(os.Environ(), "GOPATH="+testutil.Testdata(), "GO111MODULE=off", "GOWORK=off"),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, "golifecycle", "ctxblock", "closeowner", "doubleclose")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("packages had errors")
	}
	graph, err := checker.Analyze(channelAnalyzers, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	counts := map[string]int{}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			counts[act.Analyzer.Name]++
			out = append(out, fmt.Sprintf("%s %s %s", act.Analyzer.Name, act.Package.Fset.Position(d.Pos), d.Message))
		}
	}
	for _, a := range channelAnalyzers {
		if counts[a.Name] == 0 {
			t.Errorf("no %s diagnostics: %v", a.Name, counts)
		}
	}
	sort.Strings(out)
	return out
}

// TestSharedModel runs the four analyzers that read one channel model on
// the same packages at once (run it with -race: they share the model's
// lazily built parts), and again with GOMAXPROCS=1: the findings must not
// depend on the scheduling.
func TestSharedModel(t *testing.T) {
	parallel := analyzeTestdata(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	serial := analyzeTestdata(t)
	if strings.Join(parallel, "\n") != strings.Join(serial, "\n") {
		t.Errorf("findings differ under GOMAXPROCS=1:\nparallel:\n%s\nserial:\n%s", strings.Join(parallel, "\n"), strings.Join(serial, "\n"))
	}
}

// TestHugeFunction checks that the model bounds its work: a function of
// thousands of blocks full of channel operations (the shape of
// cmd/compile's generated rewrite rules, or nats-server's server package)
// is analyzed, not hung on. The test has no time limit of its own; the
// go test timeout is the hang detector.
func TestHugeFunction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large package")
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("package huge\n\nfunc Huge(in []chan int, quit chan struct{}, x int) int {\n\tres := make(chan int)\n\tgo func() { res <- x }()\n\ttotal := 0\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "\tif x == %d {\n\t\tselect {\n\t\tcase v := <-in[%d%%len(in)]:\n\t\t\ttotal += v\n\t\tcase <-quit:\n\t\t\treturn -1\n\t\t}\n\t}\n", i, i)
	}
	b.WriteString("\treturn total + <-res\n}\n")
	if err := os.WriteFile(filepath.Join(dir, "huge.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module huge\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the generated package does not load", err)
	}
	graph, err := checker.Analyze(channelAnalyzers, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s: %v", act, act.Err)
		}
		if act.Analyzer == golifecycle.Analyzer {
			for _, d := range act.Diagnostics {
				found = found || strings.Contains(d.Message, "without receiving from res")
			}
		}
	}
	if !found {
		t.Error("the early return abandoning res's sender was not found in the huge function")
	}
}
