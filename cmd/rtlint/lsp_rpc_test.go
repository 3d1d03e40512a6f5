package main_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
)

// TestLSPMalformedInput sends `rtlint lsp` each kind of malformed message,
// each followed by a valid request, and checks that the malformed one gets
// the reply JSON-RPC 2.0 asks for (or none, for a frame that cannot be
// read) and that the valid one is answered: the session carries on, and
// ends cleanly.
func TestLSPMalformedInput(t *testing.T) {
	dir := sessionModule(t)
	p := startLSP(t, dir)
	p.Initialize(true)

	valid := `{"jsonrpc":"2.0","id":%d,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///nowhere.go"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[]}}}`
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	nulls := 0 // replies with a null id so far
	next := 1000
	for _, tc := range []struct {
		name string
		raw  string // bytes sent as they are
		code int    // the error code of the null-id reply it gets; 0 for none
	}{
		{"bad JSON in a well-framed message", frame(`{"jsonrpc":"2.0","id":1,"method":`), -32700},
		{"a number", frame(`42`), -32600},
		{"a string", frame(`"initialize"`), -32600},
		{"a batch", frame(`[{"jsonrpc":"2.0","id":7,"method":"shutdown"}]`), -32600},
		{"an empty batch", frame(`[]`), -32600},
		{"an object as id", frame(`{"jsonrpc":"2.0","id":{"n":1},"method":"shutdown"}`), -32600},
		{"an array as id", frame(`{"jsonrpc":"2.0","id":[1],"method":"shutdown"}`), -32600},
		{"a boolean as id", frame(`{"jsonrpc":"2.0","id":true,"method":"shutdown"}`), -32600},
		{"no Content-Length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + `{"jsonrpc":"2.0","id":8,"method":"shutdown"}`, 0},
		{"an unreadable Content-Length", "Content-Length: twelve\r\n\r\n" + `{"jsonrpc":"2.0","id":9,"method":"shutdown"}`, 0},
		{"a negative Content-Length", "Content-Length: -5\r\n\r\n" + `{"jsonrpc":"2.0","id":9,"method":"shutdown"}`, 0},
		{"a Content-Length too short", "Content-Length: 20\r\n\r\n" + `{"jsonrpc":"2.0","id":10,"method":"shutdown"}`, -32700},
		{"garbage without headers", "\x00\xff garbage {\"id\":11}\r\n\r\n", 0},
		{"a response nobody asked for", frame(`{"jsonrpc":"2.0","id":12,"result":null}`), 0},
		{"an unknown notification", frame(`{"jsonrpc":"2.0","method":"$/unknown","params":{}}`), 0},
	} {
		p.Raw([]byte(tc.raw))
		next++
		id := next
		p.Raw([]byte(frame(fmt.Sprintf(valid, id))))
		r := p.Await(json.RawMessage(fmt.Sprint(id)))
		if r.Error != nil || string(r.Result) != "[]" {
			t.Errorf("%s: then the valid request got %s %v", tc.name, r.Result, r.Error)
		}
		if tc.code != 0 {
			nulls++
			got := p.NullReplies(nulls)[nulls-1]
			if got.Error == nil || got.Error.Code != tc.code {
				t.Errorf("%s: reply %+v, want error %d with id null", tc.name, got, tc.code)
			}
		}
	}
	// A Content-Length that overstates the body runs into the next frame:
	// a parse error, and that frame is read again from its header.
	body := fmt.Sprintf(valid, 2001)
	p.Raw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body)+30, body) + frame(fmt.Sprintf(valid, 2002)) + frame(fmt.Sprintf(valid, 2003))))
	for _, id := range []string{"2002", "2003"} {
		if r := p.Await(json.RawMessage(id)); r.Error != nil {
			t.Errorf("request %s after an overstated Content-Length: %v", id, r.Error)
		}
	}
	nulls++
	if got := p.NullReplies(nulls)[nulls-1]; got.Error == nil || got.Error.Code != -32700 {
		t.Errorf("an overstated Content-Length: reply %+v, want -32700", got)
	}
	// Requests the server does not serve, and bad params, with their ids.
	for _, tc := range []struct {
		msg  string
		code int
	}{
		{`{"jsonrpc":"2.0","id":"h","method":"textDocument/hover","params":{}}`, -32601},
		{`{"jsonrpc":"2.0","id":3001,"method":"textDocument/codeAction","params":{"textDocument":5}}`, -32602},
		{`{"jsonrpc":"1.0","id":3002,"method":"shutdown"}`, -32600},
		{`{"jsonrpc":"2.0","id":3003,"method":"textDocument/codeAction","params":"x"}`, -32600},
	} {
		p.Raw([]byte(frame(tc.msg)))
		var m struct{ ID json.RawMessage }
		json.Unmarshal([]byte(tc.msg), &m)
		if r := p.Await(m.ID); r.Error == nil || r.Error.Code != tc.code {
			t.Errorf("%s: reply %+v, want error %d", tc.msg, r, tc.code)
		}
	}

	// The session still works: diagnostics, then an orderly end.
	uri := p.Open(filepath.Join(dir, "use", "use.go"), 1)
	p.WaitDiags(uri, 1, lsptest.Has("lockthread"))
	p.shutdown()
	for _, want := range []string{"skipping a bad frame", "Parse error", "Invalid Request"} {
		if !strings.Contains(p.stderr.String(), want) {
			t.Errorf("stderr does not log %q:\n%s", want, p.stderr)
		}
	}
}
