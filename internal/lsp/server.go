// Package lsp is rtlint's language server: it runs the rtlint analyzers on
// the packages of the files an editor has open, on open, change (debounced)
// and save, publishes their diagnostics (the citation in the message and,
// as codeDescription.href, the permalink of the cited Go source line) and
// offers their suggested fixes, computed from the editor's text, as
// quick-fix code actions. While a package does not type-check its last
// good findings stay, marked stale, with one diagnostic saying why
// analysis is paused.
//
// It speaks LSP 3.16 over one stream (stdio for `rtlint lsp`) and runs
// beside gopls: it provides nothing but diagnostics and their fixes. The
// protocol types and the method dispatch table are github.com/tliron/glsp's
// protocol_3_16; framing and JSON-RPC are this package's own (framing.go,
// rpc.go), so that a malformed message gets an error reply instead of
// ending the session.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"time"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"
)

// Options configure a server.
type Options struct {
	// Analyzers to run (normally suite.Analyzers()).
	Analyzers []*analysis.Analyzer
	// Debounce is how long after the last change of a document its
	// package is analyzed; 250ms when zero. Open and save analyze at once.
	Debounce time.Duration
	// BuildFlags are passed to the go command that loads packages
	// (-tags=...).
	BuildFlags []string
	// SkipTests leaves test files out always (-test=false); otherwise a
	// package's tests are analyzed while one of its test files is open.
	SkipTests bool
	// Log receives the server's own log (never the protocol stream);
	// os.Stderr when nil.
	Log io.Writer
	// Env is the environment of the go command that loads packages;
	// the process's when nil.
	Env []string
	// Version is reported in serverInfo.
	Version string
	// Verbose logs each analysis and its duration.
	Verbose bool
}

// Session states.
const (
	stateNew      = iota // before initialize
	stateRunning         // initialized
	stateShutdown        // shutdown received
)

type server struct {
	opts    Options
	log     *log.Logger
	out     *writer
	handler protocol.Handler
	stop    context.CancelFunc // ends the analysis loop

	mu         sync.Mutex
	state      int
	docChanges bool                       // client applies versioned documentChanges
	docs       map[string]*document       // open documents by path
	files      map[string]*fileState      // path -> what was published, the last good findings
	published  map[string]map[string]bool // package dir -> paths with diagnostics
	deps       map[string]map[string]bool // package dir -> dirs of the packages it imports
	pending    map[string]time.Time       // package dir -> analyze not before
	wake       chan struct{}              // pending changed
	logged     map[string]string          // path -> the last size-limit notice logged
	tables     *tableCache                // where the constant tables of large files are

	roOnce sync.Once
	roDirs []string // GOROOT and GOMODCACHE, with a final separator
}

// Serve runs a server on the stream (in, out) until the client sends exit,
// closes the stream, or ctx is done. It returns nil after an orderly
// shutdown and exit.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Debounce == 0 {
		opts.Debounce = 250 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	s := &server{
		opts:      opts,
		log:       log.New(opts.Log, "rtlint lsp: ", log.LstdFlags|log.Lmsgprefix),
		out:       &writer{w: out},
		docs:      map[string]*document{},
		files:     map[string]*fileState{},
		published: map[string]map[string]bool{},
		deps:      map[string]map[string]bool{},
		pending:   map[string]time.Time{},
		wake:      make(chan struct{}, 1),
		logged:    map[string]string{},
		tables:    newTableCache(),
	}
	s.handler = protocol.Handler{
		Initialize:             s.initialize,
		Initialized:            func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:               s.shutdownRequest,
		SetTrace:               func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		CancelRequest:          func(*glsp.Context, *protocol.CancelParams) error { return nil },
		TextDocumentDidOpen:    s.didOpen,
		TextDocumentDidChange:  s.didChange,
		TextDocumentDidSave:    s.didSave,
		TextDocumentDidClose:   s.didClose,
		TextDocumentCodeAction: s.codeAction,
		WorkspaceDidChangeConfiguration: func(*glsp.Context, *protocol.DidChangeConfigurationParams) error {
			return nil
		},
		WorkspaceDidChangeWatchedFiles: s.didChangeWatchedFiles,
	}
	loopCtx, stop := context.WithCancel(ctx)
	s.stop = stop
	loopDone := make(chan struct{})
	go func() {
		s.loop(loopCtx)
		close(loopDone)
	}()
	readDone := make(chan error, 1)
	go func() { readDone <- s.read(in) }()
	var err error
	select {
	case err = <-readDone:
	case <-ctx.Done():
		err = ctx.Err()
	}
	// An analysis in progress stops at its next check of the context (the
	// go command it may be running is killed).
	stop()
	<-loopDone
	return err
}

// read reads and serves messages until exit or the end of the stream.
func (s *server) read(in io.Reader) error {
	fr := newFrameReader(in, s.log.Printf)
	for {
		body, err := fr.next()
		if errors.Is(err, errOversize) {
			s.reply(null, nil, &rpcError{codeInvalidRequest, "Invalid Request: " + err.Error()})
			continue
		}
		if err == io.EOF {
			return errors.New("the client closed the connection without exit")
		}
		if err != nil {
			return fmt.Errorf("reading from the client: %v", err)
		}
		req, id, rerr := parseMessage(body)
		if rerr != nil && rerr.Code == codeParseError {
			if i := indexFold(body, marker); i > 0 {
				// The Content-Length overstated the body, which ran
				// into the next frame: read that frame again.
				fr.reframe(body[i:])
			}
		}
		switch {
		case rerr != nil:
			s.log.Printf("%s; the message: %.200q", rerr.Message, body)
			s.reply(id, nil, rerr)
		case req == nil:
			s.log.Printf("ignoring a response; this server sends no requests: %.200q", body)
		case req.method == string(protocol.MethodExit):
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.state != stateShutdown {
				return errors.New("exit without shutdown")
			}
			return nil
		default:
			s.dispatch(req)
		}
	}
}

// dispatch serves one request or notification, in order of arrival.
func (s *server) dispatch(req *request) {
	isRequest := req.id != nil
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	var rerr *rpcError
	switch {
	case state == stateNew && req.method != string(protocol.MethodInitialize):
		rerr = &rpcError{codeNotInitialized, "the server is not initialized"}
	case state != stateNew && req.method == string(protocol.MethodInitialize):
		rerr = &rpcError{codeInvalidRequest, "Invalid Request: initialize was already received"}
	case state == stateShutdown:
		rerr = &rpcError{codeInvalidRequest, "Invalid Request: the server is shutting down"}
	}
	var result any
	if rerr == nil {
		result, rerr = s.call(req)
	}
	switch {
	case isRequest:
		s.reply(req.id, result, rerr)
	case rerr != nil && rerr.Code != codeMethodNotFound && rerr.Code != codeNotInitialized:
		s.log.Printf("%s: %s", req.method, rerr.Message)
	}
}

// call runs the handler of a method.
func (s *server) call(req *request) (result any, rerr *rpcError) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("panic handling %s: %v", req.method, p)
			rerr = &rpcError{codeInternalError, fmt.Sprintf("Internal error: %v", p)}
		}
	}()
	gctx := &glsp.Context{Method: req.method, Params: req.params, Notify: s.send}
	r, validMethod, validParams, err := s.handler.Handle(gctx)
	switch {
	case !validMethod:
		return nil, &rpcError{codeMethodNotFound, "Method not found: " + req.method}
	case !validParams:
		msg := "Invalid params"
		if err != nil {
			msg += ": " + err.Error()
		}
		return nil, &rpcError{codeInvalidParams, msg}
	case err != nil:
		return nil, &rpcError{codeInternalError, err.Error()}
	}
	return r, nil
}

func (s *server) reply(id json.RawMessage, result any, rerr *rpcError) {
	if err := s.out.reply(id, result, rerr); err != nil {
		s.log.Printf("replying: %v", err)
	}
}

// send sends a notification to the client.
func (s *server) send(method string, params any) {
	if err := s.out.notify(method, params); err != nil {
		s.log.Printf("sending %s: %v", method, err)
	}
}

// logMessage logs msg here and in the client's log (window/logMessage).
func (s *server) logMessage(typ protocol.MessageType, msg string) {
	s.log.Print(msg)
	s.send(string(protocol.ServerWindowLogMessage), protocol.LogMessageParams{Type: typ, Message: "rtlint: " + msg})
}

func (s *server) initialize(_ *glsp.Context, p *protocol.InitializeParams) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ws := p.Capabilities.Workspace; ws != nil && ws.WorkspaceEdit != nil && ws.WorkspaceEdit.DocumentChanges != nil {
		s.docChanges = *ws.WorkspaceEdit.DocumentChanges
	}
	s.state = stateRunning
	// Incremental: a keystroke in a large file sends the keystroke, not
	// the file.
	sync := protocol.TextDocumentSyncKindIncremental
	result := protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{
				OpenClose: ptr(true),
				Change:    &sync,
				Save:      protocol.SaveOptions{IncludeText: ptr(false)},
			},
			CodeActionProvider: protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix},
			},
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "rtlint"},
	}
	if s.opts.Version != "" {
		result.ServerInfo.Version = &s.opts.Version
	}
	return result, nil
}

// shutdownRequest stops analyzing: the client wants nothing more.
func (s *server) shutdownRequest(*glsp.Context) error {
	s.mu.Lock()
	s.state = stateShutdown
	s.mu.Unlock()
	s.stop()
	return nil
}

func ptr[T any](v T) *T { return &v }

// marshal is json.Marshal for tests' and logs' use.
func marshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
