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
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/suite"
)

const usage = `usage: rtlint [-flag] [package...]   e.g. rtlint ./...
       go vet -vettool=$(go env GOPATH)/bin/rtlint ./...
run 'rtlint help' for the analyzers and flags, 'rtlint help NAME' for one analyzer`

// subcommands run instead of the analysis when named as the first argument.
// Each lives in its own file of this package.
var subcommands = map[string]func(args []string) int{
	"contracts": contractsMain,
	"leaks":     leaksMain,
	"lsp":       lspMain,
}

func main() {
	args := os.Args[1:]
	if len(args) > 0 {
		if sub, ok := subcommands[args[0]]; ok {
			os.Exit(sub(args[1:]))
		}
	}
	analyzers := suite.Analyzers()
	switch {
	case isHelp(args):
		os.Exit(helpMain(os.Stdout, os.Stderr, analyzers, args[1:]))
	case vetMode(args): // vet.go: go vet -vettool, -flags, -V
		vetMain(analyzers)
	}
	os.Exit(runMain(args, os.Stdout, os.Stderr)) // run.go: standalone, -json, -sarif, -fix, -diff
}

func isHelp(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "help", "-help", "--help", "-h":
		return true
	}
	return false
}

// helpMain prints the overview, or one analyzer's documentation.
func helpMain(stdout, stderr io.Writer, analyzers []*analysis.Analyzer, names []string) int {
	if len(names) == 0 {
		help(stdout, analyzers)
		return 0
	}
	for _, name := range names {
		found := false
		for _, a := range analyzers {
			if a.Name == name {
				found = true
				fmt.Fprintf(stdout, "%s: %s\n", a.Name, a.Doc)
				if a.URL != "" {
					fmt.Fprintf(stdout, "\nDocumentation: %s\n", a.URL)
				}
				a.Flags.VisitAll(func(f *flag.Flag) {
					fmt.Fprintf(stdout, "  -%s.%s\t%s (default %q)\n", a.Name, f.Name, f.Usage, f.DefValue)
				})
			}
		}
		if !found {
			fmt.Fprintf(stderr, "rtlint: no analyzer named %q (run 'rtlint help' for the list)\n", name)
			return 2
		}
	}
	return 0
}

func help(w io.Writer, analyzers []*analysis.Analyzer) {
	fmt.Fprint(w, `rtlint checks Go code against the runtime contracts behind most concurrency
and performance incidents, and cites the Go source line, in the toolchain you
build with, that proves each finding.

Usage:
  rtlint [-flag] [package...]              analyze packages, e.g. rtlint ./...
  go vet -vettool=$(go env GOPATH)/bin/rtlint ./...
  rtlint help NAME                         one analyzer: why, example, fix, versions
  rtlint lsp                               language server for editors, beside gopls
  rtlint leaks PROFILE... [package...]     join goroutine dumps and profiles with the findings
  rtlint contracts                         the runtime contracts rtlint cites

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
  -NAME.OPTION=v   set an analyzer option (rtlint help NAME lists them)
  -review          review mode: also the checklist's review-tier observations
  -tags T          build tags, as for go build
  -test=false      skip test files and test packages
  -json            diagnostics as JSON on stdout (go vet -json's shape)
  -sarif           a SARIF 2.1.0 log on stdout (-srcroot DIR: locations relative to DIR)
  -fix             apply the suggested fixes; print what changed and what remains
  -diff            print the suggested fixes as a unified diff, change nothing
  -c N             show N lines of context around each finding

Silence a finding that does not apply, with the reason, on its line or the
line above:  //rtlint:ignore NAME[,NAME] reason   (whole file: //rtlint:file-ignore)

Exit codes: 0 clean, 3 findings (after -fix: findings that remain), 1 packages
that failed to load or type-check (their errors are printed once), 2 bad usage.
With -json or -sarif: 0 when the report was written, 1 with load errors.
Citations resolve against the GOROOT of the go command on PATH (set
RTLINT_GOROOT to choose another).
`)
}
