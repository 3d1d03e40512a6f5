package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
)

// TestLSPFixFromBuffer: the quick fixes of an unsaved buffer are built
// from the buffer. The buffer has the size of the file on disk but other
// bytes (a shorter comment, a longer duration): timeafter's fix copies the
// duration, so built from the disk's bytes it would corrupt the code, as
// in issue 20 (`time.Sleep(fter(10 * time.Millis)`). The fixed buffer
// must compile and the finding go away, all without saving.
func TestLSPFixFromBuffer(t *testing.T) {
	dir := sessionModule(t)
	path := filepath.Join(dir, "fix", "fix.go")
	disk, _ := os.ReadFile(path)
	const oldDur, newDur = "10 * time.Millisecond", "3*time.Second + 250*time.Microsecond"
	comment := "// Flush never flushes while events keep coming: timeafter, with a fix."
	buffer := strings.Replace(string(disk), oldDur, newDur, 1)
	buffer = strings.Replace(buffer, comment, comment[:len(comment)-(len(newDur)-len(oldDur))], 1)
	if len(buffer) != len(disk) || buffer == string(disk) {
		t.Fatalf("the buffer must differ from the file with the same size: %d and %d bytes", len(buffer), len(disk))
	}

	p := startLSP(t, dir)
	p.Initialize(true)
	uri := p.Open(path, 1)
	p.WaitDiags(uri, 1, lsptest.Has("timeafter", "lockthread"))
	p.Change(uri, 2, buffer)
	diags := p.WaitDiags(uri, 2, lsptest.Has("timeafter", "lockthread"))
	for _, code := range []string{"timeafter", "lockthread"} {
		if d := lsptest.Find(diags, code); string(d.Data) != `{"fixes":1}` {
			t.Errorf("%s in the unsaved buffer carries no fix: %s", code, d.Data)
		}
	}

	// Apply both fixes, one after the other, as an editor does.
	text, version := buffer, 2
	for _, code := range []string{"timeafter", "lockthread"} {
		d := lsptest.Find(diags, code)
		actions := p.CodeActions(uri, d.Range, *d)
		if len(actions) != 1 {
			t.Fatalf("%s: %d code actions", code, len(actions))
		}
		edits := lsptest.DocumentEdits(actions[0])
		if len(edits) != 1 || edits[0].TextDocument.Version == nil || *edits[0].TextDocument.Version != version {
			t.Fatalf("%s: edit %+v, want one for version %d", code, edits, version)
		}
		var err error
		if text, err = lsptest.ApplyEdits(text, edits[0].Edits); err != nil {
			t.Fatal(err)
		}
		version++
		p.Change(uri, version, text)
		diags = p.WaitDiags(uri, version, func(ds []lsptest.Diagnostic) bool { return lsptest.Find(ds, code) == nil })
	}
	for _, want := range []string{"time.NewTimer(" + newDur + ")", ".Reset(" + newDur + ")", "runtime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the fixed buffer lacks %q:\n%s", want, text)
		}
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics left after both fixes: %+v", diags)
	}
	// The fixed buffer builds and vets, in a copy of the module.
	copyDir := t.TempDir()
	os.CopyFS(copyDir, os.DirFS(dir))
	os.WriteFile(filepath.Join(copyDir, "fix", "fix.go"), []byte(text), 0o644)
	for _, args := range [][]string{{"build", "./fix"}, {"vet", "./fix"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = copyDir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s on the fixed buffer: %v\n%s\n%s", strings.Join(args, " "), err, out, text)
		}
	}
	if b, _ := os.ReadFile(path); string(b) != string(disk) {
		t.Errorf("the file on disk changed")
	}
	p.shutdown()
}

// staleNote reports whether diags hold the stale lockthread finding (at
// line) and the note saying analysis is paused, citing why.
func staleNote(line int, why string) func([]lsptest.Diagnostic) bool {
	return func(diags []lsptest.Diagnostic) bool {
		lock := lsptest.Find(diags, "lockthread")
		note := false
		for _, d := range diags {
			note = note || (strings.HasPrefix(d.Message, "analysis paused until the package type-checks: ") &&
				strings.Contains(d.Message, why) && d.Severity == int(protocol.DiagnosticSeverityInformation))
		}
		return note && lock != nil && int(lock.Range.Start.Line) == line &&
			strings.HasPrefix(lock.Message, "(stale: package does not type-check) runtime.LockOSThread")
	}
}

// fresh reports whether diags hold the lockthread finding at line, not
// stale, and nothing else.
func fresh(line int) func([]lsptest.Diagnostic) bool {
	return func(diags []lsptest.Diagnostic) bool {
		lock := lsptest.Find(diags, "lockthread")
		return len(diags) == 1 && lock != nil && int(lock.Range.Start.Line) == line && strings.HasPrefix(lock.Message, "runtime.LockOSThread")
	}
}

// TestLSPStaleFindings: a package that does not type-check, because of
// typing mid-token or because an unsaved edit changed the API of a
// package it imports, keeps its last findings, marked stale and following
// their lines, with one note saying why analysis is paused; once it
// type-checks again they are fresh. No publication in between drops them.
func TestLSPStaleFindings(t *testing.T) {
	dir := sessionModule(t)
	p := startLSP(t, dir, "-debounce", "20ms")
	p.Initialize(true)
	usePath, depPath := filepath.Join(dir, "use", "use.go"), filepath.Join(dir, "use", "..", "dep", "dep.go")
	use, _ := os.ReadFile(usePath)
	dep, _ := os.ReadFile(depPath)
	uri := p.Open(usePath, 1)
	p.WaitDiags(uri, 1, fresh(11))

	// Typing mid-token, two lines above the finding.
	midToken := strings.Replace(string(use), "func Pin(work func()) {\n", "func Pin(work func()) {\n\tx := runtime.NumG\n\n", 1)
	p.Change(uri, 2, midToken)
	p.WaitDiags(uri, 2, staleNote(13, "NumG"))
	p.Change(uri, 3, strings.Replace(midToken, "runtime.NumG\n", "runtime.NumGoroutine()\n\t_ = x\n", 1))
	p.WaitDiags(uri, 3, fresh(14))
	p.Change(uri, 4, string(use))
	p.WaitDiags(uri, 4, fresh(11))

	// An unsaved edit of the imported package's API re-analyzes use.go.
	duri := p.Open(depPath, 1)
	p.WaitDiags(duri, 1, func(d []lsptest.Diagnostic) bool { return len(d) == 0 })
	p.Change(duri, 2, strings.Replace(string(dep), "func Run(", "func Start(", 1))
	p.WaitDiags(uri, 4, staleNote(11, "undefined: dep.Run"))
	p.Change(duri, 3, string(dep))
	p.WaitDiags(uri, 4, fresh(11))

	for i, pub := range p.Publications(uri) {
		if lsptest.Find(pub.Diagnostics, "lockthread") == nil {
			t.Errorf("publication %d for use.go (version %v) dropped the finding: %+v", i, pub.Version, pub.Diagnostics)
		}
	}
	p.shutdown()
}

// TestLSPLargeBuffer: a 20 MB generated table in an unsaved buffer is
// analyzed with the table compacted (logged), so the other file of its
// package keeps its finding; a buffer with more Go than the limit pauses
// the package with a note saying so.
func TestLSPLargeBuffer(t *testing.T) {
	dir := sessionModule(t)
	p := startLSP(t, dir, "-debounce", "20ms")
	p.Initialize(true)
	genPath := filepath.Join(dir, "assets", "gen.go")
	gen, _ := os.ReadFile(genPath)
	uri := p.Open(filepath.Join(dir, "assets", "assets.go"), 1)
	p.WaitDiags(uri, 1, fresh(8))

	var table strings.Builder
	table.WriteString("// Code generated by hand for the LSP tests. DO NOT EDIT.\n\npackage assets\n\nvar data = []byte{\n")
	for table.Len() < 20<<20 {
		table.WriteString("\t0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,\n")
	}
	table.WriteString("}\n")
	guri := p.OpenText(genPath, 1, table.String())
	p.WaitDiags(guri, 1, func(d []lsptest.Diagnostic) bool { return len(d) == 0 })
	p.Change(uri, 2, string(mustRead(t, filepath.Join(dir, "assets", "assets.go")))+"\n")
	p.WaitDiags(uri, 2, fresh(8))
	if !strings.Contains(p.stderr.String(), "gen.go: a 20.0 MB file, analyzed with 1 constant table(s)") {
		t.Errorf("the compaction is not logged:\n%s", p.stderr)
	}

	// 1.2 million tokens that are not a table of constants.
	var code strings.Builder
	code.WriteString("package assets\n\nvar sums = []int{\n")
	for range 30000 {
		code.WriteString("\t1 + 1, 2 + 2, 3 + 3, 4 + 4, 5 + 5, 6 + 6, 7 + 7, 8 + 8, 9 + 9, 0 + 0,\n")
	}
	code.WriteString("}\n\nvar data = []byte{0x1f, 0x8b}\n")
	p.Change(guri, 2, code.String())
	p.WaitDiags(uri, 2, func(diags []lsptest.Diagnostic) bool {
		lock := lsptest.Find(diags, "lockthread")
		note := false
		for _, d := range diags {
			note = note || strings.HasPrefix(d.Message, "package not analyzed: gen.go holds 1.2 million tokens of Go besides its constant tables, above rtlint's limit of 1.0 million per file")
		}
		return note && lock != nil && strings.HasPrefix(lock.Message, "(stale: package not analyzed) ")
	})
	p.Change(guri, 3, string(gen))
	p.WaitDiags(uri, 2, fresh(8))
	p.shutdown()
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
