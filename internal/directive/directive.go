// Package directive parses rtlint's suppression comments:
//
//	//rtlint:ignore NAME[,NAME] reason     the flagged line or the line below
//	//rtlint:file-ignore NAME[,NAME] reason the whole file
//
// A directive must give a reason; one without, one naming an unknown
// analyzer, or one written with a space after the slashes is malformed and
// does not suppress anything.
//
// It also reads other tools' suppressions (others.go): golangci-lint's
// //nolint and staticcheck's //lint:ignore silence a finding when they name
// rtlint or the analyzer, and demote it to the review tier when they name
// another tool's check of the same concern.
package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"honnef.co/go/tools/analysis/facts/generated"
)

// Kind tells what a directive silences.
type Kind int

const (
	Line Kind = iota + 1 // //rtlint:ignore: the comment's line and the next
	File                 // //rtlint:file-ignore: the whole file
)

// A Directive is one well-formed suppression comment.
type Directive struct {
	Kind   Kind
	Names  []string
	Reason string
	Pos    token.Pos
	Line   int
	// OwnLine is true when nothing but the comment is on its line, so that
	// it also covers the line below.
	OwnLine bool
}

// A Problem is a malformed directive, with a message saying how to fix it.
type Problem struct {
	Pos, End token.Pos
	Message  string
}

const (
	prefix     = "rtlint:"
	ignoreVerb = "ignore"
	fileVerb   = "file-ignore"
)

// Parse parses the text of one comment ("//rtlint:ignore x reason").
// ok is false when the comment is not meant as an rtlint directive at all.
// A non-nil err describes a malformed directive; d then holds what could be
// parsed (the valid names of a directive that also names unknown ones).
func Parse(text string, known func(string) bool) (d Directive, ok bool, err error) {
	body, isLine := strings.CutPrefix(text, "//")
	if !isLine {
		return d, false, nil
	}
	if trimmed := strings.TrimLeft(body, " \t"); trimmed != body &&
		(strings.HasPrefix(trimmed, prefix+ignoreVerb) || strings.HasPrefix(trimmed, prefix+fileVerb)) {
		return d, true, fmt.Errorf("rtlint directive has a space after //, so it is ignored; write //%s", strings.Fields(trimmed)[0])
	}
	rest, isDirective := strings.CutPrefix(body, prefix)
	if !isDirective {
		return d, false, nil
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return d, true, fmt.Errorf("empty rtlint directive; write //rtlint:ignore NAME[,NAME] reason")
	}
	switch fields[0] {
	case ignoreVerb:
		d.Kind = Line
	case fileVerb:
		d.Kind = File
	default:
		return Directive{}, true, fmt.Errorf("unknown rtlint directive %q; want //rtlint:ignore or //rtlint:file-ignore", fields[0])
	}
	if len(fields) < 2 {
		return Directive{}, true, fmt.Errorf("//rtlint:%s names no analyzer; write //rtlint:%s NAME[,NAME] reason", fields[0], fields[0])
	}
	var unknown []string
	for _, name := range strings.Split(fields[1], ",") {
		switch {
		case name == "":
			return Directive{}, true, fmt.Errorf("//rtlint:%s has an empty analyzer name in %q", fields[0], fields[1])
		case known != nil && !known(name):
			unknown = append(unknown, name)
		case !slices.Contains(d.Names, name):
			d.Names = append(d.Names, name)
		}
	}
	d.Reason = strings.Join(fields[2:], " ")
	if len(unknown) > 0 {
		if len(d.Names) == 0 {
			d = Directive{}
		}
		return d, true, fmt.Errorf("//rtlint:%s names unknown analyzer %s; it silences nothing for that name", fields[0], strings.Join(unknown, ", "))
	}
	if d.Reason == "" {
		return Directive{}, true, fmt.Errorf("//rtlint:%s %s gives no reason; say why the finding does not apply, it is the reviewer's record", fields[0], fields[1])
	}
	return d, true, nil
}

// An Index holds a package's directives, for fast suppression queries.
type Index struct {
	// Review is set in review mode (-review): review-tier observations
	// are reported as well as findings.
	Review bool
	// Generated maps the name of each generated file of the package (as
	// written, not as //line directives map it) to its generator, as
	// staticcheck's generated-file detection found it.
	Generated map[string]generated.Generator

	fset     *token.FileSet
	lines    map[string]map[int][]Directive // filename -> line -> directives
	files    map[string][]Directive         // filename -> file directives
	spans    map[string][]span              // filename -> other tools' suppressions
	Problems []Problem
}

// NewIndex parses the rtlint directives in files. known reports whether an
// analyzer name exists.
func NewIndex(fset *token.FileSet, files []*ast.File, known func(string) bool) *Index {
	idx := &Index{fset: fset, lines: map[string]map[int][]Directive{}, files: map[string][]Directive{}, spans: map[string][]span{}}
	for _, f := range files {
		tf := fset.File(f.FileStart) // f.Pos() is NoPos without a package clause
		if tf == nil {
			continue
		}
		name := tf.Name()
		idx.indexOthers(fset, f, name, known)
		for _, group := range f.Comments {
			for _, c := range group.List {
				if !strings.Contains(c.Text, prefix) {
					continue
				}
				d, ok, err := Parse(c.Text, known)
				if !ok {
					continue
				}
				if err != nil {
					idx.Problems = append(idx.Problems, Problem{Pos: c.Pos(), End: c.End(), Message: err.Error()})
					if d.Reason == "" || len(d.Names) == 0 {
						continue
					}
				}
				d.Pos = c.Pos()
				d.Line = fset.Position(c.Pos()).Line
				d.OwnLine = d.Kind == Line && !codeBefore(fset, f, c.Pos(), d.Line)
				switch d.Kind {
				case File:
					idx.files[name] = append(idx.files[name], d)
				case Line:
					m := idx.lines[name]
					if m == nil {
						m = map[int][]Directive{}
						idx.lines[name] = m
					}
					m[d.Line] = append(m[d.Line], d)
				}
			}
		}
	}
	return idx
}

// Suppressed reports whether a diagnostic of analyzer name at pos is
// dropped: silenced by a file directive, a line directive on its line or on
// the line above, or another tool's suppression that names rtlint or the
// analyzer; or, outside review mode, demoted by another tool's suppression
// of the same concern (see Others).
func (idx *Index) Suppressed(name string, pos token.Pos) bool {
	if idx == nil || !pos.IsValid() {
		return false
	}
	switch idx.Others(name, pos) {
	case Silence:
		return true
	case Demote:
		if !idx.Review {
			return true
		}
	}
	p := idx.fset.Position(pos)
	for _, d := range idx.files[p.Filename] {
		if slices.Contains(d.Names, name) {
			return true
		}
	}
	m := idx.lines[p.Filename]
	for _, d := range m[p.Line] {
		if slices.Contains(d.Names, name) {
			return true
		}
	}
	for _, d := range m[p.Line-1] {
		if d.OwnLine && slices.Contains(d.Names, name) {
			return true
		}
	}
	return false
}

// codeBefore reports whether some syntax ends on line before pos: the
// comment at pos then trails code and belongs to that line alone.
func codeBefore(fset *token.FileSet, f *ast.File, pos token.Pos, line int) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if _, isComment := n.(*ast.CommentGroup); isComment {
			return false
		}
		if fset.Position(n.Pos()).Line > line || fset.Position(n.End()).Line < line {
			return false // the subtree does not touch the line
		}
		if n.End() <= pos && fset.Position(n.End()).Line == line {
			found = true
			return false
		}
		return true
	})
	return found
}
