package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rtlint/rtlint/internal/cli"
	"github.com/rtlint/rtlint/internal/lsp"
	"github.com/rtlint/rtlint/internal/suite"
)

const lspUsage = `usage: rtlint lsp [-NAME | -NAME=false]... [-debounce D] [-v]

Runs the rtlint language server on stdin/stdout: diagnostics (with their
citation links) for the packages of the files the editor has open, on open,
change and save, and their suggested fixes as quick fixes. Run it beside
gopls; see the README for Neovim, VS Code, Helix and Emacs.

Flags:
  -NAME            run only the named analyzers (repeatable)
  -NAME=false      run all analyzers but NAME
  -NAME.FLAG=V     set an analyzer option
  -debounce D      wait D after the last change before analyzing (default 250ms)
  -v               log each analysis and its duration to stderr
`

// lspMain is `rtlint lsp`. The protocol owns stdout: everything else that
// writes there, in this process, goes to stderr instead.
func lspMain(args []string) int {
	all := suite.Analyzers()
	fs := flag.NewFlagSet("rtlint lsp", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, lspUsage) }
	debounce := fs.Duration("debounce", 250*time.Millisecond, "")
	verbose := fs.Bool("v", false, "")
	fs.Bool("stdio", true, "") // passed by some clients (vscode-languageclient); stdio is the only transport
	sel := cli.Register(fs, all)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "rtlint lsp: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return 2
	}
	out, err := protocolStdout()
	if err != nil {
		fmt.Fprintf(os.Stderr, "rtlint lsp: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = lsp.Serve(ctx, os.Stdin, out, lsp.Options{
		Analyzers: sel.Analyzers(),
		Debounce:  *debounce,
		Log:       os.Stderr,
		Version:   rtlintVersion(),
		Verbose:   *verbose,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "rtlint lsp: %v\n", err)
		return 1
	}
	return 0
}
