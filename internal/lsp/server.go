// Package lsp is rtlint's language server: it runs the rtlint analyzers on
// the packages of the files an editor has open, on open, change (debounced)
// and save, publishes their diagnostics (the citation in the message and,
// as codeDescription.href, the permalink of the cited Go source line) and
// offers their suggested fixes as quick-fix code actions.
//
// It speaks LSP 3.16 over one stream (stdio for `rtlint lsp`) and runs
// beside gopls: it provides nothing but diagnostics and their fixes. JSON-RPC
// framing and dispatch are github.com/sourcegraph/jsonrpc2; the protocol
// types and the method dispatch table are github.com/tliron/glsp's
// protocol_3_16 (without glsp's server, which logs through its own
// framework and writes to os.Stdout directly).
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/sourcegraph/jsonrpc2"
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

// Serve runs a server on the stream (in, out) until the client sends exit
// or closes the stream. It returns nil after an orderly shutdown and exit.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Debounce == 0 {
		opts.Debounce = 250 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{
		opts:      opts,
		analyzers: analysisutil.Safe(opts.Analyzers),
		log:       log.New(opts.Log, "rtlint lsp: ", log.LstdFlags|log.Lmsgprefix),
		docs:      map[string]*document{},
		published: map[string]map[string]bool{},
		results:   map[string]*fileResult{},
		pending:   map[string]time.Time{},
		wake:      make(chan struct{}, 1),
	}
	s.handler = protocol.Handler{
		Initialize:             s.initialize,
		Initialized:            func(*glsp.Context, *protocol.InitializedParams) error { return nil },
		Shutdown:               s.shutdownRequest,
		Exit:                   func(*glsp.Context) error { return nil },
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
	stream := jsonrpc2.NewBufferedStream(rwc{in, out}, jsonrpc2.VSCodeObjectCodec{})
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle).SuppressErrClosed(),
		jsonrpc2.SetLogger(s.log))
	s.conn = conn

	go s.loop(ctx)
	<-conn.DisconnectNotify()
	// Not waiting for an analysis in progress: the client wants us gone
	// (the go command it may be running is killed through ctx).
	cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.exited {
		return errors.New("the client closed the connection without exit")
	}
	if !s.shutdown {
		return errors.New("exit without shutdown")
	}
	return nil
}

type rwc struct {
	io.Reader
	io.Writer
}

func (rwc) Close() error { return nil }

type server struct {
	opts      Options
	analyzers []*analysis.Analyzer // opts.Analyzers, made safe from panics
	log       *log.Logger
	conn      *jsonrpc2.Conn
	handler   protocol.Handler

	mu         sync.Mutex
	docs       map[string]*document       // open documents by path
	published  map[string]map[string]bool // package dir -> paths with diagnostics
	results    map[string]*fileResult     // path -> the diagnostics published for it
	pending    map[string]time.Time       // package dir -> analyze not before
	wake       chan struct{}              // pending changed
	docChanges bool                       // client applies versioned documentChanges
	shutdown   bool                       // shutdown request received
	exited     bool                       // exit notification received

	roOnce sync.Once
	roDirs []string // GOROOT and GOMODCACHE, with a final separator
}

type document struct {
	uri     string // as the client spelled it
	version int32
	text    []byte
}

// fileResult is what was published for one file: the diagnostics, each
// with its fixes, computed on the document version given.
type fileResult struct {
	version int32 // -1 when computed from the file on disk
	diags   []published
}

type published struct {
	diag  protocol.Diagnostic
	fixes []fix
}

type fix struct {
	title    string
	edits    map[string][]protocol.TextEdit // path -> edits
	versions map[string]int32               // path -> document version edited (-1: file on disk)
}

// handle adapts glsp's dispatch table to jsonrpc2.
func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("panic handling %s: %v", req.Method, p)
			err = &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprint(p)}
		}
	}()
	gctx := &glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) { s.send(method, params) },
	}
	if req.Params != nil {
		gctx.Params = *req.Params
	}
	if req.Method == string(protocol.MethodExit) {
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		go conn.Close()
		return nil, nil
	}
	r, validMethod, validParams, err := s.handler.Handle(gctx)
	switch {
	case !validMethod:
		if req.Notif {
			return nil, nil // e.g. $/progress or a newer notification: ignore
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		msg := "invalid params"
		if err != nil {
			msg = err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		if req.Notif {
			s.log.Printf("%s: %v", req.Method, err)
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: err.Error()}
	}
	return r, nil
}

// send sends a notification to the client.
func (s *server) send(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("sending %s: %v", method, err)
	}
}

// logMessage logs msg here and in the client's log (window/logMessage).
func (s *server) logMessage(typ protocol.MessageType, msg string) {
	s.log.Print(msg)
	s.send(string(protocol.ServerWindowLogMessage), protocol.LogMessageParams{Type: typ, Message: "rtlint: " + msg})
}

func (s *server) initialize(_ *glsp.Context, p *protocol.InitializeParams) (any, error) {
	if ws := p.Capabilities.Workspace; ws != nil && ws.WorkspaceEdit != nil && ws.WorkspaceEdit.DocumentChanges != nil {
		s.mu.Lock()
		s.docChanges = *ws.WorkspaceEdit.DocumentChanges
		s.mu.Unlock()
	}
	sync := protocol.TextDocumentSyncKindFull
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

func (s *server) shutdownRequest(*glsp.Context) error {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	return nil
}

func (s *server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	if s.readOnly(path) {
		return nil // the standard library or a module download: not yours to fix
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = &document{uri: p.TextDocument.URI, version: int32(p.TextDocument.Version), text: []byte(p.TextDocument.Text)}
	s.scheduleLocked(filepath.Dir(path), 0, false)
	return nil
}

func (s *server) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil && s.readOnly(path) {
		return nil
	}
	if d == nil {
		return fmt.Errorf("didChange of %s, which is not open", p.TextDocument.URI)
	}
	text := d.text
	for _, c := range p.ContentChanges {
		if text, err = applyChange(text, c); err != nil {
			return fmt.Errorf("didChange of %s: %v", p.TextDocument.URI, err)
		}
	}
	d.text, d.version = text, int32(p.TextDocument.Version)
	s.scheduleLocked(filepath.Dir(path), s.opts.Debounce, true)
	return nil
}

func (s *server) didSave(_ *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[path]
	if d == nil {
		return nil // not open, or read-only
	}
	if p.Text != nil {
		d.text = []byte(*p.Text)
	}
	// Packages that import the saved one may see its change too.
	s.scheduleLocked(filepath.Dir(path), 0, false)
	for other := range s.docs {
		s.scheduleLocked(filepath.Dir(other), s.opts.Debounce, false)
	}
	return nil
}

func (s *server) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs[path] == nil {
		return nil
	}
	delete(s.docs, path)
	// Unsaved edits are gone: the file on disk is the truth again.
	s.scheduleLocked(filepath.Dir(path), 0, false)
	return nil
}

func (s *server) didChangeWatchedFiles(_ *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range p.Changes {
		if path, err := uriToPath(c.URI); err == nil {
			if _, ok := s.published[filepath.Dir(path)]; ok {
				s.scheduleLocked(filepath.Dir(path), s.opts.Debounce, false)
			}
		}
	}
	return nil
}

// readOnly reports whether path is in GOROOT or the module cache, whose
// files editors open when jumping to a definition: analyzing them would
// cost a load of the standard library and report what the user cannot
// change.
func (s *server) readOnly(path string) bool {
	s.roOnce.Do(func() {
		cmd := exec.Command("go", "env", "GOROOT", "GOMODCACHE")
		cmd.Env = s.opts.Env
		out, err := cmd.Output()
		if err != nil {
			s.log.Printf("go env: %v", err)
			return
		}
		for _, dir := range strings.Fields(string(out)) {
			s.roDirs = append(s.roDirs, filepath.Clean(dir)+string(filepath.Separator))
		}
	})
	for _, dir := range s.roDirs {
		if strings.HasPrefix(path, dir) {
			return true
		}
	}
	return false
}

// scheduleLocked asks for dir to be analyzed after delay. A change pushes
// a pending analysis back (debounce: typing defers it); otherwise an
// analysis already due sooner stays due.
func (s *server) scheduleLocked(dir string, delay time.Duration, change bool) {
	at := time.Now().Add(delay)
	if t, ok := s.pending[dir]; ok && !change && t.Before(at) {
		at = t
	}
	s.pending[dir] = at
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// loop analyzes pending packages, one at a time, until ctx is done.
func (s *server) loop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		s.mu.Lock()
		now := time.Now()
		var due string
		var next time.Time
		for dir, at := range s.pending {
			if !at.After(now) {
				if due == "" || dir < due {
					due = dir
				}
			} else if next.IsZero() || at.Before(next) {
				next = at
			}
		}
		var snap map[string]*document
		if due != "" {
			delete(s.pending, due)
			snap = make(map[string]*document, len(s.docs))
			for path, d := range s.docs {
				snap[path] = &document{uri: d.uri, version: d.version, text: d.text}
			}
		}
		s.mu.Unlock()

		if due != "" {
			s.analyze(ctx, due, snap)
			continue
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = time.Until(next)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-timer.C:
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

// marshal is json.Marshal for tests' and logs' use.
func marshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
