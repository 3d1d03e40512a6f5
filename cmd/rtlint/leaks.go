package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/driver"
	"github.com/rtlint/rtlint/internal/leakprof"
	"github.com/rtlint/rtlint/internal/suite"
)

const leaksUsage = `usage: rtlint leaks [-json | -sarif] [-min N] [-test] [-tags T] PROFILE... [package...]

Reads goroutine profiles (debug=2 dumps, crash dumps, debug=1 and protobuf
goroutine and goroutineleak profiles, gzipped or not), groups the parked
goroutines by the line of the module they block at, and joins each site with
rtlint's findings at that line and at the go statement that started them.
Arguments that name existing files are profiles; the rest are package
patterns (default ./...), analyzed from the current directory's module.

Exit codes: 0 no leaking site, 3 leaking sites, 1 packages that failed to
load (when no site leaks), 2 bad usage or an unreadable profile. With -json
or -sarif: 0 when the report was written, 1 load errors, 2 as above.
See docs/leaks.md.`

// leaksMain runs `rtlint leaks`.
func leaksMain(args []string) int {
	return runLeaks(os.Stdout, os.Stderr, args)
}

// profileExts are the extensions of arguments taken for profiles even when
// no such file exists, so that a mistyped name is reported as a missing
// file rather than as a package pattern.
var profileExts = []string{".txt", ".log", ".out", ".pb", ".gz", ".prof", ".pprof", ".dump", ".stack", ".stacks"}

func runLeaks(stdout, stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("rtlint leaks", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, leaksUsage); fs.PrintDefaults() }
	jsonOut := fs.Bool("json", false, "write the report as JSON")
	sarifOut := fs.Bool("sarif", false, "write the report as a SARIF 2.1.0 log")
	srcroot := fs.String("srcroot", "", "SARIF file locations relative to this directory (default: the current directory)")
	min := fs.Int("min", leakprof.DefaultMin, "call a site leaking when it holds at least `N` goroutines in one profile, even without other evidence (0: never)")
	tests := fs.Bool("test", false, "analyze test files too (on by itself when a stack runs in a _test.go file)")
	tags := fs.String("tags", "", "comma-separated build tags for the analysis")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *jsonOut && *sarifOut {
		fmt.Fprintln(stderr, "rtlint leaks: -json and -sarif are exclusive")
		return 2
	}
	var files, patterns []string
	for _, a := range fs.Args() {
		if st, err := os.Stat(a); err == nil && !st.IsDir() {
			files = append(files, a)
		} else if err != nil && slices.Contains(profileExts, strings.ToLower(filepath.Ext(a))) && !strings.Contains(a, "...") {
			fmt.Fprintf(stderr, "rtlint leaks: %s: no such file\n", a)
			return 2
		} else {
			patterns = append(patterns, a)
		}
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "rtlint leaks: no profile given")
		fs.Usage()
		return 2
	}
	var profiles []*leakprof.Profile
	for _, name := range files {
		p, err := leakprof.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "rtlint leaks: %v\n", err)
			return 2
		}
		profiles = append(profiles, p)
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "rtlint leaks: %v\n", err)
		return 1
	}
	st, err := analyzeForLeaks(patterns, *tests || runsTests(profiles), *tags)
	if err != nil {
		fmt.Fprintf(stderr, "rtlint leaks: %v\n", err)
		return 1
	}
	for _, e := range st.errors {
		fmt.Fprintln(stderr, e)
	}
	rep := leakprof.Build(profiles, leakprof.NewLocator(st.modules, st.mains), st.starts, st.findings, leakprof.Options{Min: *min})
	rep.Errors = st.errors
	rep.Toolchain = contract.Default().Version

	switch {
	case *jsonOut:
		err = rep.WriteJSON(stdout, wd)
	case *sarifOut:
		base := wd
		if *srcroot != "" {
			if base, err = filepath.Abs(*srcroot); err != nil {
				fmt.Fprintf(stderr, "rtlint leaks: -srcroot: %v\n", err)
				return 2
			}
		}
		err = rep.WriteSARIF(stdout, leakprof.SARIFOptions{BaseDir: base, Version: rtlintVersion(), CommandLine: append([]string{"rtlint", "leaks"}, args...)})
	default:
		err = rep.WriteText(stdout, wd)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rtlint leaks: writing the report: %v\n", err)
		return 1
	}
	switch {
	case !*jsonOut && !*sarifOut && rep.Leaking() > 0:
		return 3
	case len(st.errors) > 0:
		return 1
	}
	return 0
}

// runsTests reports whether a stack of the profiles runs in a test file:
// then the analysis must include test files to join it.
func runsTests(profiles []*leakprof.Profile) bool {
	for _, p := range profiles {
		for _, r := range p.Records {
			for _, f := range r.Frames {
				if strings.HasSuffix(f.File, "_test.go") {
					return true
				}
			}
		}
	}
	return false
}

// static is what the analysis of the module's packages yields for the
// join.
type static struct {
	modules  []leakprof.Module
	mains    []leakprof.MainPackage
	starts   []leakprof.GoStmt
	findings []leakprof.Finding
	errors   []string
}

// analyzeForLeaks loads the packages matching patterns and runs every
// rtlint analyzer on them with the standalone driver, recording the go
// statements of each package while its syntax is at hand.
func analyzeForLeaks(patterns []string, tests bool, tags string) (*static, error) {
	cfg := &packages.Config{Tests: tests}
	if tags != "" {
		cfg.BuildFlags = []string{"-tags=" + tags}
	}
	pkgs, err := driver.Load(cfg, patterns...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		return nil, err
	}
	st := &static{}
	seenMod, seenMain := map[string]bool{}, map[string]bool{}
	for _, p := range pkgs {
		if m := p.Module; m != nil && m.Main && !seenMod[m.Path] {
			seenMod[m.Path] = true
			st.modules = append(st.modules, leakprof.Module{Path: m.Path, Dir: m.Dir})
		}
		if p.Name == "main" && len(p.GoFiles) > 0 {
			dir := filepath.Dir(p.GoFiles[0])
			if !seenMain[dir] {
				seenMain[dir] = true
				mp := leakprof.MainPackage{Dir: dir}
				for _, f := range p.GoFiles {
					mp.Files = append(mp.Files, filepath.Base(f))
				}
				st.mains = append(st.mains, mp)
			}
		}
	}
	if len(st.modules) == 0 {
		return nil, fmt.Errorf("%s matched no package of a module: run rtlint leaks in the module whose program wrote the profiles", strings.Join(patterns, " "))
	}
	var mu sync.Mutex
	res := driver.AnalyzeFunc(analysisutil.Safe(suite.Analyzers()), pkgs, func(_ int, pkg *packages.Package, _ map[*analysis.Analyzer]*driver.Action, _ time.Duration) {
		starts := leakprof.GoStmts(pkg)
		mu.Lock()
		st.starts = append(st.starts, starts...)
		mu.Unlock()
	})
	seenErr := map[string]bool{}
	addErr := func(s string) {
		if !seenErr[s] {
			seenErr[s] = true
			st.errors = append(st.errors, s)
		}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			addErr(e.Error())
		}
	})
	seen := map[leakprof.Finding]bool{}
	for i, acts := range res.Actions {
		for _, act := range acts {
			if act.Err != nil && len(res.Packages[i].Errors) == 0 {
				addErr(fmt.Sprintf("%s: %s: %v", res.Packages[i].PkgPath, act.Analyzer.Name, act.Err))
			}
			if !act.IsRoot || act.Err != nil {
				continue
			}
			for _, d := range act.Diags {
				f := leakprof.Finding{Analyzer: act.Analyzer.Name, File: d.Posn.Filename, Line: d.Posn.Line, Column: d.Posn.Column, Message: d.Message}
				if !seen[f] {
					seen[f] = true
					st.findings = append(st.findings, f)
				}
			}
		}
	}
	return st, nil
}
