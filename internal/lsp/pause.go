package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/packages"
)

// A package that does not type-check (typing mid-token, an imported
// package whose API changed) or that is not analyzed (a file over the size
// limit) keeps the findings of its last good analysis, marked stale, and
// gets one diagnostic saying why analysis is paused: findings that vanish
// and come back as the user types are worse than findings a few
// keystrokes old.

// pause says why a package's findings could not be computed.
type pause struct {
	reason string // for the stale marker
	note   string // the message of the diagnostic saying why
	path   string // the file of the package the note is at; "" for the top of its open documents
	line   int    // 1-based; 0 for the top
	col    int    // 1-based byte column
}

// pauseFor returns why the package in dir cannot be analyzed now, or nil.
func (s *server) pauseFor(dir string, roots []*packages.Package, src *sources) *pause {
	if len(src.tooLarge) > 0 {
		names := make([]string, 0, len(src.tooLarge))
		for name := range src.tooLarge {
			names = append(names, name)
		}
		slices.Sort(names)
		// The note goes on every open document of the package: the
		// user is looking at those, not at the large file.
		return &pause{
			reason: "package not analyzed",
			note: fmt.Sprintf("package not analyzed: %s holds %s tokens of Go besides its constant tables, above rtlint's limit of %s per file; rtlint's findings are stale meanwhile",
				filepath.Base(names[0]), millions(src.tooLarge[names[0]]), millions(maxTokens)),
		}
	}
	e, path, line, col, ok := firstError(dir, roots)
	if !ok {
		return nil
	}
	p := &pause{reason: "package does not type-check"}
	if path != "" && filepath.Dir(path) == dir && line > 0 {
		p.path, p.line, p.col = path, line, col
		p.note = "analysis paused until the package type-checks: " + e.Msg
	} else {
		p.note = "analysis paused until the package type-checks: " + strings.TrimPrefix(e.Error(), "-: ")
	}
	if e.Kind == packages.ListError && line == 0 {
		p.reason = "package does not load"
		p.note = "analysis paused until the package loads: " + strings.TrimPrefix(e.Error(), "-: ")
	}
	p.note += "; rtlint's findings are stale meanwhile"
	return p
}

// firstError picks the error of roots to show: the first parse or type
// error in a file of dir, else the first error positioned in dir, else
// the first parse or type error, else the first error; with its position.
// (The go command's errors come first in a package's list, and may name
// its temporary copies of the editor's files.)
func firstError(dir string, roots []*packages.Package) (e packages.Error, path string, line, col int, ok bool) {
	best := -1
	for _, root := range roots {
		for _, err := range root.Errors {
			p, l, c := splitPos(err.Pos)
			if p != "" && !filepath.IsAbs(p) {
				p = filepath.Join(dir, p) // the go command's, relative to where it ran
			}
			rank := 3
			switch inDir, typed := filepath.Dir(p) == dir && l > 0, err.Kind != packages.ListError; {
			case inDir && typed:
				rank = 0
			case inDir:
				rank = 1
			case typed:
				rank = 2
			}
			if best < 0 || rank < best {
				best, e, path, line, col, ok = rank, err, p, l, c, true
			}
		}
	}
	return e, path, line, col, ok
}

// splitPos splits a packages.Error position, "file:line:col", "file:line",
// "file" or "" ("-" when unknown).
func splitPos(pos string) (path string, line, col int) {
	if pos == "" || pos == "-" {
		return "", 0, 0
	}
	rest := pos
	var nums []int
	for len(nums) < 2 {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		rest = rest[:i]
	}
	switch len(nums) {
	case 2:
		line, col = nums[0], nums[1]
	case 1:
		line, col = nums[0], 1
	}
	return filepath.Clean(rest), line, col
}

// diagnostic is the note of a pause, in a file whose text is text.
func (p *pause) diagnostic(text []byte) published {
	sev := protocol.DiagnosticSeverityInformation
	var at protocol.Position
	if p.line > 0 {
		if start := lineStart(text, p.line-1); start >= 0 {
			off := start + p.col - 1
			if end := start + len(firstLineBytes(text[start:])); off > end {
				off = end
			}
			at = positionOf(text, off)
		}
	}
	return published{diag: protocol.Diagnostic{
		Range:    protocol.Range{Start: at, End: at},
		Severity: &sev,
		Source:   ptr("rtlint"),
		Message:  p.note,
	}}
}

// staleMarker prefixes the message of a stale finding.
func staleMarker(reason string) string { return "(stale: " + reason + ") " }

// stale returns the last good findings of a file, marked stale, placed on
// the lines of text (the file now) that hold the text of the lines they
// were found on, nearest first; where that line is gone, they stay where
// they were.
func stale(good []published, text []byte, reason string) []published {
	if len(good) == 0 {
		return nil
	}
	starts := lineStarts(text)
	out := make([]published, 0, len(good))
	for _, g := range good {
		d := g.diag
		from := int(d.Range.Start.Line)
		to, ok := findLine(text, starts, g.anchor, from)
		if !ok {
			to = min(from, len(starts)-1)
		}
		d.Range.Start.Line = protocol.UInteger(to)
		d.Range.End.Line = protocol.UInteger(max(int(d.Range.End.Line)+to-from, to))
		d.Message = staleMarker(reason) + d.Message
		d.Data = nil // no fixes: they were computed on other text
		out = append(out, published{diag: d, anchor: g.anchor})
	}
	return out
}

// lineStarts returns the offset of each line of text.
func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// findLine returns the line nearest to near whose text is anchor (as
// lineAt keeps it).
func findLine(text []byte, starts []int, anchor string, near int) (int, bool) {
	for k := 0; near-k >= 0 || near+k < len(starts); k++ {
		for _, l := range []int{near - k, near + k} {
			if l >= 0 && l < len(starts) && firstLineIs(text[starts[l]:], anchor) {
				return l, true
			}
		}
	}
	return 0, false
}

// firstLineIs reports whether firstLine(src) == anchor, without copying.
func firstLineIs(src []byte, anchor string) bool {
	if len(src) < len(anchor) || string(src[:len(anchor)]) != anchor {
		return false
	}
	return len(anchor) == maxAnchor || len(src) == len(anchor) || src[len(anchor)] == '\n'
}

func firstLineBytes(src []byte) []byte {
	for i, c := range src {
		if c == '\n' {
			return src[:i]
		}
	}
	return src
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
