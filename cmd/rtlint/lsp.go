package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rtlint/rtlint/internal/cli"
	"github.com/rtlint/rtlint/internal/lsp"
	"github.com/rtlint/rtlint/internal/suite"
)

const lspUsage = `usage: rtlint lsp [-NAME | -NAME=false]... [-review] [-tags T] [-test=false] [-debounce D] [-v]

Runs the rtlint language server on stdin/stdout: diagnostics (with their
citation links) for the packages of the files the editor has open, on open,
change and save, and their suggested fixes, computed from the editor's
text, as quick fixes. Run it beside gopls; docs/editors.md has the setup
for Neovim, VS Code, Helix and Emacs.

Flags:
  -NAME            run only the named analyzers (repeatable)
  -NAME=false      run all analyzers but NAME
  -NAME.FLAG=V     set an analyzer option
  -review          also report review-tier observations (as Information)
  -tags T          comma-separated build tags, as for go build
  -test=false      never analyze test files (by default a package's tests are
                   analyzed while one of its test files is open)
  -debounce D      wait D after the last change before analyzing (default 250ms)
  -v               log each analysis and its duration to stderr
`

// lspMain is `rtlint lsp`. The protocol owns stdout: everything else that
// writes there, in this process, goes to stderr instead.
func lspMain(args []string) int {
	all := suite.Analyzers()
	fs := flag.NewFlagSet("rtlint lsp", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line below
	debounce := fs.Duration("debounce", 250*time.Millisecond, "")
	verbose := fs.Bool("v", false, "")
	tags := fs.String("tags", "", "")
	tests := fs.Bool("test", true, "")
	fs.Bool("stdio", true, "")   // passed by some clients (vscode-languageclient); stdio is the only transport
	sel := cli.Register(fs, all) // -NAME, -NAME=false, -NAME.OPTION, -review
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(os.Stderr, lspUsage)
		return 0
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if err == nil && *debounce < 0 {
		err = fmt.Errorf("-debounce %v is negative", *debounce)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "rtlint lsp: %v (rtlint lsp -help lists the flags)\n", err)
		return 2
	}
	analyzers := sel.Analyzers() // sets review mode
	var buildFlags []string
	if *tags != "" {
		buildFlags = []string{"-tags=" + *tags}
	}
	out, err := protocolStdout()
	if err != nil {
		fmt.Fprintf(os.Stderr, "rtlint lsp: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = lsp.Serve(ctx, os.Stdin, out, lsp.Options{
		Analyzers:  analyzers,
		Debounce:   *debounce,
		BuildFlags: buildFlags,
		SkipTests:  !*tests,
		Log:        os.Stderr,
		Version:    rtlintVersion(),
		Verbose:    *verbose,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "rtlint lsp: %v\n", err)
		return 1
	}
	return 0
}
