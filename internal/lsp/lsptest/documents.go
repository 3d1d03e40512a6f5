package lsptest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// URI returns the file: URI of an absolute path.
func URI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// Open opens the file at path with its content on disk and returns its URI.
func (c *Client) Open(path string, version int) string {
	c.t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.OpenText(path, version, string(text))
}

// OpenText opens the file at path with text as its content.
func (c *Client) OpenText(path string, version int, text string) string {
	c.t.Helper()
	uri := URI(path)
	c.Notify("textDocument/didOpen", protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "go", Version: protocol.Integer(version), Text: text,
	}})
	return uri
}

// Change replaces the whole text of a document.
func (c *Client) Change(uri string, version int, text string) {
	c.t.Helper()
	c.Notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(version)},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: text}},
	})
}

// Edit sends edits as incremental content changes, the way editors send
// typing.
func (c *Client) Edit(uri string, version int, edits ...protocol.TextEdit) {
	c.t.Helper()
	changes := make([]any, len(edits))
	for i, e := range edits {
		changes[i] = protocol.TextDocumentContentChangeEvent{Range: &e.Range, Text: e.NewText}
	}
	c.Notify("textDocument/didChange", protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(version)},
		ContentChanges: changes,
	})
}

// Save sends didSave.
func (c *Client) Save(uri string) {
	c.t.Helper()
	c.Notify("textDocument/didSave", protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
}

// Close sends didClose.
func (c *Client) Close(uri string) {
	c.t.Helper()
	c.Notify("textDocument/didClose", protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
}

// WaitDiags waits for a publication for uri with the given version (any
// version when negative) whose diagnostics satisfy ok, and returns them.
// Only publications that arrive after the previous WaitDiags for uri
// returned are considered.
func (c *Client) WaitDiags(uri string, version int, ok func([]Diagnostic) bool) []Diagnostic {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	var found []Diagnostic
	seen := 0
	c.wait(func() string {
		return fmt.Sprintf("diagnostics for %s version %d; got %s", uri, version, marshal(c.pubs[uri]))
	}, func() bool {
		for list := c.pubs[uri]; seen < len(list); seen++ {
			p := list[seen]
			if version >= 0 && (p.Version == nil || *p.Version != version) {
				continue
			}
			if ok(p.Diagnostics) {
				found = p.Diagnostics
				return true
			}
		}
		return false
	})
	return found
}

// Publications returns what was published for uri so far.
func (c *Client) Publications(uri string) []Publication {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.pubs[uri])
}

// Find returns the first diagnostic of the analyzer named code, or nil.
func Find(diags []Diagnostic, code string) *Diagnostic {
	for i, d := range diags {
		if d.Code == code {
			return &diags[i]
		}
	}
	return nil
}

// Has returns a WaitDiags condition: a diagnostic of each analyzer named.
func Has(codes ...string) func([]Diagnostic) bool {
	return func(diags []Diagnostic) bool {
		for _, c := range codes {
			if Find(diags, c) == nil {
				return false
			}
		}
		return true
	}
}

// CodeActions asks for the code actions at rng of uri.
func (c *Client) CodeActions(uri string, rng protocol.Range, diags ...Diagnostic) []protocol.CodeAction {
	c.t.Helper()
	ctx := map[string]any{"diagnostics": diags}
	if diags == nil {
		ctx["diagnostics"] = []any{}
	}
	var actions []protocol.CodeAction
	c.MustCall("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rng, "context": ctx,
	}, &actions)
	return actions
}

// DocumentEdit is one entry of a WorkspaceEdit's documentChanges.
type DocumentEdit struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version *int   `json:"version"`
	} `json:"textDocument"`
	Edits []protocol.TextEdit `json:"edits"`
}

// DocumentEdits decodes the documentChanges of an action's edit.
func DocumentEdits(a protocol.CodeAction) []DocumentEdit {
	if a.Edit == nil {
		return nil
	}
	raw, _ := json.Marshal(a.Edit.DocumentChanges)
	var out []DocumentEdit
	json.Unmarshal(raw, &out)
	return out
}

// ApplyEdits applies non-overlapping LSP edits (UTF-16 positions) to src,
// as an editor does.
func ApplyEdits(src string, edits []protocol.TextEdit) (string, error) {
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		s, err1 := Offset(src, e.Range.Start)
		en, err2 := Offset(src, e.Range.End)
		if err1 != nil || err2 != nil || en < s {
			return "", fmt.Errorf("bad edit %+v", e)
		}
		spans = append(spans, span{s, en, e.NewText})
	}
	slices.SortStableFunc(spans, func(a, b span) int { return a.start - b.start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return "", fmt.Errorf("overlapping edits %+v", edits)
		}
	}
	for i := len(spans) - 1; i >= 0; i-- {
		sp := spans[i]
		src = src[:sp.start] + sp.text + src[sp.end:]
	}
	return src, nil
}

// Offset converts an LSP position to a byte offset in src.
func Offset(src string, p protocol.Position) (int, error) {
	off := 0
	for range p.Line {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			return 0, fmt.Errorf("line %d is past the end", p.Line)
		}
		off += i + 1
	}
	for units := 0; off < len(src) && src[off] != '\n' && units < int(p.Character); {
		r, size := utf8.DecodeRuneInString(src[off:])
		units++
		if r >= 0x10000 {
			units++
		}
		off += size
	}
	return off, nil
}

func marshal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
