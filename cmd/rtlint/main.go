// Command rtlint runs the rtlint analyzers: static checks for the runtime
// contracts behind most Go concurrency and performance incidents, each
// finding citing the Go source line that proves it.
//
// Usage:
//
//	rtlint [-flag] [package...]            analyze packages (exit 3 on findings)
//	go vet -vettool=$(which rtlint) ./...  the same, driven by go vet
//	rtlint help [name]                     documentation
//
// Exit codes, standalone: 0 clean, 3 findings, 1 packages that failed to
// load or type-check (when nothing was reported), 2 bad usage. With -json
// the exit code is 0 whenever the analysis ran, as with go vet -json.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/driver"
	"github.com/rtlint/rtlint/internal/suite"
)

const usage = `usage: rtlint [-flag] [package...]   e.g. rtlint ./...
       go vet -vettool=$(command -v rtlint) ./...
run 'rtlint help' for the analyzers and flags, 'rtlint help NAME' for one analyzer`

// subcommands run instead of the analysis when named as the first argument.
// Each lives in its own file of this package.
var subcommands = map[string]func(args []string) int{
	"contracts": contractsMain,
	"leaks":     leaksMain,
	"lsp":       lspMain,
}

func main() {
	if len(os.Args) > 1 {
		if sub, ok := subcommands[os.Args[1]]; ok {
			os.Exit(sub(os.Args[2:]))
		}
	}
	if wantsSARIF(os.Args[1:]) { // sarif.go: the multichecker has no SARIF output
		os.Exit(sarifMain(os.Args[1:]))
	}
	if contract.VetTool() {
		vetToolchainCheck(os.Args[len(os.Args)-1])
	}
	analyzers := suite.Analyzers()
	flag.Usage = func() { fmt.Fprintln(os.Stderr, usage) }
	if len(os.Args) == 2 && (os.Args[1] == "help" || os.Args[1] == "-help" || os.Args[1] == "--help" || os.Args[1] == "-h") {
		help(os.Stdout, analyzers)
		os.Exit(0)
	}
	if noPackages(os.Args[1:], analyzers) {
		fmt.Fprintln(os.Stderr, "rtlint: no packages to analyze")
		flag.Usage()
		os.Exit(2)
	}
	// Standalone runs analyze a few packages at a time (internal/driver);
	// what only the multichecker does (-fix, -diff, -flags, -V, -debug,
	// help) falls through to it.
	if code, ok := driver.Main(filepath.Base(os.Args[0]), os.Args[1:], analyzers, os.Stdout, os.Stderr); ok {
		os.Exit(code)
	}
	multichecker.Main(analyzers...)
}

func help(w io.Writer, analyzers []*analysis.Analyzer) {
	fmt.Fprint(w, `rtlint checks Go code against the runtime contracts behind most concurrency
and performance incidents, and cites the Go source line, in the toolchain you
build with, that proves each finding.

Usage:
  rtlint [-flag] [package...]              analyze packages, e.g. rtlint ./...
  go vet -vettool=$(command -v rtlint) ./...
  rtlint help NAME                         one analyzer: why, example, fix, versions
  rtlint -sarif [-srcroot DIR] ./...       SARIF 2.1.0 log on stdout (code scanning)
  rtlint lsp                               language server for editors, beside gopls
  rtlint leaks PROFILE... [package...]     join goroutine dumps and profiles with the findings

Analyzers:
`)
	for _, a := range analyzers {
		summary, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(w, "  %-14s %s\n", a.Name, summary)
	}
	fmt.Fprint(w, `
Flags:
  -NAME            run only the named analyzers (repeatable)
  -NAME=false      run all analyzers but NAME
  -json            print diagnostics as JSON (exit code 0)
  -fix [-diff]     apply the suggested fixes (or print them as a diff)
  -c N             show N lines of context around each finding
  -test=false      skip test files
  -V, -flags       version and flag description, for go vet

Silence a finding that does not apply, with the reason, on its line or the
line above:  //rtlint:ignore NAME[,NAME] reason   (whole file: //rtlint:file-ignore)

Exit codes: 0 clean, 3 findings, 1 packages that failed to load or
type-check, 2 bad usage. Citations resolve against the GOROOT of the go
command on PATH (set RTLINT_GOROOT to choose another).
`)
}

// noPackages reports whether args parse as flags alone, without a package
// pattern and without a flag that needs none (-flags, -V, -help). The
// multichecker treats that as a bare usage message with exit 1; rtlint
// makes it a usage error. Anything it cannot parse is left to the
// multichecker, which reports it.
func noPackages(args []string, analyzers []*analysis.Analyzer) bool {
	fs := flag.NewFlagSet("rtlint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var standalone bool
	for _, name := range []string{"flags", "json", "fix", "diff", "source", "v", "all", "test"} {
		fs.Bool(name, false, "")
	}
	fs.BoolFunc("V", "", func(string) error { standalone = true; return nil })
	fs.Int("c", 0, "")
	for _, name := range []string{"tags", "debug", "cpuprofile", "memprofile", "trace"} {
		fs.String(name, "", "")
	}
	for _, a := range analyzers {
		fs.Bool(a.Name, false, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(discard{f.Value}, a.Name+"."+f.Name, "")
		})
	}
	if err := fs.Parse(args); err != nil {
		return false
	}
	if f := fs.Lookup("flags"); f.Value.String() == "true" || standalone {
		return false
	}
	return fs.NArg() == 0 && !strings.HasPrefix(strings.Join(args, " "), "help")
}

// discard parses like the analyzer flag it wraps but keeps no value.
type discard struct{ v flag.Value }

func (d discard) String() string { return "" }
func (d discard) Set(string) error {
	return nil
}
func (d discard) IsBoolFlag() bool {
	b, ok := d.v.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
