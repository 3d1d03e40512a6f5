package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
)

// JSON-RPC 2.0 over the base protocol's frames, written for this server
// rather than taken from github.com/sourcegraph/jsonrpc2, which ends the
// session on the first message it cannot decode (bad JSON, a batch, an
// object as id) and cannot be told otherwise. Here every well-framed
// message gets the reply the JSON-RPC 2.0 specification asks for and the
// session carries on:
//
//	not JSON                              -32700 Parse error, id null
//	not an object, a batch (array)        -32600 Invalid Request, id null
//	id neither a string nor a number      -32600, id null
//	no "jsonrpc": "2.0", no string method,
//	params neither object nor array       -32600, with the id when valid
//	a request for a method not served     -32601 Method not found
//	params a method cannot decode         -32602 Invalid params
//	a handler's failure                   -32603 Internal error
//
// A notification never gets a reply: one for a method not served is
// ignored, as are responses (this server sends no requests).

// JSON-RPC and LSP error codes.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
	codeNotInitialized = -32002
)

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// request is a valid message for the server: a request (id set) or a
// notification.
type request struct {
	id     json.RawMessage // nil for a notification
	method string
	params json.RawMessage // "null" when absent
}

var null = json.RawMessage("null")

// parseMessage validates a frame's body. It returns the request, or the
// error to reply with and the id to reply to (null when the id is absent
// or invalid), or neither for a message to ignore (a response).
func parseMessage(body []byte) (req *request, id json.RawMessage, rerr *rpcError) {
	var env struct {
		JSONRPC json.RawMessage `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Method  json.RawMessage `json:"method"`
		Params  json.RawMessage `json:"params"`
		Result  json.RawMessage `json:"result"`
		Error   json.RawMessage `json:"error"`
	}
	err := json.Unmarshal(body, &env)
	var syntax *json.SyntaxError
	switch trimmed := bytes.TrimSpace(body); {
	case errors.As(err, &syntax) || len(trimmed) == 0:
		return nil, null, &rpcError{codeParseError, "Parse error: the message is not JSON"}
	case trimmed[0] == '[':
		return nil, null, &rpcError{codeInvalidRequest, "Invalid Request: batches are not part of the Language Server Protocol; send one message per frame"}
	case trimmed[0] != '{' || err != nil:
		return nil, null, &rpcError{codeInvalidRequest, "Invalid Request: a message must be a JSON object"}
	}
	if env.ID != nil {
		if !validID(env.ID) {
			return nil, null, &rpcError{codeInvalidRequest, "Invalid Request: the id must be an integer or a string"}
		}
		id = env.ID
	}
	reply := id
	if reply == nil {
		reply = null
	}
	if string(env.JSONRPC) != `"2.0"` {
		return nil, reply, &rpcError{codeInvalidRequest, `Invalid Request: "jsonrpc" must be "2.0"`}
	}
	if env.Method == nil {
		if env.Result != nil || env.Error != nil {
			return nil, nil, nil // a response: this server sends no requests
		}
		return nil, reply, &rpcError{codeInvalidRequest, "Invalid Request: no method"}
	}
	req = &request{id: id, params: env.Params}
	if err := json.Unmarshal(env.Method, &req.method); err != nil {
		return nil, reply, &rpcError{codeInvalidRequest, "Invalid Request: the method must be a string"}
	}
	switch {
	case req.params == nil || string(req.params) == "null":
		req.params = null
	case req.params[0] != '{' && req.params[0] != '[':
		return nil, reply, &rpcError{codeInvalidRequest, "Invalid Request: params must be an object or an array"}
	}
	return req, nil, nil
}

// validID reports whether an id is a string or a number (LSP: integer or
// string; JSON-RPC also allows numbers with fractions, which it
// discourages, and null, which LSP does not).
func validID(id json.RawMessage) bool {
	switch id[0] {
	case '"':
		return true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		_, err := strconv.ParseFloat(string(id), 64)
		return err == nil
	}
	return false
}

// writer writes framed messages; replies and notifications come from
// different goroutines.
type writer struct {
	mu     sync.Mutex
	w      io.Writer
	failed error // the first write error: the client is gone
}

func (w *writer) write(msg any) error {
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	frame := make([]byte, 0, len(body)+32)
	frame = fmt.Appendf(frame, "Content-Length: %d\r\n\r\n", len(body))
	frame = append(frame, body...)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.failed != nil {
		return w.failed
	}
	if _, err := w.w.Write(frame); err != nil {
		w.failed = err
		return err
	}
	return nil
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// reply sends the response to request id: result, or rerr when not nil.
func (w *writer) reply(id json.RawMessage, result any, rerr *rpcError) error {
	r := response{JSONRPC: "2.0", ID: id, Error: rerr}
	if rerr == nil {
		b, err := json.Marshal(result)
		if err != nil {
			r.Error = &rpcError{codeInternalError, "cannot encode the result: " + err.Error()}
		} else {
			r.Result = b
		}
	}
	return w.write(r)
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

func (w *writer) notify(method string, params any) error {
	return w.write(notification{"2.0", method, params})
}
