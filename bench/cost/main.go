// Command cost measures what each rtlint analyzer costs: it loads the
// packages once, runs the suite sequentially (so that durations are not
// scheduler noise), and prints each analyzer's share of the analysis time,
// with the shared passes (inspect, chanmodel, directives) listed
// separately. It is the per-analyzer half of bench/bench.sh.
//
// Usage, from the module or GOROOT/src directory to measure:
//
//	go run github.com/rtlint/rtlint/bench/cost [-test=false] [-runs N] [-cpuprofile FILE] packages...
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/suite"
)

func main() {
	tests := flag.Bool("test", true, "include test packages")
	runs := flag.Int("runs", 1, "analyze this many times and keep each action's shortest time")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the analysis (not the load) to this file")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: cost [-test=false] [-runs N] [-cpuprofile FILE] packages...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}

	t0 := time.Now()
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: *tests}
	pkgs, err := packages.Load(cfg, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cost:", err)
		os.Exit(1)
	}
	load := time.Since(t0)
	lines := 0
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			lines += p.Fset.File(f.End()).LineCount()
		}
	}

	analyzers := suite.Analyzers()
	registered := map[*analysis.Analyzer]bool{}
	for _, a := range analyzers {
		registered[a] = true
	}
	type key struct {
		a   string
		pkg string
	}
	best := map[key]time.Duration{}
	names := map[string]bool{}
	var errs []string
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "cost:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	for range *runs {
		runtime.GC()
		graph, err := checker.Analyze(analyzers, pkgs, &checker.Options{Sequential: true})
		if err != nil {
			fmt.Fprintln(os.Stderr, "cost:", err)
			os.Exit(1)
		}
		for act := range graph.All() {
			k := key{act.Analyzer.Name, act.Package.ID}
			names[act.Analyzer.Name] = registered[act.Analyzer]
			if d, ok := best[k]; !ok || act.Duration < d {
				best[k] = act.Duration
			}
			if act.Err != nil && !act.Package.IllTyped {
				errs = append(errs, fmt.Sprintf("%s: %v", act, act.Err))
			}
		}
	}
	per := map[string]time.Duration{}
	worst := map[string]string{}
	worstD := map[string]time.Duration{}
	var total time.Duration
	for k, d := range best {
		per[k.a] += d
		total += d
		if d > worstD[k.a] {
			worstD[k.a], worst[k.a] = d, k.pkg
		}
	}
	order := make([]string, 0, len(per))
	for n := range per {
		order = append(order, n)
	}
	sort.Slice(order, func(i, j int) bool { return per[order[i]] > per[order[j]] })

	fmt.Printf("packages: %d (%d lines), load (go list, parse, type-check): %v, analysis (sequential): %v\n\n",
		len(pkgs), lines, load.Round(time.Millisecond), total.Round(time.Millisecond))
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "analyzer\tkind\ttime\tshare\tslowest package\t")
	for _, n := range order {
		kind := "analyzer"
		if !names[n] {
			kind = "shared pass"
		} else if slices.Contains([]string{"directives"}, n) {
			kind = "analyzer, shared"
		}
		fmt.Fprintf(w, "%s\t%s\t%v\t%.1f%%\t%s %v\t\n", n, kind, per[n].Round(time.Millisecond),
			100*float64(per[n])/float64(total), worst[n], worstD[n].Round(time.Millisecond))
	}
	w.Flush()
	if len(errs) > 0 {
		sort.Strings(errs)
		fmt.Printf("\nanalysis errors (%d):\n%s\n", len(errs), strings.Join(errs, "\n"))
	}
}
