package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"golang.org/x/term"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/cli"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/driver"
	"github.com/rtlint/rtlint/internal/sarif"
	"github.com/rtlint/rtlint/internal/suite"
)

// Exit codes of a standalone run.
const (
	exitClean    = 0
	exitErrors   = 1 // packages that could not be loaded or analyzed
	exitUsage    = 2
	exitFindings = 3
)

// runMain runs the analysis standalone (internal/driver): rtlint [-flag]
// packages. Text goes to stderr as go vet's does; -json, -sarif and -diff
// write to stdout.
func runMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rtlint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := cli.RegisterRun(fs, cli.Register(fs, suite.Analyzers()))
	version := fs.Bool("version", false, "print rtlint's version and the toolchain citations resolve against")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			help(stdout, suite.Analyzers())
			return exitClean
		}
		fmt.Fprintf(stderr, "rtlint: %v\n%s\n", err, usage)
		return exitUsage
	}
	if err := run.Check(fs); err != nil {
		fmt.Fprintf(stderr, "rtlint: %v\n", err)
		return exitUsage
	}
	if *version {
		v := rtlintVersion()
		if v == "" {
			v = "(devel)"
		}
		tc := contract.Default()
		fmt.Fprintf(stdout, "rtlint %s, built with %s; citations resolve against %s (%s)\n", v, runtime.Version(), tc.GOROOT, tc.Version)
		return exitClean
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		fmt.Fprintf(stderr, "rtlint: no packages to analyze\n%s\n", usage)
		return exitUsage
	}
	analyzers := run.Analyzers()
	if len(analyzers) == 0 {
		fmt.Fprintln(stderr, "rtlint: every analyzer is turned off; nothing to do")
		return exitUsage
	}
	srcroot, err := filepath.Abs(run.SrcRoot) // "" is the current directory
	if err != nil {
		fmt.Fprintf(stderr, "rtlint: -srcroot: %v\n", err)
		return exitUsage
	}
	if _, _, err := driver.Limits(); err != nil {
		fmt.Fprintf(stderr, "rtlint: %v\n", err)
		return exitUsage
	}
	stop, err := profile(run)
	if err != nil {
		fmt.Fprintf(stderr, "rtlint: %v\n", err)
		return exitErrors
	}
	defer stop()

	// Collect garbage at 1.5x the live heap rather than 2x, unless the
	// user chose: the live heap is a few packages' syntax and types plus
	// the dependencies' export data, so this keeps the peak resident
	// memory of a large run low for some 10-30% more CPU time (see
	// bench/RESULTS.md).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	progress := driver.NewProgress(stderr, isTerminal(stderr) && !run.JSON && !run.SARIF)
	progress.Start()
	pkgs, err := driver.Load(&packages.Config{Tests: run.Tests, BuildFlags: run.BuildFlags()}, patterns...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		progress.Stop()
		fmt.Fprintf(stderr, "rtlint: %v\n", oneLine(err))
		return exitErrors
	}
	cache := driver.OpenCache(analyzers, run.BuildFlags())
	res := driver.AnalyzeWith(analyzers, pkgs, driver.Options{Cache: cache, Progress: progress})
	progress.Stop()
	if cache != nil {
		if err := cache.MaybeTrim(); err != nil {
			fmt.Fprintf(stderr, "rtlint: trimming the result cache: %v\n", err)
		}
	}

	failed, err := res.WriteErrors(stderr, "")
	if err != nil {
		return exitErrors
	}
	code := exitClean
	findings := res.Findings()
	switch {
	case run.JSON:
		if err := res.WriteJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "rtlint: %v\n", err)
			return exitErrors
		}
	case run.SARIF:
		code = writeSARIF(stdout, stderr, res, srcroot, args)
	case run.Fix || run.Diff:
		code = fix(stdout, stderr, findings, run)
	default:
		if err := driver.WriteFindings(stderr, findings, driver.TextOptions{Context: run.Context}); err != nil {
			return exitErrors
		}
		if len(findings) > 0 {
			code = exitFindings
		}
	}
	if failed > 0 {
		return exitErrors
	}
	return code
}

// fix applies the findings' suggested fixes (-fix) or prints them as a
// diff (-diff), then says what changed and what remains.
func fix(stdout, stderr io.Writer, findings []driver.Finding, run *cli.Run) int {
	dry := run.Diff
	res, err := driver.ApplyFixes(findings, dry, "")
	if err != nil {
		fmt.Fprintf(stderr, "rtlint: %v\n", err)
		return exitErrors
	}
	opts := driver.TextOptions{Context: run.Context}
	if dry {
		io.WriteString(stdout, res.Diff)
		if err := driver.WriteFindings(stderr, res.Remaining, opts); err != nil {
			return exitErrors
		}
		fmt.Fprintf(stderr, "rtlint: -diff: %d of %d findings have a fix (shown above as a diff, not applied)\n", len(res.Fixed), len(findings))
		if len(findings) > 0 {
			return exitFindings
		}
		return exitClean
	}
	for i := range res.Fixed {
		res.Fixed[i].Message = "fixed: " + res.Fixed[i].Fixes[0].Message
	}
	if err := driver.WriteFindings(stderr, res.Fixed, driver.TextOptions{Context: -1}); err != nil {
		return exitErrors
	}
	if err := driver.WriteFindings(stderr, res.Remaining, opts); err != nil {
		return exitErrors
	}
	fmt.Fprintf(stderr, "rtlint: -fix: applied %d fixes in %d files; %d findings remain\n", len(res.Fixed), len(res.Files), len(res.Remaining))
	if len(res.Remaining) > 0 {
		return exitFindings
	}
	return exitClean
}

// writeSARIF writes the run as a SARIF log, the errors that kept packages
// from being analyzed as tool execution notifications.
func writeSARIF(stdout, stderr io.Writer, res *driver.Result, srcroot string, args []string) int {
	var errs []string
	for _, e := range res.Errors() {
		errs = append(errs, e.Error())
	}
	for i, p := range res.Packages {
		if why := res.Skipped[i]; why != "" {
			errs = append(errs, fmt.Sprintf("%s not analyzed: %s", p.PkgPath, why))
		}
	}
	log := sarif.Report(res.Analyzers, res.Findings(), sarif.Options{
		BaseDir:     srcroot,
		Version:     rtlintVersion(),
		Errors:      errs,
		CommandLine: append([]string{"rtlint"}, args...),
	})
	if err := sarif.Write(stdout, log); err != nil {
		fmt.Fprintf(stderr, "rtlint: writing SARIF: %v\n", err)
		return exitErrors
	}
	return exitClean
}

// profile starts the profiles -cpuprofile and -memprofile ask for; stop
// ends them.
func profile(run *cli.Run) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, f := range stops {
			f()
		}
	}
	if run.CPUProfile != "" {
		f, err := os.Create(run.CPUProfile)
		if err != nil {
			return stop, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return stop, err
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if run.MemProfile != "" {
		f, err := os.Create(run.MemProfile)
		if err != nil {
			return stop, err
		}
		stops = append(stops, func() {
			runtime.GC()
			_ = pprof.WriteHeapProfile(f)
			f.Close()
		})
	}
	return stop, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// oneLine keeps the first line of a go command error and what says why.
func oneLine(err error) string {
	s := strings.TrimSpace(err.Error())
	s = strings.ReplaceAll(s, "\n", "; ")
	return s
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
