package lsp

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
	"github.com/rtlint/rtlint/internal/suite"
)

func TestDiagnosticsAndQuickFix(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{Debounce: 50 * time.Millisecond})
	res := c.Initialize(true)
	if res.ServerInfo == nil || res.ServerInfo.Name != "rtlint" {
		t.Errorf("serverInfo %+v", res.ServerInfo)
	}
	path := filepath.Join(dir, "findings", "findings.go")
	uri := c.Open(path, 1)
	diags := c.WaitDiags(uri, 1, has("emptyselect", "gosched", "lockthread"))
	for _, d := range diags {
		if !citation.MatchString(d.Message) {
			t.Errorf("no citation at the end of %q", d.Message)
		}
		if d.CodeDescription == nil || !strings.HasPrefix(d.CodeDescription.Href, "https://") {
			t.Errorf("%s: no citation link: %+v", d.Message, d.CodeDescription)
		}
		if d.Source != "rtlint" || d.Severity != int(protocol.DiagnosticSeverityWarning) {
			t.Errorf("source/severity of %+v", d)
		}
	}
	lock := find(diags, "lockthread")
	if want := (protocol.Position{Line: 23, Character: 1}); lock.Range.Start != want || lock.Range.End.Line != 23 {
		t.Errorf("lockthread range %+v, want start %+v", lock.Range, want)
	}
	if !strings.Contains(lock.CodeDescription.Href, "proc.go") {
		t.Errorf("lockthread link %q does not point at proc.go", lock.CodeDescription.Href)
	}

	// A quick fix for the lockthread finding, versioned.
	at := protocol.Position{Line: 23, Character: 5}
	actions := c.CodeActions(uri, protocol.Range{Start: at, End: at}, *lock)
	if len(actions) != 1 || actions[0].Kind == nil || *actions[0].Kind != "quickfix" || len(lsptest.DocumentEdits(actions[0])) != 1 {
		t.Fatalf("code actions %s", marshal(actions))
	}
	tde := lsptest.DocumentEdits(actions[0])[0]
	if tde.TextDocument.URI != uri || tde.TextDocument.Version == nil || *tde.TextDocument.Version != 1 {
		t.Errorf("edit targets %s version %v", tde.TextDocument.URI, tde.TextDocument.Version)
	}
	src, _ := os.ReadFile(path)
	fixed, err := lsptest.ApplyEdits(string(src), tde.Edits)
	if err != nil || !strings.Contains(fixed, "runtime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n") {
		t.Fatalf("fix gives (%v)\n%s", err, fixed)
	}

	// No action away from a finding.
	top := protocol.Position{Line: 2}
	if actions := c.CodeActions(uri, protocol.Range{Start: top, End: top}); len(actions) != 0 {
		t.Errorf("actions on the package clause: %s", marshal(actions))
	}

	// The edited document: the lockthread finding goes, the others stay.
	c.Change(uri, 2, fixed)
	diags = c.WaitDiags(uri, 2, func(d []lsptest.Diagnostic) bool { return find(d, "lockthread") == nil })
	if !has("emptyselect", "gosched")(diags) {
		t.Errorf("after the fix: %s", marshal(diags))
	}
	// A stale code action request (for version 1 ranges) offers nothing now.
	if actions := c.CodeActions(uri, lock.Range); len(actions) != 0 {
		t.Errorf("actions after the fix: %s", marshal(actions))
	}
	c.shutdown()
}

// TestChangesWithoutDocumentChanges: clients without versioned edits get
// plain changes.
func TestChangesWithoutDocumentChanges(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{})
	c.Initialize(false)
	uri := c.Open(filepath.Join(dir, "findings", "findings.go"), 1)
	lock := find(c.WaitDiags(uri, 1, has("lockthread")), "lockthread")
	actions := c.CodeActions(uri, lock.Range)
	if len(actions) != 1 || len(actions[0].Edit.Changes[uri]) != 1 || actions[0].Edit.DocumentChanges != nil {
		t.Errorf("actions %s", marshal(actions))
	}
	c.shutdown()
}

// TestPanickingAnalyzer: an analyzer that panics costs its own findings,
// not the server or the other analyzers' findings, and results still
// reach analyzers through pass.ResultOf (suppression works).
func TestPanickingAnalyzer(t *testing.T) {
	boom := &analysis.Analyzer{Name: "boom", Doc: "boom", Run: func(*analysis.Pass) (any, error) { panic("boom") }}
	dir := copyModule(t, "integration")
	src := filepath.Join(dir, "findings", "findings.go")
	b, _ := os.ReadFile(src)
	b = []byte(strings.Replace(string(b), "\tselect {}\n", "\tselect {} //rtlint:ignore emptyselect Serve blocks for the life of the process\n", 1))
	os.WriteFile(src, b, 0o644)
	c := startServer(t, Options{Analyzers: append(suite.Analyzers(), boom)})
	c.Initialize(true)
	uri := c.Open(src, 1)
	diags := c.WaitDiags(uri, 1, has("lockthread", "gosched"))
	if find(diags, "emptyselect") != nil {
		t.Errorf("//rtlint:ignore emptyselect did not silence the finding: %s", marshal(diags))
	}
	c.Change(uri, 2, string(b)+"\n")
	c.WaitDiags(uri, 2, has("lockthread", "gosched"))
	c.shutdown()
}

// TestTestFiles: test files are analyzed while one is open, and keep their
// diagnostics while only the package's other files are edited.
func TestTestFiles(t *testing.T) {
	dir := copyModule(t, "integration")
	testFile := filepath.Join(dir, "findings", "spin_test.go")
	// Most analyzers leave test files alone; a malformed directive is
	// reported anywhere.
	os.WriteFile(testFile, []byte("package findings\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {\n\t//rtlint:ignore gosched\n\tt.Log()\n}\n"), 0o644)
	c := startServer(t, Options{Debounce: time.Millisecond})
	c.Initialize(true)
	turi := c.Open(testFile, 1)
	c.WaitDiags(turi, 1, has("directives"))
	uri := c.Open(filepath.Join(dir, "findings", "findings.go"), 1)
	c.WaitDiags(uri, 1, has("lockthread"))
	c.Close(turi)
	src, _ := os.ReadFile(filepath.Join(dir, "findings", "findings.go"))
	c.Change(uri, 2, string(src)+"\n")
	c.WaitDiags(uri, 2, has("lockthread"))
	pubs := c.Publications(turi)
	if last := pubs[len(pubs)-1]; find(last.Diagnostics, "directives") == nil {
		t.Errorf("the test file lost its diagnostics: %s", marshal(last))
	}
	c.shutdown()
}

// TestSaveAndClose: a save re-analyzes; closing a document with unsaved
// edits re-analyzes the file on disk.
func TestSaveAndClose(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{Debounce: time.Hour}) // changes alone never trigger
	c.Initialize(true)
	path := filepath.Join(dir, "findings", "findings.go")
	uri := c.Open(path, 1)
	c.WaitDiags(uri, 1, has("lockthread"))
	src, _ := os.ReadFile(path)
	noLock := strings.Replace(string(src), "\truntime.LockOSThread()\n", "", 1)
	c.Change(uri, 2, noLock)
	os.WriteFile(path, []byte(noLock), 0o644)
	c.Save(uri)
	c.WaitDiags(uri, 2, func(d []lsptest.Diagnostic) bool { return find(d, "lockthread") == nil && find(d, "gosched") != nil })

	// Unsaved: remove the gosched finding in the buffer only, then close.
	c.Change(uri, 3, strings.Replace(noLock, "\t\truntime.Gosched()\n", "", 1))
	c.Close(uri)
	c.WaitDiags(uri, -1, func(d []lsptest.Diagnostic) bool { return find(d, "gosched") != nil && find(d, "lockthread") == nil })
	c.shutdown()
}

// TestReadOnlyFiles: files of GOROOT (opened by a jump to a definition)
// are not analyzed.
func TestReadOnlyFiles(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	goroot := strings.TrimSpace(string(out))
	if _, err := os.Stat(filepath.Join(goroot, "src", "errors", "errors.go")); err != nil {
		t.Skip("no GOROOT sources")
	}
	dir := copyModule(t, "integration")
	c := startServer(t, Options{})
	c.Initialize(true)
	std := c.Open(filepath.Join(goroot, "src", "errors", "errors.go"), 1)
	uri := c.Open(filepath.Join(dir, "findings", "findings.go"), 1)
	c.WaitDiags(uri, 1, has("lockthread"))
	if got := c.Publications(std); len(got) > 0 {
		t.Errorf("GOROOT file analyzed: %s", marshal(got))
	}
	c.shutdown()
}
