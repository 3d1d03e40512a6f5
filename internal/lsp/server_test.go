package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

// client is an in-process LSP client connected to a server by pipes.
type client struct {
	t    *testing.T
	conn *jsonrpc2.Conn
	srv  chan error

	mu    sync.Mutex
	diags map[string][]publication // by URI, in arrival order
	logs  []string
	cond  *sync.Cond
}

func startServer(t *testing.T, opts Options) *client {
	t.Helper()
	if opts.Analyzers == nil {
		opts.Analyzers = suite.Analyzers()
	}
	if opts.Log == nil {
		opts.Log = testLog{t}
	}
	c2sR, c2sW := io.Pipe()
	s2cR, s2cW := io.Pipe()
	c := &client{t: t, srv: make(chan error, 1), diags: map[string][]publication{}}
	c.cond = sync.NewCond(&c.mu)
	go func() {
		c.srv <- Serve(context.Background(), c2sR, s2cW, opts)
		s2cW.Close()
	}()
	handler := jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		switch req.Method {
		case "textDocument/publishDiagnostics":
			var p publication
			if err := json.Unmarshal(*req.Params, &p); err != nil {
				t.Errorf("bad publishDiagnostics: %v", err)
			}
			c.diags[p.URI] = append(c.diags[p.URI], p)
		case "window/logMessage":
			var p protocol.LogMessageParams
			json.Unmarshal(*req.Params, &p)
			c.logs = append(c.logs, p.Message)
		}
		c.cond.Broadcast()
		return nil, nil
	})
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(rwc{s2cR, c2sW}, jsonrpc2.VSCodeObjectCodec{}), handler)
	t.Cleanup(func() { c.conn.Close(); c2sW.Close() })
	return c
}

// publication is textDocument/publishDiagnostics as the client decodes it
// (glsp's IntegerOrString cannot decode: its UnmarshalJSON has a value
// receiver).
type publication struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type diagnostic struct {
	protocol.Diagnostic
	Code string `json:"code"`
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) initialize(documentChanges bool) protocol.InitializeResult {
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": documentChanges}},
	}}
	var res protocol.InitializeResult
	c.call("initialize", params, &res)
	c.notify("initialized", struct{}{})
	return res
}

func (c *client) shutdown() {
	c.t.Helper()
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case err := <-c.srv:
		if err != nil {
			c.t.Errorf("Serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		c.t.Errorf("server did not exit")
	}
}

// waitDiags waits for a publication for uri with the given version that
// satisfies ok, and returns it.
func (c *client) waitDiags(uri string, version int, ok func([]diagnostic) bool) []diagnostic {
	c.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	timer := time.AfterFunc(time.Until(deadline), func() { c.mu.Lock(); c.cond.Broadcast(); c.mu.Unlock() })
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := 0
	for {
		list := c.diags[uri]
		for ; seen < len(list); seen++ {
			p := list[seen]
			if version >= 0 && (p.Version == nil || int(*p.Version) != version) {
				continue
			}
			if ok(p.Diagnostics) {
				return p.Diagnostics
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no matching diagnostics for %s version %d; got %s; log: %q", uri, version, marshal(list), c.logs)
		}
		c.cond.Wait()
	}
}

func (c *client) open(path string, version int) string {
	c.t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	uri := pathToURI(path)
	c.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "go", Version: protocol.Integer(version), Text: string(text),
	}})
	return uri
}

func (c *client) change(uri string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(version)},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: text}},
	})
}

func copyModule(t *testing.T, name string) string {
	t.Helper()
	from := filepath.Join(testutil.Testdata(), "mod", name)
	to := t.TempDir()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

var citation = regexp.MustCompile(`\((?:[\w./-]+:\d+, )+go1[\w.]+\)$`)

func find(diags []diagnostic, code string) *diagnostic {
	for i, d := range diags {
		if d.Code == code {
			return &diags[i]
		}
	}
	return nil
}

func has(codes ...string) func([]diagnostic) bool {
	return func(diags []diagnostic) bool {
		for _, c := range codes {
			if find(diags, c) == nil {
				return false
			}
		}
		return true
	}
}

// applyEdits applies non-overlapping LSP edits to src.
func applyEdits(t *testing.T, src []byte, edits []protocol.TextEdit) []byte {
	t.Helper()
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		s, err1 := offsetOf(src, e.Range.Start)
		en, err2 := offsetOf(src, e.Range.End)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad edit %+v", e)
		}
		spans = append(spans, span{s, en, e.NewText})
	}
	for i := len(spans) - 1; i >= 0; i-- { // edits arrive in order; apply from the end
		sp := spans[i]
		src = append(src[:sp.start:sp.start], append([]byte(sp.text), src[sp.end:]...)...)
	}
	return src
}

func TestDiagnosticsAndQuickFix(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{Debounce: 50 * time.Millisecond})
	res := c.initialize(true)
	if res.ServerInfo == nil || res.ServerInfo.Name != "rtlint" {
		t.Errorf("serverInfo %+v", res.ServerInfo)
	}
	path := filepath.Join(dir, "findings", "findings.go")
	uri := c.open(path, 1)
	diags := c.waitDiags(uri, 1, has("emptyselect", "gosched", "lockthread"))
	for _, d := range diags {
		if !citation.MatchString(d.Message) {
			t.Errorf("no citation at the end of %q", d.Message)
		}
		if d.CodeDescription == nil || !strings.HasPrefix(d.CodeDescription.HRef, "https://") {
			t.Errorf("%s: no citation link: %+v", d.Message, d.CodeDescription)
		}
		if d.Source == nil || *d.Source != "rtlint" || d.Severity == nil || *d.Severity != protocol.DiagnosticSeverityWarning {
			t.Errorf("source/severity of %+v", d)
		}
	}
	lock := find(diags, "lockthread")
	if want := (protocol.Position{Line: 24, Character: 1}); lock.Range.Start != want || lock.Range.End.Line != 24 {
		t.Errorf("lockthread range %+v, want start %+v", lock.Range, want)
	}
	if !strings.Contains(lock.CodeDescription.HRef, "proc.go") {
		t.Errorf("lockthread link %q does not point at proc.go", lock.CodeDescription.HRef)
	}

	// A quick fix for the lockthread finding, versioned.
	var actions []protocol.CodeAction
	c.call("textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        protocol.Range{Start: protocol.Position{Line: 24, Character: 5}, End: protocol.Position{Line: 24, Character: 5}},
		Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{lock.Diagnostic}},
	}, &actions)
	if len(actions) != 1 || actions[0].Kind == nil || *actions[0].Kind != "quickfix" || actions[0].Edit == nil || len(actions[0].Edit.DocumentChanges) != 1 {
		t.Fatalf("code actions %s", marshal(actions))
	}
	raw, _ := json.Marshal(actions[0].Edit.DocumentChanges[0])
	var tde struct {
		TextDocument struct {
			URI     string `json:"uri"`
			Version *int   `json:"version"`
		} `json:"textDocument"`
		Edits []protocol.TextEdit `json:"edits"`
	}
	json.Unmarshal(raw, &tde)
	if tde.TextDocument.URI != uri || tde.TextDocument.Version == nil || *tde.TextDocument.Version != 1 {
		t.Errorf("edit targets %s version %v", tde.TextDocument.URI, tde.TextDocument.Version)
	}
	src, _ := os.ReadFile(path)
	fixed := applyEdits(t, src, tde.Edits)
	if !strings.Contains(string(fixed), "runtime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n") {
		t.Fatalf("fix gives\n%s", fixed)
	}

	// No action away from a finding.
	c.call("textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        protocol.Range{Start: protocol.Position{Line: 2, Character: 0}, End: protocol.Position{Line: 2, Character: 0}},
	}, &actions)
	if len(actions) != 0 {
		t.Errorf("actions on the package clause: %s", marshal(actions))
	}

	// The edited document: the lockthread finding goes, the others stay.
	c.change(uri, 2, string(fixed))
	diags = c.waitDiags(uri, 2, func(d []diagnostic) bool { return find(d, "lockthread") == nil })
	if !has("emptyselect", "gosched")(diags) {
		t.Errorf("after the fix: %s", marshal(diags))
	}
	// A stale code action request (for version 1 ranges) offers nothing now.
	c.call("textDocument/codeAction", protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        lock.Range,
	}, &actions)
	if len(actions) != 0 {
		t.Errorf("actions after the fix: %s", marshal(actions))
	}
	c.shutdown()
}

// TestChangesWithoutDocumentChanges: clients without versioned edits get
// plain changes.
func TestChangesWithoutDocumentChanges(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{})
	c.initialize(false)
	uri := c.open(filepath.Join(dir, "findings", "findings.go"), 1)
	lock := find(c.waitDiags(uri, 1, has("lockthread")), "lockthread")
	var actions []protocol.CodeAction
	c.call("textDocument/codeAction", protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Range: lock.Range}, &actions)
	if len(actions) != 1 || len(actions[0].Edit.Changes[uri]) != 1 || actions[0].Edit.DocumentChanges != nil {
		t.Errorf("actions %s", marshal(actions))
	}
	c.shutdown()
}

// TestBrokenCode: syntax and type errors while typing neither crash the
// server nor stop it: findings come back once the code is whole again.
func TestBrokenCode(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{Debounce: 20 * time.Millisecond})
	c.initialize(true)
	path := filepath.Join(dir, "findings", "findings.go")
	uri := c.open(path, 1)
	c.waitDiags(uri, 1, has("lockthread"))
	src, _ := os.ReadFile(path)

	broken := []string{
		strings.Replace(string(src), "work()\n}", "work(\n}", 1),       // syntax error
		strings.Replace(string(src), "work()\n}", "work(1)\n}", 1),     // type error
		strings.Replace(string(src), "package findings", "package", 1), // no package name
		"", // empty file
		strings.Replace(string(src), "import (", "import (\n\t\"example.com/nosuch\"", 1), // missing import
	}
	v := 1
	for _, text := range broken {
		v++
		c.change(uri, v, text)
		// Let each version be analyzed (some may publish nothing: an
		// analyzer that panics on it loses that run, not the server).
		time.Sleep(300 * time.Millisecond)
	}
	v++
	c.change(uri, v, string(src))
	c.waitDiags(uri, v, has("emptyselect", "gosched", "lockthread"))

	// A file of a package that does not exist on disk yet, and one outside
	// any module: logged, not fatal.
	c.notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: pathToURI(filepath.Join(dir, "newpkg", "new.go")), LanguageID: "go", Version: 1, Text: "package newpkg\n\nfunc F() { select {} }\n",
	}})
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "x.go"), []byte("package x\n"), 0o644)
	c.open(filepath.Join(outside, "x.go"), 1)
	// The server still answers.
	c.change(uri, v+1, strings.Replace(string(src), "\tselect {}\n", "", 1))
	c.waitDiags(uri, v+1, func(d []diagnostic) bool { return find(d, "emptyselect") == nil && find(d, "lockthread") != nil })
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
	c.initialize(true)
	uri := c.open(src, 1)
	diags := c.waitDiags(uri, 1, has("lockthread", "gosched"))
	if find(diags, "emptyselect") != nil {
		t.Errorf("//rtlint:ignore emptyselect did not silence the finding: %s", marshal(diags))
	}
	c.change(uri, 2, string(b)+"\n")
	c.waitDiags(uri, 2, has("lockthread", "gosched"))
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
	c.initialize(true)
	turi := c.open(testFile, 1)
	c.waitDiags(turi, 1, has("directives"))
	uri := c.open(filepath.Join(dir, "findings", "findings.go"), 1)
	c.waitDiags(uri, 1, has("lockthread"))
	c.notify("textDocument/didClose", protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: turi}})
	src, _ := os.ReadFile(filepath.Join(dir, "findings", "findings.go"))
	c.change(uri, 2, string(src)+"\n")
	c.waitDiags(uri, 2, has("lockthread"))
	c.mu.Lock()
	last := c.diags[turi][len(c.diags[turi])-1]
	c.mu.Unlock()
	if find(last.Diagnostics, "directives") == nil {
		t.Errorf("the test file lost its diagnostics: %s", marshal(last))
	}
	c.shutdown()
}

// TestSaveAndClose: a save re-analyzes; closing a document with unsaved
// edits re-analyzes the file on disk.
func TestSaveAndClose(t *testing.T) {
	dir := copyModule(t, "integration")
	c := startServer(t, Options{Debounce: time.Hour}) // changes alone never trigger
	c.initialize(true)
	path := filepath.Join(dir, "findings", "findings.go")
	uri := c.open(path, 1)
	c.waitDiags(uri, 1, has("lockthread"))
	src, _ := os.ReadFile(path)
	noLock := strings.Replace(string(src), "\truntime.LockOSThread()\n", "", 1)
	c.change(uri, 2, noLock)
	os.WriteFile(path, []byte(noLock), 0o644)
	c.notify("textDocument/didSave", protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
	c.waitDiags(uri, 2, func(d []diagnostic) bool { return find(d, "lockthread") == nil && find(d, "gosched") != nil })

	// Unsaved: remove the gosched finding in the buffer only, then close.
	c.change(uri, 3, strings.Replace(noLock, "\t\truntime.Gosched()\n", "", 1))
	c.notify("textDocument/didClose", protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
	c.waitDiags(uri, -1, func(d []diagnostic) bool { return find(d, "gosched") != nil && find(d, "lockthread") == nil })
	c.shutdown()
}

// TestReadOnlyFiles: files of GOROOT (opened by a jump to a definition)
// are not analyzed.
func TestReadOnlyFiles(t *testing.T) {
	goroot := runtime.GOROOT()
	if _, err := os.Stat(filepath.Join(goroot, "src", "errors", "errors.go")); err != nil {
		t.Skip("no GOROOT sources")
	}
	dir := copyModule(t, "integration")
	c := startServer(t, Options{})
	c.initialize(true)
	std := c.open(filepath.Join(goroot, "src", "errors", "errors.go"), 1)
	uri := c.open(filepath.Join(dir, "findings", "findings.go"), 1)
	c.waitDiags(uri, 1, has("lockthread"))
	c.mu.Lock()
	got := c.diags[std]
	c.mu.Unlock()
	if len(got) > 0 {
		t.Errorf("GOROOT file analyzed: %s", marshal(got))
	}
	c.shutdown()
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(true)
	c.notify("exit", nil)
	if err := <-c.srv; err == nil {
		t.Errorf("exit without shutdown: Serve returned nil")
	}
}

func TestUnknownMethod(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(true)
	err := c.conn.Call(context.Background(), "textDocument/hover", protocol.HoverParams{}, nil)
	if e, ok := err.(*jsonrpc2.Error); !ok || e.Code != jsonrpc2.CodeMethodNotFound {
		t.Errorf("hover: %v, want method not found", err)
	}
	c.notify("$/somethingNew", nil) // ignored
	c.shutdown()
}

func TestPositions(t *testing.T) {
	src := []byte("package p\n\n// héllo 😀 x\nvar s = \"😀\"\n")
	for _, tc := range []struct {
		off  int
		want protocol.Position
	}{
		{0, protocol.Position{Line: 0, Character: 0}},
		{10, protocol.Position{Line: 1, Character: 0}},
		{strings.Index(string(src), "😀"), protocol.Position{Line: 2, Character: 9}},
		{strings.Index(string(src), " x"), protocol.Position{Line: 2, Character: 11}},
		{len(src), protocol.Position{Line: 4, Character: 0}},
	} {
		got := positionOf(src, tc.off)
		if got != tc.want {
			t.Errorf("positionOf(%d) = %+v, want %+v", tc.off, got, tc.want)
		}
		back, err := offsetOf(src, got)
		if err != nil || back != tc.off {
			t.Errorf("offsetOf(%+v) = %d, %v, want %d", got, back, err, tc.off)
		}
	}
	// A character past the end of the line clamps to it.
	if off, _ := offsetOf(src, protocol.Position{Line: 0, Character: 99}); off != 9 {
		t.Errorf("clamped offset %d, want 9", off)
	}
	out, err := applyChange(src, protocol.TextDocumentContentChangeEvent{
		Range: &protocol.Range{Start: protocol.Position{Line: 2, Character: 9}, End: protocol.Position{Line: 2, Character: 11}},
		Text:  "🙂",
	})
	if err != nil || !strings.Contains(string(out), "héllo 🙂 x") {
		t.Errorf("range change: %q, %v", out, err)
	}
	for _, uri := range []string{"file:///tmp/a%20b/c.go", "file:///tmp/x.go"} {
		p, err := uriToPath(uri)
		if err != nil || pathToURI(p) != uri {
			t.Errorf("uri round trip %s -> %s -> %s (%v)", uri, p, pathToURI(p), err)
		}
	}
	if _, err := uriToPath("untitled:Untitled-1"); err == nil {
		t.Errorf("untitled: URI accepted")
	}
}

// genModule writes a module of n packages: p000 ... p(n-1), each importing
// the two before it, each with a few functions, and an entry package
// "top" importing all of them, with findings.
func genModule(t testing.TB, n int) string {
	dir := t.TempDir()
	write := func(rel, text string) {
		path := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/big\n\ngo 1.26\n")
	var top strings.Builder
	top.WriteString("package top\n\nimport (\n\t\"runtime\"\n")
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "package p%03d\n\nimport (\n\t\"sync\"\n", i)
		for _, j := range []int{i - 1, i - 2} {
			if j >= 0 {
				fmt.Fprintf(&b, "\t\"example.com/big/p%03d\"\n", j)
			}
		}
		b.WriteString(")\n\n")
		fmt.Fprintf(&b, "type T%d struct {\n\tmu sync.Mutex\n\tn  int\n}\n\n", i)
		fmt.Fprintf(&b, "func (t *T%d) Inc() int {\n\tt.mu.Lock()\n\tdefer t.mu.Unlock()\n\tt.n++\n\treturn t.n\n}\n\n", i)
		fmt.Fprintf(&b, "func F%d(x int) int {\n\ts := 0\n\tfor i := range x {\n\t\ts += i\n\t}\n", i)
		for _, j := range []int{i - 1, i - 2} {
			if j >= 0 {
				fmt.Fprintf(&b, "\ts += p%03d.F%d(x - 1)\n", j, j)
			}
		}
		b.WriteString("\treturn s\n}\n")
		write(fmt.Sprintf("p%03d/p.go", i), b.String())
		fmt.Fprintf(&top, "\t\"example.com/big/p%03d\"\n", i)
	}
	top.WriteString(")\n\n// Run uses every package.\nfunc Run(work func()) int {\n\ts := 0\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&top, "\ts += p%03d.F%d(3)\n", i, i)
	}
	top.WriteString("\truntime.LockOSThread()\n\twork()\n\treturn s\n}\n")
	write("top/top.go", top.String())
	return dir
}

// TestLatency100Packages measures the time from didOpen, and from a
// change, to the diagnostics, on a file importing a module of a hundred
// packages. The first analysis may compile the dependencies' export data;
// later ones find it in the build cache.
func TestLatency100Packages(t *testing.T) {
	dir := genModule(t, 100)
	c := startServer(t, Options{Debounce: time.Millisecond})
	c.initialize(true)
	path := filepath.Join(dir, "top", "top.go")
	start := time.Now()
	uri := c.open(path, 1)
	c.waitDiags(uri, 1, has("lockthread"))
	first := time.Since(start)

	src, _ := os.ReadFile(path)
	var changes []time.Duration
	for v := 2; v <= 6; v++ {
		text := strings.Replace(string(src), "\twork()\n", fmt.Sprintf("\twork()\n\ts += %d\n", v), 1)
		start = time.Now()
		c.change(uri, v, text)
		c.waitDiags(uri, v, has("lockthread"))
		changes = append(changes, time.Since(start))
	}
	// A change of the imports takes the slower path: the go command
	// compiles the edited package.
	text := strings.Replace(string(src), "import (\n", "import (\n\t\"fmt\"\n", 1)
	text = strings.Replace(text, "\twork()\n", "\twork()\n\tfmt.Println()\n", 1)
	start = time.Now()
	c.change(uri, 7, text)
	c.waitDiags(uri, 7, has("lockthread"))
	imports := time.Since(start)

	// A saved file broken on disk, mended in the editor: still analyzed.
	os.WriteFile(path, []byte(strings.Replace(string(src), "\treturn s\n", "\treturn s +\n", 1)), 0o644)
	c.change(uri, 8, string(src))
	c.waitDiags(uri, 8, has("lockthread"))
	c.shutdown()
	var worst time.Duration
	for _, d := range changes {
		worst = max(worst, d)
	}
	t.Logf("100-package module: open->diagnostics %v (first, may build export data); change->diagnostics %v; a change of imports %v",
		first.Round(time.Millisecond), changes, imports.Round(time.Millisecond))
	// Generous bound for a loaded 2-core CI machine; typical is far lower
	// (see the README).
	if worst > 20*time.Second {
		t.Errorf("change->diagnostics took up to %v", worst)
	}
}
