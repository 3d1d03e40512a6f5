package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/sarif"
	"github.com/rtlint/rtlint/internal/suite"
)

// wantsSARIF reports whether the command line asks for SARIF output, which
// rtlint produces itself rather than through the multichecker.
func wantsSARIF(args []string) bool {
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			return false
		}
		switch strings.TrimPrefix(a, "-") {
		case "sarif", "-sarif", "sarif=true", "-sarif=true":
			return true
		}
	}
	return false
}

// sarifMain runs `rtlint -sarif [flags] packages`: the analysis, with the
// multichecker's selection flags (-NAME, -NAME=false, -NAME.FLAG=value,
// -test, -tags), written to stdout as a SARIF 2.1.0 log whose file
// locations are relative to -srcroot (default: the current directory). Exit code 0 when
// the log was written, 1 when packages failed to load or type-check (the
// log is still written, with the errors as notifications), 2 bad usage.
func sarifMain(args []string) int {
	return runSARIF(os.Stdout, os.Stderr, args)
}

func runSARIF(stdout, stderr io.Writer, args []string) int {
	all := suite.Analyzers()
	fs := flag.NewFlagSet("rtlint -sarif", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("sarif", true, "write a SARIF 2.1.0 log to stdout")
	tests := fs.Bool("test", true, "analyze test files too")
	tags := fs.String("tags", "", "comma-separated build tags")
	srcroot := fs.String("srcroot", "", "write file locations relative to this directory, normally the repository root (default: the current directory)")
	enable := map[string]*triState{}
	for _, a := range all {
		t := new(triState)
		enable[a.Name] = t
		fs.Var(t, a.Name, "enable "+a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "rtlint: no packages to analyze")
		fmt.Fprintln(stderr, usage)
		return 2
	}
	analyzers := selectAnalyzers(all, enable)

	mode := packages.LoadSyntax | packages.NeedModule
	if needFacts(analyzers) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	cfg := &packages.Config{Mode: mode, Tests: *tests}
	if *tags != "" {
		cfg.BuildFlags = []string{"-tags=" + *tags}
	}
	pkgs, err := packages.Load(cfg, fs.Args()...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(fs.Args(), " "))
	}
	if err != nil {
		fmt.Fprintf(stderr, "rtlint: %v\n", err)
		return 1
	}
	var errs []string
	seenErr := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if s := e.Error(); !seenErr[s] {
				seenErr[s] = true
				errs = append(errs, s)
				fmt.Fprintln(stderr, s)
			}
		}
	})

	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "rtlint: %v\n", err)
		return 1
	}
	var findings []sarif.Finding
	for _, act := range graph.Roots {
		if act.Err != nil && len(act.Package.Errors) == 0 {
			s := fmt.Sprintf("%s: %s: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err)
			if !seenErr[s] {
				seenErr[s] = true
				errs = append(errs, s)
				fmt.Fprintln(stderr, s)
			}
		}
		for _, d := range act.Diagnostics {
			findings = append(findings, sarif.Finding{Analyzer: act.Analyzer, Fset: act.Package.Fset, Diagnostic: d})
		}
	}
	base, err := filepath.Abs(*srcroot) // "" is the current directory
	if err != nil {
		fmt.Fprintf(stderr, "rtlint: -srcroot: %v\n", err)
		return 2
	}
	report := sarif.Report(analyzers, sarif.Dedup(findings), sarif.Options{
		BaseDir:     base,
		Version:     rtlintVersion(),
		Errors:      errs,
		CommandLine: append([]string{"rtlint"}, args...),
	})
	if err := sarif.Write(stdout, report); err != nil {
		fmt.Fprintf(stderr, "rtlint: writing SARIF: %v\n", err)
		return 1
	}
	if len(errs) > 0 {
		return 1
	}
	return 0
}

// selectAnalyzers applies the multichecker's rule: if any -NAME flag is
// true, run only those; otherwise run all but the -NAME=false ones.
func selectAnalyzers(all []*analysis.Analyzer, enable map[string]*triState) []*analysis.Analyzer {
	anyTrue := false
	for _, t := range enable {
		anyTrue = anyTrue || *t == setTrue
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		t := *enable[a.Name]
		if (anyTrue && t == setTrue) || (!anyTrue && t != setFalse) {
			out = append(out, a)
		}
	}
	return out
}

// needFacts reports whether an analyzer, or one it requires, uses facts:
// then dependencies must be analyzed from source too.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(as []*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if len(a.FactTypes) > 0 || visit(a.Requires) {
				return true
			}
		}
		return false
	}
	return visit(analyzers)
}

// rtlintVersion is rtlint's module version when built from a module
// download (go install module@version, go tool), else empty.
func rtlintVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	m := &bi.Main
	for _, dep := range bi.Deps {
		if dep.Path == "github.com/rtlint/rtlint" { // go tool: a dependency of the user's module
			m = dep
			if dep.Replace != nil {
				m = dep.Replace
			}
		}
	}
	if m.Version == "" || m.Version == "(devel)" {
		return ""
	}
	return m.Version
}

// triState is an analyzer selection flag: unset, true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (t *triState) Set(v string) error {
	switch v {
	case "true", "1", "t", "T", "TRUE", "True":
		*t = setTrue
	case "false", "0", "f", "F", "FALSE", "False":
		*t = setFalse
	default:
		return fmt.Errorf("want true or false, not %q", v)
	}
	return nil
}

func (t *triState) IsBoolFlag() bool { return true }
