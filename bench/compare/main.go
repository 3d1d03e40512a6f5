// Command compare checks the standalone driver against the x/tools checker
// on real code: it analyzes the same packages both ways, the driver as
// `rtlint` runs it (two-phase go list, export data, a few packages at a
// time) and the checker on packages loaded wholly from source (as the
// multichecker does), and requires the same findings on every package
// that type-checks, and that the packages that do not are the ones the
// driver reports as not analyzed. With -break it first makes one package
// not compile (an overlay adds a file with a type error to the package of
// the run that most others import), so that the check covers a run with a
// broken dependency. It reports panics and analysis errors of either side,
// and exits 1 on any difference.
//
// Run it in the module (or $GOROOT/src) to check:
//
//	go run github.com/rtlint/rtlint/bench/compare [-test=false] [-break] ./...
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/driver"
	"github.com/rtlint/rtlint/internal/suite"
)

func main() {
	tests := flag.Bool("test", true, "include test packages")
	breakOne := flag.Bool("break", false, "make the most imported package of the run not compile first")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: compare [-test=false] [-break] packages...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	analyzers := analysisutil.Safe(suite.Analyzers())
	var overlay map[string][]byte
	if *breakOne {
		file, err := brokenFile(flag.Args())
		if err != nil {
			fmt.Fprintln(os.Stderr, "compare:", err)
			os.Exit(1)
		}
		overlay = map[string][]byte{file.name: file.src}
		fmt.Printf("broken: %s (imported by %d packages of the run)\n", file.pkg, file.importers)
	}

	t0 := time.Now()
	cfg := &packages.Config{Tests: *tests, Overlay: overlay}
	pkgs, err := driver.Load(cfg, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare: driver load:", err)
		os.Exit(1)
	}
	res := driver.AnalyzeWith(analyzers, pkgs, driver.Options{Overlay: overlay})
	got := map[string]bool{}
	for _, f := range res.Findings() {
		got[key(f.Posn.String(), f.Analyzer.Name, f.Message)] = true
	}
	skipped := map[string]bool{}
	problems := 0
	for i, p := range res.Packages {
		if res.Skipped[i] != "" {
			skipped[p.ID] = true
		}
		for _, act := range res.Actions[i] {
			if act.Err != nil {
				fmt.Printf("driver: %s: %s: %v\n", p.ID, act.Analyzer.Name, act.Err)
				problems++
			}
		}
	}
	fmt.Printf("driver: %d packages (%d not analyzed), %d findings, %v\n", len(res.Packages), len(skipped), len(got), time.Since(t0).Round(time.Millisecond))
	res, pkgs = nil, nil
	runtime.GC()

	t0 = time.Now()
	ref := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: *tests, Overlay: overlay}
	rpkgs, err := packages.Load(ref, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare: checker load:", err)
		os.Exit(1)
	}
	var roots []*packages.Package
	for _, p := range rpkgs {
		if !(*tests && p.Name == "main" && strings.HasSuffix(p.ID, ".test")) { // the driver leaves test mains out
			roots = append(roots, p)
		}
	}
	graph, err := checker.Analyze(analyzers, roots, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare: checker:", err)
		os.Exit(1)
	}
	want := map[string]bool{}
	illTyped := map[string]bool{}
	for _, act := range graph.Roots {
		if act.Package.IllTyped {
			illTyped[act.Package.ID] = true
			continue
		}
		if act.Err != nil {
			fmt.Printf("checker: %s: %s: %v\n", act.Package.ID, act.Analyzer.Name, act.Err)
			problems++
		}
		for _, d := range act.Diagnostics {
			want[key(act.Package.Fset.Position(d.Pos).String(), act.Analyzer.Name, d.Message)] = true
		}
	}
	fmt.Printf("checker: %d packages (%d ill-typed), %d findings, %v\n", len(roots), len(illTyped), len(want), time.Since(t0).Round(time.Millisecond))

	diff := func(what string, a, b map[string]bool) {
		var only []string
		for k := range a {
			if !b[k] {
				only = append(only, k)
			}
		}
		sort.Strings(only)
		for _, k := range only {
			fmt.Printf("%s: %s\n", what, k)
			problems++
		}
	}
	diff("only the checker finds", want, got)
	diff("only the driver finds", got, want)
	diff("ill-typed, but analyzed by the driver", illTyped, skipped)
	diff("not analyzed by the driver, but type-checks", skipped, illTyped)
	if problems > 0 {
		fmt.Printf("%d differences or errors\n", problems)
		os.Exit(1)
	}
	fmt.Println("same findings; the same packages not analyzed")
}

func key(posn, analyzer, msg string) string { return posn + " " + analyzer + ": " + msg }

type broken struct {
	pkg       string
	importers int
	name      string
	src       []byte
}

// brokenFile picks the package of the run that most packages of the run
// import (directly or not) and returns a file that makes it not compile.
func brokenFile(patterns []string) (*broken, error) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps}, patterns...)
	if err != nil {
		return nil, err
	}
	inRun := map[string]*packages.Package{}
	for _, p := range pkgs {
		inRun[p.PkgPath] = p
	}
	count := map[string]int{}
	for _, p := range pkgs {
		seen := map[string]bool{}
		var visit func(q *packages.Package)
		visit = func(q *packages.Package) {
			for _, imp := range q.Imports {
				if !seen[imp.PkgPath] {
					seen[imp.PkgPath] = true
					if inRun[imp.PkgPath] != nil && imp.PkgPath != "unsafe" {
						count[imp.PkgPath]++
					}
					visit(imp)
				}
			}
		}
		visit(p)
	}
	best := ""
	for path, n := range count {
		if len(inRun[path].GoFiles) > 0 && (best == "" || n > count[best] || n == count[best] && path < best) {
			best = path
		}
	}
	if best == "" {
		return nil, fmt.Errorf("no package of %s is imported by another", strings.Join(patterns, " "))
	}
	p := inRun[best]
	return &broken{
		pkg:       best,
		importers: count[best],
		name:      filepath.Join(filepath.Dir(p.GoFiles[0]), "zz_rtlint_broken.go"),
		src:       []byte("package " + p.Name + "\n\nvar _ int = \"made not to compile by bench/compare\"\n"),
	}, nil
}
