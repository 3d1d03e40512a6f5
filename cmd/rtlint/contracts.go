package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/sheet"
)

const contractsUsage = `usage: rtlint contracts [-json] [-o FILE] [-goroot DIR]
       rtlint contracts -check [-json] [-goroot DIR] [-against go1.N.P|DIR]

Prints the runtime contract sheet: every contract rtlint relies on, with its
claim, the file:line and declaration of the Go source that proves it in your
toolchain, the Go versions it holds for, the analyzers that rely on it and
how the run-time contract tests demonstrate it. Markdown by default.

With -check, resolves every anchor and exits 1 naming each contract whose
anchor no longer resolves (file moved, declaration renamed, text changed) in
the toolchain, for CI and Go-upgrade pull requests. -against also checks a
second toolchain, a Go release fetched with GOTOOLCHAIN=go1.N.P (the module
proxy, once) or a GOROOT directory, and lists every contract whose line,
text or declaration changed between the two.

Flags:
`

type contractsFlags struct {
	json    bool
	check   bool
	out     string
	goroot  string
	against string
}

// contractsMain is `rtlint contracts`. Exit codes: 0 success, 1 drift or a
// toolchain that cannot be read, 2 bad usage.
func contractsMain(args []string) int {
	return runContracts(args, os.Stdout, os.Stderr)
}

func runContracts(args []string, stdout, stderr io.Writer) int {
	var f contractsFlags
	fs := flag.NewFlagSet("rtlint contracts", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&f.json, "json", false, "print JSON instead of Markdown")
	fs.BoolVar(&f.check, "check", false, "exit 1 naming each contract whose anchor no longer resolves")
	fs.StringVar(&f.out, "o", "", "write the sheet to `FILE` instead of standard output")
	fs.StringVar(&f.goroot, "goroot", "", "resolve against the Go tree in `DIR` instead of the toolchain in use")
	fs.StringVar(&f.against, "against", "", "with -check, also check Go release `VERSION` (or a GOROOT directory) and report what changed")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprint(stdout, contractsUsage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return 0
		}
		fmt.Fprintf(stderr, "rtlint contracts: %v (run 'rtlint contracts -h' for usage)\n", err)
		return 2
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "rtlint contracts: unexpected argument %q (run 'rtlint contracts -h' for usage)\n", fs.Arg(0))
		return 2
	case f.against != "" && !f.check:
		fmt.Fprintln(stderr, "rtlint contracts: -against needs -check")
		return 2
	case f.out != "" && f.check:
		fmt.Fprintln(stderr, "rtlint contracts: -o writes the sheet; it does not go with -check")
		return 2
	case f.against != "" && !sheet.IsRelease(f.against) && !isDir(f.against):
		fmt.Fprintf(stderr, "rtlint contracts: -against %s: neither a Go release (go1.N.P) nor a directory\n", f.against)
		return 2
	}

	tc := contract.Default()
	if f.goroot != "" {
		tc = contract.Open(f.goroot)
	}
	if tc.Err != nil {
		fmt.Fprintf(stderr, "rtlint contracts: cannot read the Go source: %v\n", tc.Err)
		return 1
	}
	if f.check {
		return checkContracts(f, tc, stdout, stderr)
	}

	var buf bytes.Buffer
	s := sheet.Build(tc)
	var err error
	if f.json {
		err = s.WriteJSON(&buf)
	} else {
		err = s.WriteMarkdown(&buf)
	}
	if err == nil {
		err = writeOut(f.out, buf.Bytes(), stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rtlint contracts: %v\n", err)
		return 1
	}
	return 0
}

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

// writeOut writes data to file (replacing it atomically) or to stdout.
func writeOut(file string, data []byte, stdout io.Writer) error {
	if file == "" {
		_, err := stdout.Write(data)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".rtlint-contracts-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

type checkOutput struct {
	Toolchain *sheet.Report `json:"toolchain"`
	Against   *sheet.Report `json:"against,omitempty"`
	Drift     []sheet.Drift `json:"drift,omitempty"`
}

func checkContracts(f contractsFlags, tc *contract.Toolchain, stdout, stderr io.Writer) int {
	base, err := sheet.Check(tc)
	if err != nil {
		fmt.Fprintf(stderr, "rtlint contracts: cannot read the Go source: %v\n", err)
		return 1
	}
	out := checkOutput{Toolchain: base}
	if f.against != "" {
		root := f.against // a GOROOT directory, or a release to fetch
		if sheet.IsRelease(f.against) {
			if root, err = sheet.FetchToolchain(context.Background(), f.against); err != nil {
				fmt.Fprintf(stderr, "rtlint contracts: cannot get %s: %v\n", f.against, err)
				return 1
			}
		}
		other, err := sheet.Check(contract.Open(root))
		if err != nil {
			fmt.Fprintf(stderr, "rtlint contracts: cannot read the Go source of %s: %v\n", f.against, err)
			return 1
		}
		out.Against = other
		out.Drift = sheet.Compare(base, other)
	}
	failed := len(base.Failed())
	if out.Against != nil {
		failed += len(out.Against.Failed())
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "rtlint contracts: %v\n", err)
			return 1
		}
	} else {
		printReport(stdout, base)
		if out.Against != nil {
			printReport(stdout, out.Against)
			printDrift(stdout, base, out.Against, out.Drift)
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "rtlint contracts: %d anchors no longer resolve: fix the anchor or add FallbackFuncs/FallbackAnchors in internal/contract/table_*.go, or set Until if the claim no longer holds\n", failed)
		return 1
	}
	return 0
}

func printReport(w io.Writer, r *sheet.Report) {
	fmt.Fprintf(w, "%s (%s): %d contracts, %d resolve", r.GoVersion, r.GOROOT, len(r.Findings), r.Count(sheet.Resolved))
	if n := r.Count(sheet.Retired); n > 0 {
		fmt.Fprintf(w, ", %d do not hold for this version", n)
	}
	if n := r.Count(sheet.Unavailable); n > 0 {
		fmt.Fprintf(w, ", %d cite files this installation does not ship", n)
	}
	if n := r.Count(sheet.Unresolved); n > 0 {
		fmt.Fprintf(w, ", %d NO LONGER RESOLVE", n)
	}
	fmt.Fprintln(w)
	for _, f := range r.Findings {
		switch f.Status {
		case sheet.Unresolved:
			fmt.Fprintf(w, "  FAIL %s: %s\n", f.ID, f.Reason)
		case sheet.Retired, sheet.Unavailable:
			fmt.Fprintf(w, "  skip %s: %s\n", f.ID, f.Reason)
		}
	}
}

func printDrift(w io.Writer, base, other *sheet.Report, drift []sheet.Drift) {
	count := map[sheet.Change]int{}
	for _, d := range drift {
		count[d.Change]++
	}
	fmt.Fprintf(w, "from %s to %s: %d unresolved, %d text changed, %d declaration changed, %d moved, %d same, %d not applicable\n",
		base.GoVersion, other.GoVersion, count[sheet.Lost], count[sheet.Text], count[sheet.Declaration], count[sheet.Moved], count[sheet.Same], count[sheet.NotApplicable])
	for _, d := range drift {
		switch d.Change {
		case sheet.Lost, sheet.NotApplicable:
			fmt.Fprintf(w, "  %-14s %s: %s -> %s\n", d.Change, d.ID, d.From.Cite, d.To.Reason)
		case sheet.Text:
			fmt.Fprintf(w, "  %-14s %s: %s -> %s\n  %14s   was: %s\n  %14s   now: %s\n", d.Change, d.ID, d.From.Cite, d.To.Cite, "", d.From.Text, "", d.To.Text)
		case sheet.Declaration, sheet.Moved:
			fmt.Fprintf(w, "  %-14s %s: %s -> %s\n", d.Change, d.ID, d.From.Cite, d.To.Cite)
		}
	}
}
