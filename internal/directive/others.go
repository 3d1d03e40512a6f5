package directive

import (
	"go/ast"
	"go/token"
	"math"
	"path/filepath"
	"slices"
	"strings"
)

// Other tools' suppressions. A maintainer who has already dismissed a
// concern for golangci-lint or staticcheck should not have to say it again
// for rtlint:
//
//	//nolint:NAME or //nolint:rtlint    silences NAME (or every analyzer), like //rtlint:ignore
//	//nolint, //nolint:all              demotes every analyzer's findings to the review tier
//	//nolint:LINTER                     demotes the analyzers whose concern LINTER shares
//	//lint:ignore CHECK[,CHECK] reason  demotes the analyzers whose concern CHECK shares
//	//lint:file-ignore CHECK reason     the same for the whole file
//
// A demoted finding is shown only in review mode, as a review-tier
// observation. A suppression written for another tool says the author
// looked at that tool's concern; rtlint's finding may claim more (a link
// that breaks, a thread that is killed), so it stays available to a
// reviewer. Only a suppression that names rtlint or one of its analyzers
// silences outright.
//
// The lines covered follow each tool: a //nolint comment covers its own
// line and, when it is alone on its line, the whole syntax node that starts
// on the next line at the comment's column (golangci-lint's range
// expansion: a //nolint above a function covers the function); a
// //lint:ignore covers the line of the statement it is attached to, the
// first one after it when it is alone on its line (staticcheck's rule).

// An Effect is what other tools' suppressions do to a finding.
type Effect int

const (
	NoEffect Effect = iota
	Demote          // shown only in review mode, as a review-tier observation
	Silence         // never shown
)

// staticcheckOverlap maps staticcheck checks to the rtlint analyzers that
// report the same concern.
var staticcheckOverlap = map[string][]string{
	"SA5003": {"deferloop"},     // defers in infinite loops will never execute
	"SA9001": {"deferloop"},     // defers in range loops over channels may not run
	"SA1015": {"timeafter"},     // time.Tick leaks (before Go 1.23) outside main or endless functions
	"SA1019": {"unsaferuntime"}, // use of deprecated identifiers: reflect.SliceHeader, reflect.StringHeader
}

// linterOverlap maps golangci-lint linters (as //nolint names them) to the
// rtlint analyzers one of their checks overlaps.
var linterOverlap = map[string][]string{
	"gocritic":        {"deferloop"},                               // deferInLoop
	"revive":          {"deferloop"},                               // defer rule: loop
	"staticcheck":     {"deferloop", "timeafter", "unsaferuntime"}, // SA5003, SA9001, SA1015, SA1019
	"forcetypeassert": {"poolcache"},                               // an unchecked assertion of Get's result
}

// StaticcheckOverlap returns the rtlint analyzers whose concern a
// staticcheck check pattern ("SA9001", "SA*", as //lint:ignore accepts)
// shares.
func StaticcheckOverlap(pattern string) []string {
	var names []string
	for check, as := range staticcheckOverlap {
		if ok, _ := filepath.Match(strings.ToUpper(pattern), check); ok {
			names = append(names, as...)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// A span is the lines one suppression of another tool covers.
type span struct {
	from, to int      // inclusive
	names    []string // analyzers affected; nil for all
	effect   Effect
}

func (s span) covers(name string, line int) bool {
	return s.from <= line && line <= s.to && (s.names == nil || slices.Contains(s.names, name))
}

// ParseNolint parses a golangci-lint //nolint comment. linters lists the
// lower-cased linter names after "nolint:", nil for a bare //nolint. ok is
// false when the comment is not a //nolint directive. One space after the
// slashes is accepted, as golangci-lint v1 did and real code still writes.
func ParseNolint(text string) (linters []string, ok bool) {
	body, isLine := strings.CutPrefix(text, "//")
	if !isLine {
		return nil, false
	}
	body = strings.TrimPrefix(body, " ")
	rest, ok := strings.CutPrefix(body, "nolint")
	if !ok {
		return nil, false
	}
	switch {
	case rest == "" || rest[0] == ' ' || rest[0] == '\t':
		return nil, true
	case rest[0] != ':':
		return nil, false // nolintlint, nolinter
	}
	list := rest[1:]
	if i := strings.Index(list, "//"); i >= 0 {
		list = list[:i] // the reason
	}
	for _, l := range strings.Split(list, ",") {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		linters = append(linters, strings.ToLower(f[0]))
		if len(f) > 1 {
			break // "//nolint:foo because..." ends the list
		}
	}
	if len(linters) == 0 {
		return nil, true // "//nolint:" names nothing: golangci-lint reads it as bare
	}
	return linters, true
}

// nolintEffect returns what a //nolint naming linters does to each rtlint
// analyzer: the analyzers silenced and those demoted (nil slices with
// all=true meaning every analyzer).
func nolintEffect(linters []string, known func(string) bool) []span {
	if linters == nil {
		return []span{{effect: Demote}}
	}
	var silenced, demoted []string
	for _, l := range linters {
		switch {
		case l == "rtlint":
			return []span{{effect: Silence}}
		case l == "all":
			return []span{{effect: Demote}}
		case known != nil && known(l):
			silenced = append(silenced, l)
		default:
			demoted = append(demoted, linterOverlap[l]...)
		}
	}
	var out []span
	if len(silenced) > 0 {
		out = append(out, span{names: silenced, effect: Silence})
	}
	if len(demoted) > 0 {
		out = append(out, span{names: demoted, effect: Demote})
	}
	return out
}

// ParseLintIgnore parses a staticcheck //lint:ignore or //lint:file-ignore
// comment. It returns the rtlint analyzers whose concern the named checks
// share; ok is false for other comments, and for a directive without a
// reason, which staticcheck rejects.
func ParseLintIgnore(text string) (names []string, file, ok bool) {
	rest, isDir := strings.CutPrefix(text, "//lint:")
	if !isDir {
		return nil, false, false
	}
	fields := strings.Fields(rest)
	if len(fields) < 3 || fields[0] != "ignore" && fields[0] != "file-ignore" {
		return nil, false, false
	}
	for _, c := range strings.Split(fields[1], ",") {
		names = append(names, StaticcheckOverlap(c)...)
	}
	slices.Sort(names)
	return slices.Compact(names), fields[0] == "file-ignore", true
}

// indexOthers records the other tools' suppressions of one file.
func (idx *Index) indexOthers(fset *token.FileSet, f *ast.File, name string, known func(string) bool) {
	type pending struct {
		spans    []span
		line     int
		col      int
		nextNode bool // staticcheck: the line of the next statement
	}
	var todo []pending
	for _, group := range f.Comments {
		for _, c := range group.List {
			if !strings.Contains(c.Text, "nolint") && !strings.HasPrefix(c.Text, "//lint:") {
				continue
			}
			p := fset.Position(c.Pos())
			own := !codeBefore(fset, f, c.Pos(), p.Line)
			if linters, ok := ParseNolint(c.Text); ok {
				spans := nolintEffect(linters, known)
				for i := range spans {
					spans[i].from, spans[i].to = p.Line, p.Line
				}
				if own {
					todo = append(todo, pending{spans: spans, line: p.Line, col: p.Column})
				} else {
					idx.spans[name] = append(idx.spans[name], spans...)
				}
				continue
			}
			names, file, ok := ParseLintIgnore(c.Text)
			if !ok || len(names) == 0 {
				continue
			}
			s := span{names: names, effect: Demote, from: p.Line, to: p.Line}
			switch {
			case file:
				s.from, s.to = 0, math.MaxInt
				idx.spans[name] = append(idx.spans[name], s)
			case own:
				todo = append(todo, pending{spans: []span{s}, line: p.Line, col: p.Column, nextNode: true})
			default:
				idx.spans[name] = append(idx.spans[name], s)
			}
		}
	}
	if len(todo) == 0 {
		return
	}
	// Expand the own-line suppressions: one walk over the file.
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if _, ok := n.(*ast.CommentGroup); ok {
			return false
		}
		start := fset.Position(n.Pos())
		for i := range todo {
			t := &todo[i]
			if t.nextNode {
				// The first node after the comment, at any column.
				if start.Line > t.line && (t.spans[0].to == t.line || start.Line < t.spans[0].to) {
					t.spans[0].from, t.spans[0].to = start.Line, start.Line
				}
				continue
			}
			if start.Line == t.line+1 && start.Column == t.col {
				end := fset.Position(n.End()).Line
				for j := range t.spans {
					t.spans[j].to = max(t.spans[j].to, end)
				}
			}
		}
		return true
	})
	for _, t := range todo {
		idx.spans[name] = append(idx.spans[name], t.spans...)
	}
}

// Others returns what other tools' suppressions do to a finding of
// analyzer name at pos: the strongest effect of those covering it.
func (idx *Index) Others(name string, pos token.Pos) Effect {
	if idx == nil || !pos.IsValid() {
		return NoEffect
	}
	p := idx.fset.Position(pos)
	e := NoEffect
	for _, s := range idx.spans[p.Filename] {
		if s.covers(name, p.Line) {
			e = max(e, s.effect)
		}
	}
	return e
}

// Demoted reports whether a finding of analyzer name at pos belongs in the
// review tier because another tool's suppression covers it.
func (idx *Index) Demoted(name string, pos token.Pos) bool {
	return idx.Others(name, pos) == Demote
}
