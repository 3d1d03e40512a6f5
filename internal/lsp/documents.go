package lsp

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// document is an open document: the one copy of its text the server
// keeps. Analysis snapshots share the text; an edit while it is shared
// makes a new copy, otherwise it is made in place.
type document struct {
	uri     string // as the client spelled it
	version int32
	text    []byte
	shared  bool // text is in a snapshot being analyzed
}

// edit replaces text[start:end] with s.
func (d *document) edit(start, end int, s string) {
	n := len(d.text) - (end - start) + len(s)
	if d.shared || n > cap(d.text) {
		out := make([]byte, n, n+n/16)
		copy(out, d.text[:start])
		copy(out[start:], s)
		copy(out[start+len(s):], d.text[end:])
		d.text, d.shared = out, false
		return
	}
	old := d.text
	d.text = d.text[:n]
	copy(d.text[start+len(s):], old[end:])
	copy(d.text[start:], s)
}

// applyChange applies one content change: the whole text, or a range
// edit.
func (d *document) applyChange(change any) error {
	switch c := change.(type) {
	case protocol.TextDocumentContentChangeEventWhole:
		d.text, d.shared = []byte(c.Text), false
		return nil
	case protocol.TextDocumentContentChangeEvent:
		if c.Range == nil {
			d.text, d.shared = []byte(c.Text), false
			return nil
		}
		start, err := offsetOf(d.text, c.Range.Start)
		if err != nil {
			return err
		}
		end, err := offsetOf(d.text, c.Range.End)
		if err != nil {
			return err
		}
		if end < start {
			return fmt.Errorf("change range ends before it starts")
		}
		d.edit(start, end, c.Text)
		return nil
	}
	return fmt.Errorf("unknown content change %T", change)
}

// sameText reports whether two texts are the same bytes in memory.
func sameText(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
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
	for _, c := range p.ContentChanges {
		if err := d.applyChange(c); err != nil {
			// The document is now out of step with the editor: the
			// next full change or reopening mends it.
			return fmt.Errorf("didChange of %s: %v", p.TextDocument.URI, err)
		}
	}
	d.version = int32(p.TextDocument.Version)
	dir := filepath.Dir(path)
	s.scheduleLocked(dir, s.opts.Debounce, true)
	s.scheduleImportersLocked(dir, s.opts.Debounce, true)
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
		d.text, d.shared = []byte(*p.Text), false
	}
	dir := filepath.Dir(path)
	s.scheduleLocked(dir, 0, false)
	s.scheduleImportersLocked(dir, s.opts.Debounce, false)
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
	dir := filepath.Dir(path)
	s.scheduleLocked(dir, 0, false)
	s.scheduleImportersLocked(dir, s.opts.Debounce, false)
	return nil
}

func (s *server) didChangeWatchedFiles(_ *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range p.Changes {
		if path, err := uriToPath(c.URI); err == nil {
			dir := filepath.Dir(path)
			if _, ok := s.published[dir]; ok {
				s.scheduleLocked(dir, s.opts.Debounce, false)
			}
			s.scheduleImportersLocked(dir, s.opts.Debounce, false)
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
