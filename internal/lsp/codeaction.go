package lsp

import (
	"slices"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// codeAction offers the suggested fixes of the diagnostics in the requested
// range as quick fixes, as long as the documents they edit are still the
// versions that were analyzed.
func (s *server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	actions := []protocol.CodeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k protocol.CodeActionKind) bool {
		return k == protocol.CodeActionKindQuickFix || k == protocol.CodeActionKindEmpty
	}) {
		return actions, nil
	}
	path, err := uriToPath(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	res := s.files[path]
	if res == nil || res.version != s.versionLocked(path) {
		return actions, nil
	}
	for _, pd := range res.diags {
		if !overlaps(pd.diag.Range, p.Range) && !slices.ContainsFunc(p.Context.Diagnostics, func(d protocol.Diagnostic) bool {
			return d.Message == pd.diag.Message && d.Range == pd.diag.Range
		}) {
			continue
		}
		for _, f := range pd.fixes {
			edit, ok := s.workspaceEditLocked(f)
			if !ok {
				continue
			}
			kind := protocol.CodeActionKindQuickFix
			actions = append(actions, protocol.CodeAction{
				Title:       f.title,
				Kind:        &kind,
				Diagnostics: []protocol.Diagnostic{pd.diag},
				IsPreferred: ptr(len(pd.fixes) == 1),
				Edit:        edit,
			})
		}
	}
	return actions, nil
}

// versionLocked is the version of the open document at path, -1 if it is
// not open.
func (s *server) versionLocked(path string) int32 {
	if d := s.docs[path]; d != nil {
		return d.version
	}
	return -1
}

// workspaceEditLocked renders f's edits, versioned when the client can
// check versions; false when a document it edits changed since.
func (s *server) workspaceEditLocked(f fix) (*protocol.WorkspaceEdit, bool) {
	paths := make([]string, 0, len(f.edits))
	for path := range f.edits {
		if f.versions[path] != s.versionLocked(path) {
			return nil, false
		}
		paths = append(paths, path)
	}
	slices.Sort(paths)
	edit := &protocol.WorkspaceEdit{}
	for _, path := range paths {
		uri := pathToURI(path)
		if d := s.docs[path]; d != nil {
			uri = d.uri
		}
		if s.docChanges {
			var version *protocol.Integer
			if v := f.versions[path]; v >= 0 {
				version = ptr(protocol.Integer(v))
			}
			edits := make([]any, len(f.edits[path]))
			for i, e := range f.edits[path] {
				edits[i] = e
			}
			edit.DocumentChanges = append(edit.DocumentChanges, protocol.TextDocumentEdit{
				TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
					TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri},
					Version:                version,
				},
				Edits: edits,
			})
			continue
		}
		if edit.Changes == nil {
			edit.Changes = map[protocol.DocumentUri][]protocol.TextEdit{}
		}
		edit.Changes[uri] = f.edits[path]
	}
	return edit, true
}

// overlaps reports whether ranges a and b share a position (an empty range
// at a's edge counts, as a cursor on the diagnostic does).
func overlaps(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(p, q protocol.Position) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Character < q.Character)
}
