package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// paused returns a WaitDiags condition: the stale lockthread finding and
// the note saying why analysis is paused, containing why.
func paused(why string) func([]lsptest.Diagnostic) bool {
	return func(diags []lsptest.Diagnostic) bool {
		lock := find(diags, "lockthread")
		note := false
		for _, d := range diags {
			note = note || (strings.HasPrefix(d.Message, "analysis paused until the package") && strings.Contains(d.Message, why) &&
				d.Severity == int(protocol.DiagnosticSeverityInformation))
		}
		return note && lock != nil && strings.HasPrefix(lock.Message, "(stale: ")
	}
}

// TestBrokenCode: syntax and type errors while typing neither crash the
// server nor stop it, nor make the findings vanish: they stay, stale, with
// a note saying why, and come back fresh once the code is whole again.
func TestBrokenCode(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{Debounce: 20 * time.Millisecond})
	c.Initialize(true)
	path := filepath.Join(dir, "findings", "findings.go")
	uri := c.Open(path, 1)
	c.WaitDiags(uri, 1, has("lockthread"))
	src, _ := os.ReadFile(path)

	for i, b := range []struct{ text, why string }{
		{strings.Replace(string(src), "work()\n}", "work(\n}", 1), "expected"},             // syntax error
		{strings.Replace(string(src), "work()\n}", "work(1)\n}", 1), "too many arguments"}, // type error
		{strings.Replace(string(src), "package findings", "package", 1), "expected"},       // no package name
		{"", "expected"}, // empty file
		{strings.Replace(string(src), "import (", "import (\n\t\"example.com/nosuch\"", 1), "nosuch"}, // missing import
	} {
		c.Change(uri, 2+i, b.text)
		c.WaitDiags(uri, 2+i, paused(b.why))
	}
	c.Change(uri, 10, string(src))
	diags := c.WaitDiags(uri, 10, has("emptyselect", "gosched", "lockthread"))
	for _, d := range diags {
		if strings.Contains(d.Message, "stale") || strings.Contains(d.Message, "paused") {
			t.Errorf("after mending: %q", d.Message)
		}
	}

	// A file of a package that does not exist on disk yet, and one outside
	// any module: not fatal.
	c.OpenText(filepath.Join(dir, "newpkg", "new.go"), 1, "package newpkg\n\nfunc F() { select {} }\n")
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "x.go"), []byte("package x\n"), 0o644)
	c.Open(filepath.Join(outside, "x.go"), 1)
	// The server still answers.
	c.Change(uri, 11, strings.Replace(string(src), "\tselect {}\n", "", 1))
	c.WaitDiags(uri, 11, func(d []lsptest.Diagnostic) bool {
		return find(d, "emptyselect") == nil && find(d, "lockthread") != nil
	})
	c.shutdown()
}

// TestGoCommandFails: when the go command cannot load packages at all
// (here it is given a bad flag), the open file says so instead of showing
// nothing.
func TestGoCommandFails(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{Env: append(os.Environ(), "GOFLAGS=-mod=bogus")})
	c.Initialize(true)
	uri := c.Open(filepath.Join(dir, "findings", "findings.go"), 1)
	c.WaitDiags(uri, 1, func(diags []lsptest.Diagnostic) bool {
		return len(diags) == 1 && strings.HasPrefix(diags[0].Message, "analysis paused: cannot load the package: ") &&
			diags[0].Severity == int(protocol.DiagnosticSeverityInformation)
	})
	c.shutdown()
}
