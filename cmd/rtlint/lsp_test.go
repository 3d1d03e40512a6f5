package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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
	cmd.Env = append(os.Environ(),
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
		Steps                     []string
		Error                     string
		Open, AfterFix, AfterEdit []diag
		Offered                   []struct{ Client, Title, Kind string }
		NewLine                   int `json:"new_line"`
		Exits                     map[string]int
		GoplsAttached             bool `json:"gopls_attached"`
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
	if d := byCode["lockthread"]; d.Lnum != 24 || d.Col != 1 || !strings.Contains(d.Href, "proc.go#L") {
		t.Errorf("lockthread diagnostic %+v, want line 25 col 2 linking to proc.go", d)
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

// TestLSPStdout runs `rtlint lsp` as a process and checks that every byte
// it writes to stdout is a well-formed protocol message, across a session
// that opens code with findings and broken code.
func TestLSPStdout(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, integrationDir(), dir)
	cmd := exec.Command(rtlintBin, "lsp", "-debounce", "10ms", "-v")
	cmd.Dir = dir
	stdin, _ := cmd.StdinPipe()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	id := 0
	send := func(method string, params any, isRequest bool) {
		msg := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
		if isRequest {
			id++
			msg["id"] = id
		}
		b, _ := json.Marshal(msg)
		fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(b), b)
	}
	file := filepath.Join(dir, "findings", "findings.go")
	src, _ := os.ReadFile(file)
	uri := "file://" + filepath.ToSlash(file)
	send("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, true)
	send("initialized", map[string]any{}, false)
	send("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": string(src)}}, false)
	time.Sleep(3 * time.Second)
	send("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []any{map[string]any{"text": "package findings\nfunc (\n"}}}, false)
	time.Sleep(2 * time.Second)
	send("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3}, "contentChanges": []any{map[string]any{"text": ""}}}, false)
	time.Sleep(2 * time.Second)
	send("shutdown", nil, true)
	send("exit", nil, false)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("rtlint lsp: %v\n%s", err, stderr.String())
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("rtlint lsp did not exit\n%s", stderr.String())
	}

	// Parse stdout strictly as a sequence of framed JSON-RPC messages.
	r := bufio.NewReader(&stdout)
	var methods []string
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			break
		}
		n, ok := strings.CutPrefix(line, "Content-Length: ")
		if !ok || !strings.HasSuffix(n, "\r\n") {
			t.Fatalf("stdout has a non-protocol line %q\nstderr:\n%s", line, stderr.String())
		}
		if sep, _ := r.ReadString('\n'); sep != "\r\n" {
			t.Fatalf("header not ended by a blank line: %q", sep)
		}
		size, _ := strconv.Atoi(strings.TrimSuffix(n, "\r\n"))
		body := make([]byte, size)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatal(err)
		}
		var msg struct {
			JSONRPC string `json:"jsonrpc"`
			Method  string `json:"method"`
		}
		if err := json.Unmarshal(body, &msg); err != nil || msg.JSONRPC != "2.0" {
			t.Fatalf("bad message %q: %v", body, err)
		}
		methods = append(methods, msg.Method)
	}
	if !strings.Contains(strings.Join(methods, " "), "textDocument/publishDiagnostics") {
		t.Errorf("no diagnostics published; messages %q\nstderr:\n%s", methods, stderr.String())
	}
	if !strings.Contains(stderr.String(), "analyzed ") {
		t.Errorf("-v logged nothing to stderr:\n%s", stderr.String())
	}
}
