package lsp

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// fileState is what the server knows of one file: what it last published
// (code actions offer the fixes of that) and the findings of the last
// analysis of its package that type-checked, which stand in, stale, while
// the package does not.
type fileState struct {
	version int32 // of the document published for; -1: the file on disk
	diags   []published
	good    []published
}

// publish publishes the outcome of an analysis of dir for every file of
// dir whose document did not change since snap was taken (a newer
// analysis is pending for those).
func (s *server) publish(dir string, snap map[string]*document, out *outcome) {
	var params []protocol.PublishDiagnosticsParams
	s.mu.Lock()
	if out.deps != nil {
		s.deps[dir] = out.deps
	}
	s.logNoticesLocked(out)
	// Test files that were not analyzed keep what they had.
	untouched := func(path string) bool { return !out.tests && strings.HasSuffix(path, "_test.go") }
	files := map[string]bool{}
	for path := range out.fresh {
		files[path] = true
	}
	now := map[string]bool{}
	for path := range s.published[dir] {
		if untouched(path) {
			now[path] = true
		} else {
			files[path] = true
		}
	}
	for path, st := range s.files {
		if filepath.Dir(path) == dir && out.paused != nil && len(st.good) > 0 && !untouched(path) {
			files[path] = true
		}
	}
	noteAt := map[string]bool{}
	anyOpen := false
	for path := range s.docs {
		if filepath.Dir(path) == dir {
			anyOpen = true
			files[path] = true
			noteAt[path] = out.paused != nil && out.paused.path == ""
		}
	}
	if out.paused != nil && out.paused.path != "" {
		noteAt[out.paused.path], files[out.paused.path] = true, true
	}
	for path := range files {
		doc, then := s.docs[path], snap[path]
		if (doc == nil) != (then == nil) || (doc != nil && doc.version != then.version) {
			// Opened, closed or edited since the snapshot: a newer
			// analysis is pending and will publish for it.
			if s.published[dir][path] {
				now[path] = true
			}
			continue
		}
		st := s.files[path]
		if st == nil {
			st = &fileState{}
			s.files[path] = st
		}
		var diags []published
		if out.paused == nil {
			diags = out.fresh[path]
			st.good = diags
		} else {
			diags = stale(st.good, out.text.of(path), out.paused.reason)
			if noteAt[path] {
				diags = append(diags, out.paused.diagnostic(out.text.of(path)))
			}
		}
		if slices.Contains(out.ignored, path) {
			diags = append(diags, excludedNote())
		}
		st.diags, st.version = diags, -1
		p := protocol.PublishDiagnosticsParams{URI: pathToURI(path), Diagnostics: []protocol.Diagnostic{}}
		if doc != nil {
			st.version = doc.version
			p.URI = doc.uri
			p.Version = ptr(protocol.UInteger(doc.version))
		}
		for _, pd := range diags {
			p.Diagnostics = append(p.Diagnostics, pd.diag)
		}
		if len(diags) > 0 {
			now[path] = true
		} else if doc == nil && len(st.good) == 0 {
			delete(s.files, path)
		}
		params = append(params, p)
	}
	s.published[dir] = now
	if len(now) == 0 && !anyOpen {
		// Nothing open, nothing shown: no reason to analyze it again
		// when a package it imports changes.
		delete(s.deps, dir)
	}
	s.mu.Unlock()

	slices.SortFunc(params, func(a, b protocol.PublishDiagnosticsParams) int { return cmp.Compare(a.URI, b.URI) })
	for _, p := range params {
		s.send(string(protocol.ServerTextDocumentPublishDiagnostics), p)
	}
}

// excludedNote is the diagnostic of an open document the build excludes.
func excludedNote() published {
	sev := protocol.DiagnosticSeverityInformation
	return published{diag: protocol.Diagnostic{
		Severity: &sev,
		Source:   ptr("rtlint"),
		Message:  "file not analyzed: its build constraints exclude it from the build (start rtlint lsp with -tags to include it)",
	}}
}

// logNoticesLocked logs, once per file and size, that a large file was
// analyzed with its constant tables compacted.
func (s *server) logNoticesLocked(out *outcome) {
	for path, tables := range out.compacted {
		notice := fmt.Sprintf("%s: a %s file, analyzed with %d constant table(s) of %d or more elements compacted (same types and lengths, values left out)",
			path, sizeMB(len(out.text.of(path))), tables, minTableElems)
		if s.logged[path] != notice {
			s.logged[path] = notice
			s.log.Print(notice)
		}
	}
}
