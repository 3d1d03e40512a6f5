package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/version"
	"os"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/rtlint/rtlint/internal/cli"
	"github.com/rtlint/rtlint/internal/contract"
)

// vetMode reports whether the command line is go vet's: a unit of work
// described by a .cfg file (go vet -vettool), or the -flags and -V queries
// go vet makes first.
func vetMode(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		switch a {
		case "-flags", "--flags", "-V", "--V", "-V=full", "--V=full":
			return true
		}
	}
	return false
}

// vetMain hands the command line to the x/tools multichecker, which
// implements go vet's protocol. It adds -review, which go vet then accepts
// and passes through (it learns the tool's flags from -flags), and names
// the analyzer at the start of each message, as the standalone output
// does, so that //rtlint:ignore NAME is at hand. (go vet always asks its
// tool for JSON and prints the text itself, so the name is in -json
// messages too.)
func vetMain(analyzers []*analysis.Analyzer) {
	if contract.VetTool() {
		vetToolchainCheck(os.Args[len(os.Args)-1])
	}
	flag.Var(cli.ReviewFlag{}, "review", cli.ReviewUsage)
	multichecker.Main(vetAnalyzers(analyzers)...)
}

// vetAnalyzers returns copies of analyzers whose diagnostics' messages
// start with the analyzer's name, and which drop diagnostics in test files
// when -test=false (the multichecker defines the flag, which go vet then
// passes through, but its go vet mode ignores it). The copies run the
// originals' Run on a pass whose Analyzer is the original, so suppression
// and results work as without them.
func vetAnalyzers(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		c := *a
		run := a.Run
		c.Run = func(pass *analysis.Pass) (any, error) {
			p := *pass
			p.Analyzer = a
			report := pass.Report
			p.Report = func(d analysis.Diagnostic) {
				if f := flag.Lookup("test"); f != nil && f.Value.String() == "false" &&
					strings.HasSuffix(pass.Fset.Position(d.Pos).Filename, "_test.go") {
					return
				}
				d.Message = a.Name + ": " + d.Message
				report(d)
			}
			return run(&p)
		}
		out[i] = &c
	}
	return out
}

// vetToolchainCheck runs before the analysis in go vet's tool mode. A go
// command newer than the Go release rtlint was built with hands it packages
// (its own standard library first) whose language version rtlint's type
// checker may not know; the x/tools driver then fails every dependency with
// a bare "exit status 1". Say what is wrong once, in the package being
// vetted, and stay silent in the dependency-only runs.
func vetToolchainCheck(cfgFile string) {
	tv := os.Getenv("GOVERSION")
	if tv == "" {
		tv = contract.Default().Version
	}
	built := runtime.Version()
	if !version.IsValid(tv) || !version.IsValid(built) || version.Compare(version.Lang(tv), version.Lang(built)) <= 0 {
		return
	}
	var cfg struct {
		ImportPath string
		VetxOnly   bool
		VetxOutput string
	}
	if b, err := os.ReadFile(cfgFile); err == nil {
		_ = json.Unmarshal(b, &cfg)
	}
	if cfg.VetxOnly {
		if cfg.VetxOutput != "" {
			_ = os.WriteFile(cfg.VetxOutput, nil, 0o666)
		}
		os.Exit(0)
	}
	fmt.Fprintf(os.Stderr, "rtlint: built with %s but go vet runs %s; rebuild it with that toolchain: GOTOOLCHAIN=%s go install github.com/rtlint/rtlint/cmd/rtlint\n", built, tv, tv)
	os.Exit(1)
}
