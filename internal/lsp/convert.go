package lsp

import (
	"bytes"
	"cmp"
	"go/token"
	"os"
	"path/filepath"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/report"
)

// published is one diagnostic as published, with its fixes and the text
// of the line it starts on (which places it again, stale, in a later
// version of the file).
type published struct {
	diag   protocol.Diagnostic
	fixes  []fix
	anchor string
}

type fix struct {
	title    string
	edits    map[string][]protocol.TextEdit // path -> edits
	versions map[string]int32               // path -> document version edited (-1: file on disk)
}

// contents gives the text the positions of a diagnostic refer to: the open
// document as analyzed, else the file on disk.
type contents struct {
	snap map[string]*document
	disk map[string][]byte
}

func (c *contents) of(path string) []byte {
	if d, ok := c.snap[path]; ok {
		return d.text
	}
	b, ok := c.disk[path]
	if !ok {
		b, _ = os.ReadFile(path)
		c.disk[path] = b
	}
	return b
}

func (c *contents) lspRange(fset *token.FileSet, pos, end token.Pos) (string, protocol.Range) {
	p := fset.Position(pos)
	e := p
	if end.IsValid() && end >= pos {
		e = fset.Position(end)
	}
	path := filepath.Clean(p.Filename)
	src := c.of(path)
	return path, protocol.Range{Start: positionOf(src, p.Offset), End: positionOf(src, e.Offset)}
}

// convert turns an analysis diagnostic into an LSP one with its fixes.
// Review-tier observations are Information, findings Warning. Fixes that
// edit a compacted file (whose text analyzers saw only in part) are
// dropped.
func (c *contents) convert(fset *token.FileSet, a *analysis.Analyzer, d analysis.Diagnostic, compacted map[string]int) published {
	path, rng := c.lspRange(fset, d.Pos, d.End)
	sev := protocol.DiagnosticSeverityWarning
	if report.TierOf(d) == report.Review {
		sev = protocol.DiagnosticSeverityInformation
	}
	diag := protocol.Diagnostic{
		Range:    rng,
		Severity: &sev,
		Code:     &protocol.IntegerOrString{Value: a.Name},
		Source:   ptr("rtlint"),
		Message:  d.Message,
	}
	// The citation's permalink; an analyzer's own page for findings
	// without one (malformed directives).
	if href := cmp.Or(d.URL, a.URL); href != "" {
		diag.CodeDescription = &protocol.CodeDescription{HRef: href}
	}
	pd := published{diag: diag, anchor: lineAt(c.of(path), fset.Position(d.Pos).Offset)}
	for _, sf := range d.SuggestedFixes {
		f := fix{title: sf.Message, edits: map[string][]protocol.TextEdit{}, versions: map[string]int32{}}
		usable := true
		for _, e := range sf.TextEdits {
			path, r := c.lspRange(fset, e.Pos, e.End)
			if compacted[path] > 0 {
				usable = false
				break
			}
			f.edits[path] = append(f.edits[path], protocol.TextEdit{Range: r, NewText: string(e.NewText)})
			f.versions[path] = -1
			if d, ok := c.snap[path]; ok {
				f.versions[path] = d.version
			}
		}
		if usable && len(f.edits) > 0 {
			pd.fixes = append(pd.fixes, f)
		}
	}
	if len(pd.fixes) > 0 {
		pd.diag.Data = map[string]int{"fixes": len(pd.fixes)}
	}
	return pd
}

// maxAnchor bounds the line text kept to place a stale diagnostic.
const maxAnchor = 256

// lineAt returns the text of the line holding offset, at most maxAnchor
// bytes of it.
func lineAt(src []byte, offset int) string {
	offset = min(max(offset, 0), len(src))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return firstLine(src[start:])
}

// firstLine returns the text of src up to its first newline, at most
// maxAnchor bytes of it.
func firstLine(src []byte) string {
	if end := bytes.IndexByte(src, '\n'); end >= 0 {
		src = src[:end]
	}
	return string(src[:min(len(src), maxAnchor)])
}
