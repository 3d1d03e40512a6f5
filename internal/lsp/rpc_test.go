package lsp

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestParseMessage(t *testing.T) {
	for _, tc := range []struct {
		body   string
		code   int    // 0: valid, or ignored when method is empty
		id     string // the id replied to
		method string
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"shutdown"}`, 0, "", "shutdown"},
		{`{"jsonrpc":"2.0","id":"a","method":"x","params":[1]}`, 0, "", "x"},
		{`{"jsonrpc":"2.0","method":"initialized","params":null}`, 0, "", "initialized"},
		{`{"jsonrpc":"2.0","id":7,"result":null}`, 0, "", ""}, // a response: ignored
		{`{"jsonrpc":"2.0","id":1,"method":"x"`, codeParseError, "null", ""},
		{`not json`, codeParseError, "null", ""},
		{``, codeParseError, "null", ""},
		{`[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]`, codeInvalidRequest, "null", ""},
		{`[]`, codeInvalidRequest, "null", ""},
		{`42`, codeInvalidRequest, "null", ""},
		{`"x"`, codeInvalidRequest, "null", ""},
		{`null`, codeInvalidRequest, "null", ""},
		{`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`, codeInvalidRequest, "null", ""},
		{`{"jsonrpc":"2.0","id":[1],"method":"shutdown"}`, codeInvalidRequest, "null", ""},
		{`{"jsonrpc":"2.0","id":true,"method":"shutdown"}`, codeInvalidRequest, "null", ""},
		{`{"jsonrpc":"2.0","id":null,"method":"shutdown"}`, codeInvalidRequest, "null", ""},
		{`{"jsonrpc":"1.0","id":3,"method":"shutdown"}`, codeInvalidRequest, "3", ""},
		{`{"id":3,"method":"shutdown"}`, codeInvalidRequest, "3", ""},
		{`{"jsonrpc":"2.0","id":3,"method":5}`, codeInvalidRequest, "3", ""},
		{`{"jsonrpc":"2.0","id":3}`, codeInvalidRequest, "3", ""},
		{`{"jsonrpc":"2.0","id":3,"method":"x","params":"s"}`, codeInvalidRequest, "3", ""},
	} {
		req, id, rerr := parseMessage([]byte(tc.body))
		switch {
		case tc.code == 0 && tc.method == "":
			if req != nil || rerr != nil {
				t.Errorf("%s: %+v %v, want it ignored", tc.body, req, rerr)
			}
		case tc.code == 0:
			if rerr != nil || req == nil || req.method != tc.method {
				t.Errorf("%s: %+v %v", tc.body, req, rerr)
			}
		default:
			if rerr == nil || rerr.Code != tc.code || string(id) != tc.id {
				t.Errorf("%s: error %v for id %s, want %d for id %s", tc.body, rerr, id, tc.code, tc.id)
			}
		}
	}
}

// TestFrameReader: bad frames are skipped and the reader finds the next
// good one.
func TestFrameReader(t *testing.T) {
	good := func(s string) string { return "Content-Length: " + itoa(len(s)) + "\r\n\r\n" + s }
	stream := strings.Join([]string{
		good(`{"a":1}`),
		"Content-Length: 5\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{\"b\":",
		"Content-Type: x\r\n\r\n{\"no length\":1}",                        // no Content-Length
		"Content-Length: abc\r\n\r\n{\"bad length\":1}",                   // unreadable
		"garbage garbage\r\n{more garbage}" + good(`{"c":3}`),             // junk, then a frame on the same line
		"content-length: 7\n\n{\"d\":4}",                                  // LF only, lower case
		"Content-Length: 999999999999\r\n\r\n" + strings.Repeat("x", 100), // over the limit, and the stream ends
	}, "")
	var logs []string
	fr := newFrameReader(strings.NewReader(stream), func(f string, args ...any) { logs = append(logs, f) })
	var got []string
	for {
		body, err := fr.next()
		if err != nil {
			if !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
				t.Errorf("the stream ended with %v", err)
			}
			break
		}
		got = append(got, string(body))
	}
	want := []string{`{"a":1}`, `{"b":`, `{"c":3}`, `{"d":4}`}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("bodies %q, want %q; log %q", got, want, logs)
	}
	if len(logs) < 3 {
		t.Errorf("skipped frames not logged: %q", logs)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
