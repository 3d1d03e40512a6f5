// Package lsptest is a scripted LSP client for the tests of rtlint's
// language server. It frames JSON-RPC by hand over any stream (the
// stdin/stdout of an `rtlint lsp` process, or pipes to lsp.Serve), so that
// a test can send malformed bytes as readily as well-formed messages, and
// it records everything the server sends: replies by id,
// textDocument/publishDiagnostics by URI, window/logMessage. It reads the
// server's stream strictly: a byte that is not part of a well-formed frame
// ends the session with an error the waiting test reports.
package lsptest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Deadline bounds every wait. It only catches hangs: a loaded 2-core
// machine must never hit it.
const Deadline = 2 * time.Minute

// A Client is one end of an LSP session.
type Client struct {
	t testing.TB

	wmu sync.Mutex
	w   io.Writer

	mu      sync.Mutex
	cond    *sync.Cond
	next    int
	replies map[string]Reply // by the id's JSON text
	nulls   []Reply          // replies whose id is null
	pubs    map[string][]Publication
	logs    []string
	methods []string // of the server's notifications, in order
	ended   error    // why the server's stream ended, once it has
}

// Reply is a response from the server.
type Reply struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *Error          `json:"error"`
}

// Error is a JSON-RPC error object.
type Error struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s", e.Code, e.Message) }

// Publication is one textDocument/publishDiagnostics.
type Publication struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Diagnostic is an LSP diagnostic as the client decodes it (glsp's
// IntegerOrString cannot decode the code: its UnmarshalJSON has a value
// receiver).
type Diagnostic struct {
	Range           protocol.Range `json:"range"`
	Severity        int            `json:"severity"`
	Code            string         `json:"code"`
	Source          string         `json:"source"`
	Message         string         `json:"message"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
	Tags []int           `json:"tags"`
	Data json.RawMessage `json:"data"`
}

// New starts a client that reads the server's messages from r and writes
// its own to w.
func New(t testing.TB, r io.Reader, w io.Writer) *Client {
	c := &Client{t: t, w: w, replies: map[string]Reply{}, pubs: map[string][]Publication{}}
	c.cond = sync.NewCond(&c.mu)
	go c.read(r)
	return c
}

// read records the server's messages until its stream ends.
func (c *Client) read(r io.Reader) {
	br := bufio.NewReader(r)
	var err error
	for err == nil {
		var body []byte
		if body, err = readFrame(br); err == nil {
			err = c.record(body)
		}
	}
	c.mu.Lock()
	c.ended = err
	c.cond.Broadcast()
	c.mu.Unlock()
}

// readFrame reads one frame strictly: a Content-Length header (and
// optionally a Content-Type), a blank line, the body.
func readFrame(r *bufio.Reader) ([]byte, error) {
	size := -1
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" && size < 0 {
			return nil, io.EOF
		}
		if err != nil {
			return nil, fmt.Errorf("reading a header: %v (got %q)", err, line)
		}
		if !strings.HasSuffix(line, "\r\n") {
			return nil, fmt.Errorf("header line %q does not end in CRLF", line)
		}
		line = strings.TrimSuffix(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ": ")
		switch {
		case ok && name == "Content-Length":
			if size, err = strconv.Atoi(value); err != nil || size < 0 {
				return nil, fmt.Errorf("bad header %q", line)
			}
		case ok && name == "Content-Type":
		default:
			return nil, fmt.Errorf("the server wrote %q where a header belongs", line)
		}
	}
	if size < 0 {
		return nil, fmt.Errorf("a frame without Content-Length")
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("reading a body of %d bytes: %v", size, err)
	}
	return body, nil
}

func (c *Client) record(body []byte) error {
	var msg struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Method  string          `json:"method"`
		Params  json.RawMessage `json:"params"`
		Result  json.RawMessage `json:"result"`
		Error   *Error          `json:"error"`
	}
	if err := json.Unmarshal(body, &msg); err != nil || msg.JSONRPC != "2.0" {
		return fmt.Errorf("the server wrote a malformed message %q (%v)", body, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.cond.Broadcast()
	switch {
	case msg.Method != "" && msg.ID == nil:
		c.methods = append(c.methods, msg.Method)
		switch msg.Method {
		case "textDocument/publishDiagnostics":
			var p Publication
			if err := json.Unmarshal(msg.Params, &p); err != nil {
				return fmt.Errorf("bad publishDiagnostics %s: %v", msg.Params, err)
			}
			c.pubs[p.URI] = append(c.pubs[p.URI], p)
		case "window/logMessage":
			var p protocol.LogMessageParams
			json.Unmarshal(msg.Params, &p)
			c.logs = append(c.logs, p.Message)
		}
	case msg.Method != "":
		return fmt.Errorf("the server sent a request, which this client does not expect: %s", body)
	case msg.Result == nil && msg.Error == nil:
		return fmt.Errorf("a reply with neither result nor error: %s", body)
	case string(msg.ID) == "null":
		c.nulls = append(c.nulls, Reply{msg.ID, msg.Result, msg.Error})
	default:
		c.replies[string(msg.ID)] = Reply{msg.ID, msg.Result, msg.Error}
	}
	return nil
}

// Raw writes b to the server as it is.
func (c *Client) Raw(b []byte) {
	c.t.Helper()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := c.w.Write(b); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

// Frame writes body framed with its Content-Length.
func (c *Client) Frame(body []byte) {
	c.t.Helper()
	c.Raw(append([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body))), body...))
}

// Send writes msg, marshaled, in a frame.
func (c *Client) Send(msg any) {
	c.t.Helper()
	b, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.Frame(b)
}

// Request sends a request and returns its id, without waiting.
func (c *Client) Request(method string, params any) json.RawMessage {
	c.t.Helper()
	c.mu.Lock()
	c.next++
	id := json.RawMessage(strconv.Itoa(c.next))
	c.mu.Unlock()
	msg := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	c.Send(msg)
	return id
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) {
	c.t.Helper()
	msg := map[string]any{"jsonrpc": "2.0", "method": method}
	if params != nil {
		msg["params"] = params
	}
	c.Send(msg)
}

// wait waits, with c.mu held, until done reports true, and fails the test
// with what describes the wait after Deadline or when the stream ended.
func (c *Client) wait(what func() string, done func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(Deadline)
	timer := time.AfterFunc(Deadline, func() { c.mu.Lock(); c.cond.Broadcast(); c.mu.Unlock() })
	defer timer.Stop()
	for !done() {
		if c.ended != nil {
			c.t.Fatalf("the server's stream ended (%v) while waiting for %s; log: %q", c.ended, what(), c.logs)
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %s; log: %q", what(), c.logs)
		}
		c.cond.Wait()
	}
}

// Await waits for the reply to request id.
func (c *Client) Await(id json.RawMessage) Reply {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wait(func() string { return "the reply to request " + string(id) }, func() bool {
		_, ok := c.replies[string(id)]
		return ok
	})
	return c.replies[string(id)]
}

// Call sends a request, waits for its reply and decodes its result into
// result (unless nil). An error reply is returned as an *Error.
func (c *Client) Call(method string, params, result any) error {
	c.t.Helper()
	r := c.Await(c.Request(method, params))
	if r.Error != nil {
		return r.Error
	}
	if result != nil {
		if err := json.Unmarshal(r.Result, result); err != nil {
			c.t.Fatalf("%s: decoding the result %s: %v", method, r.Result, err)
		}
	}
	return nil
}

// MustCall is Call failing the test on an error reply.
func (c *Client) MustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.Call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// NullReplies waits for n replies with a null id in all and returns them.
func (c *Client) NullReplies(n int) []Reply {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wait(func() string { return fmt.Sprintf("%d replies with id null (have %d)", n, len(c.nulls)) },
		func() bool { return len(c.nulls) >= n })
	return append([]Reply(nil), c.nulls...)
}

// Initialize runs the initialize handshake; documentChanges is the
// client's workspace.workspaceEdit.documentChanges capability.
func (c *Client) Initialize(documentChanges bool) protocol.InitializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": documentChanges}},
	}}
	var res protocol.InitializeResult
	c.MustCall("initialize", params, &res)
	c.Notify("initialized", struct{}{})
	return res
}

// Shutdown sends the shutdown request and the exit notification.
func (c *Client) Shutdown() {
	c.t.Helper()
	c.MustCall("shutdown", nil, nil)
	c.Notify("exit", nil)
}

// Ended waits for the server's stream to end and returns why: nil after a
// clean end (EOF between frames).
func (c *Client) Ended() error {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	deadline := time.Now().Add(Deadline)
	timer := time.AfterFunc(Deadline, func() { c.mu.Lock(); c.cond.Broadcast(); c.mu.Unlock() })
	defer timer.Stop()
	for c.ended == nil {
		if time.Now().After(deadline) {
			c.t.Fatalf("the server's stream did not end")
		}
		c.cond.Wait()
	}
	if c.ended == io.EOF {
		return nil
	}
	return c.ended
}

// Methods returns the methods of the notifications received so far.
func (c *Client) Methods() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.methods...)
}

// Logs returns the window/logMessage texts received so far.
func (c *Client) Logs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.logs...)
}
