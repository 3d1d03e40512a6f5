package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
	"github.com/rtlint/rtlint/internal/testutil"
)

// TestNeovim drives `rtlint lsp` from a real, headless Neovim with
// testdata/nvim/rtlint_lsp.lua: diagnostics with citation links on open,
// a quick fix applied from the code action menu, diagnostics updated on
// save, a new finding after an edit, broken code survived, clean exit.
// With gopls on PATH it is attached beside rtlint.
func TestNeovim(t *testing.T) {
	nvim := need(t, "nvim", "apt-get install -y neovim")
	dir := t.TempDir()
	copyDir(t, integrationDir(), dir)
	file := filepath.Join(dir, "findings", "findings.go")
	outFile := filepath.Join(t.TempDir(), "result.json")
	xdg := t.TempDir()
	gopls, _ := exec.LookPath("gopls")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	script := filepath.Join(testutil.Testdata(), "nvim", "rtlint_lsp.lua")
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile "+script)
	cmd.Dir = dir
	// Neovim gets XDG directories of its own; the go command the server
	// runs keeps the build cache it would find without them (its default
	// is under XDG_CACHE_HOME).
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "GOCACHE="+strings.TrimSpace(string(gocache)),
		"RTLINT_BIN="+rtlintBin, "RTLINT_FILE="+file, "RTLINT_OUT="+outFile, "RTLINT_GOPLS="+gopls,
		"XDG_CONFIG_HOME="+filepath.Join(xdg, "config"), "XDG_DATA_HOME="+filepath.Join(xdg, "data"),
		"XDG_STATE_HOME="+filepath.Join(xdg, "state"), "XDG_CACHE_HOME="+filepath.Join(xdg, "cache"),
	)
	var stderr bytes.Buffer
	cmd.Stdin = nil
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	runErr := cmd.Run()
	lspLog, _ := os.ReadFile(filepath.Join(xdg, "cache", "nvim", "lsp.log"))
	raw, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatalf("nvim wrote no result (%v): %v\n%s\nlsp.log:\n%s", runErr, err, stderr.String(), lspLog)
	}
	type diag struct {
		Code, Message, Source, Href string
		Lnum, Col                   int
	}
	var res struct {
		Steps                             []string
		Error                             string
		Open, AfterFix, AfterEdit, Broken []diag
		Offered                           []struct{ Client, Title, Kind string }
		NewLine                           int    `json:"new_line"`
		FixedText                         string `json:"fixed_text"`
		ModifiedAfterFix                  bool   `json:"modified_after_fix"`
		Exits                             map[string]int
		GoplsAttached                     bool `json:"gopls_attached"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("result: %v\n%s", err, raw)
	}
	// vim.fn.json_encode spells the keys as the script does.
	var keys map[string]json.RawMessage
	json.Unmarshal(raw, &keys)
	for k, v := range map[string]*[]diag{"after_fix": &res.AfterFix, "after_edit": &res.AfterEdit} {
		json.Unmarshal(keys[k], v)
	}
	if res.Error != "" || runErr != nil {
		t.Fatalf("nvim: %s (%v); steps done: %v\nresult: %s\nstderr: %s\nlsp.log:\n%s", res.Error, runErr, res.Steps, raw, stderr.String(), lspLog)
	}
	t.Logf("steps: %v; quick fixes offered: %+v", res.Steps, res.Offered)

	byCode := map[string]diag{}
	for _, d := range res.Open {
		byCode[d.Code] = d
		if !citation.MatchString(d.Message) {
			t.Errorf("diagnostic without citation: %q", d.Message)
		}
		if !strings.HasPrefix(d.Href, "https://") || d.Source != "rtlint" {
			t.Errorf("diagnostic %s: href %q, source %q", d.Code, d.Href, d.Source)
		}
	}
	if d := byCode["lockthread"]; d.Lnum != 23 || d.Col != 1 || !strings.Contains(d.Href, "proc.go#L") {
		t.Errorf("lockthread diagnostic %+v, want line 24 col 2 linking to proc.go", d)
	}
	checkCitations(t, byCode["lockthread"].Message, "")
	for _, d := range res.AfterFix {
		if d.Code == "lockthread" {
			t.Errorf("lockthread diagnostic after the fix: %+v", d)
		}
	}
	found := false
	for _, d := range res.AfterEdit {
		found = found || (d.Code == "emptyselect" && d.Lnum == res.NewLine)
	}
	if !found {
		t.Errorf("no emptyselect diagnostic on the new line %d: %+v", res.NewLine, res.AfterEdit)
	}
	// The fix applied to the unsaved buffer: in place (after the lines
	// added above it, with the renamed parameter), and it builds.
	if !res.ModifiedAfterFix || !strings.Contains(res.FixedText, "func Pin(job func()) {\n\truntime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n\tjob()\n}") {
		t.Errorf("the fixed buffer (modified: %v):\n%s", res.ModifiedAfterFix, res.FixedText)
	}
	built := t.TempDir()
	copyDir(t, integrationDir(), built)
	os.WriteFile(filepath.Join(built, "findings", "findings.go"), []byte(res.FixedText), 0o644)
	build := exec.Command("go", "build", "./findings")
	build.Dir = built
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("go build of the fixed buffer: %v\n%s", err, out)
	}
	// Broken code while typing: every finding stays, stale, and one note
	// says why.
	notes, stale := 0, 0
	for _, d := range res.Broken {
		switch {
		case strings.HasPrefix(d.Message, "analysis paused until the package type-checks: "):
			notes++
		case strings.HasPrefix(d.Message, "(stale: package does not type-check) "):
			stale++
		default:
			t.Errorf("while broken: %+v", d)
		}
	}
	if notes != 1 || stale != len(res.AfterEdit) {
		t.Errorf("while broken: %d notes and %d stale findings, want 1 and %d: %+v", notes, stale, len(res.AfterEdit), res.Broken)
	}
	saved, _ := os.ReadFile(file)
	if !strings.Contains(string(saved), "runtime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n") || !strings.Contains(string(saved), "func Block() {\n\tselect {}\n}") {
		t.Errorf("saved file:\n%s", saved)
	}
	if code, ok := res.Exits["rtlint"]; !ok || code != 0 {
		t.Errorf("rtlint lsp exit code %v (present %v), want 0\nlsp.log:\n%s", code, ok, lspLog)
	}
	if gopls != "" && !res.GoplsAttached {
		t.Errorf("gopls did not stay attached beside rtlint")
	}
}

// TestLSPStdout runs `rtlint lsp -v` as a process and checks that every
// byte it writes to stdout is a well-formed protocol message (lsptest's
// reader ends the session on anything else), across a session that opens
// code with findings and breaks it, while -v logs to stderr.
func TestLSPStdout(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, integrationDir(), dir)
	p := startLSP(t, dir, "-debounce", "10ms", "-v")
	p.Initialize(false)
	uri := p.Open(filepath.Join(dir, "findings", "findings.go"), 1)
	p.WaitDiags(uri, 1, lsptest.Has("lockthread"))
	for v, text := range []string{"package findings\nfunc (\n", ""} {
		p.Change(uri, v+2, text)
		p.WaitDiags(uri, v+2, func([]lsptest.Diagnostic) bool { return true })
	}
	p.shutdown()
	if err := p.Ended(); err != nil {
		t.Errorf("stdout: %v", err)
	}
	if !slices.Contains(p.Methods(), "textDocument/publishDiagnostics") {
		t.Errorf("no diagnostics published; messages %q", p.Methods())
	}
	if !strings.Contains(p.stderr.String(), "analyzed ") {
		t.Errorf("-v logged nothing to stderr:\n%s", p.stderr)
	}
}
