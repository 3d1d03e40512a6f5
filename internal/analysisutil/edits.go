package analysisutil

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// Fix text edits. A suggested fix is built from the file's own text, so
// that it keeps the author's spelling and comments; every helper here
// refuses (ok false) rather than guess when the text is not laid out as
// gofmt would lay it out.

// A Source is the text of one analyzed file.
type Source struct {
	File *token.File
	Text []byte
}

// ReadSource returns the text of the file holding pos. ok is false when
// it cannot be read or differs from the file that was parsed.
func ReadSource(pass *analysis.Pass, pos token.Pos) (*Source, bool) {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil, false
	}
	text, err := ReadFile(pass, tf.Name())
	if err != nil || len(text) != tf.Size() {
		return nil, false
	}
	return &Source{File: tf, Text: text}, true
}

// Of returns the source text of n.
func (src *Source) Of(n ast.Node) string {
	return string(src.Text[src.File.Offset(n.Pos()):src.File.Offset(n.End())])
}

// LineStart returns the start of n's line and its indentation, and false
// when something other than blanks precedes n on its line.
func (src *Source) LineStart(n ast.Node) (token.Pos, string, bool) {
	start := src.File.LineStart(src.File.Line(n.Pos()))
	a, b := src.File.Offset(start), src.File.Offset(n.Pos())
	for _, c := range src.Text[a:b] {
		if c != ' ' && c != '\t' {
			return 0, "", false
		}
	}
	return start, string(src.Text[a:b]), true
}

// InsertAfter returns an edit that puts text on a new line after stmt,
// with stmt's indentation, after any comment that ends stmt's line; or,
// when code follows stmt on its line, right after stmt as "; text".
func (src *Source) InsertAfter(stmt ast.Stmt, text string) analysis.TextEdit {
	end := src.File.Offset(stmt.End())
	nl := bytes.IndexByte(src.Text[end:], '\n')
	if nl < 0 {
		nl = len(src.Text) - end
	}
	rest := bytes.TrimSpace(src.Text[end : end+nl])
	if len(rest) > 0 && !bytes.HasPrefix(rest, []byte("//")) {
		return analysis.TextEdit{Pos: stmt.End(), End: stmt.End(), NewText: []byte("; " + text)}
	}
	start := src.File.Offset(src.File.LineStart(src.File.Line(stmt.Pos())))
	indent := start
	for indent < len(src.Text) && (src.Text[indent] == ' ' || src.Text[indent] == '\t') {
		indent++
	}
	pos := src.File.Pos(end + nl)
	return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte("\n" + string(src.Text[start:indent]) + text)}
}

// DeleteLines deletes n together with its lines; ok is false unless n has
// its lines to itself.
func (src *Source) DeleteLines(n ast.Node) (analysis.TextEdit, bool) {
	start, end := src.File.Offset(n.Pos()), src.File.Offset(n.End())
	ls := bytes.LastIndexByte(src.Text[:start], '\n') + 1
	le := bytes.IndexByte(src.Text[end:], '\n')
	if le < 0 || len(bytes.TrimSpace(src.Text[ls:start])) != 0 || len(bytes.TrimSpace(src.Text[end:end+le])) != 0 {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: src.File.Pos(ls), End: src.File.Pos(end + le + 1)}, true
}

// Comments returns the comments of file inside [from, to), each on its
// own line indented like the code at from, so that replacing the range
// does not lose them.
func (src *Source) Comments(file *ast.File, from, to token.Pos) []byte {
	start := src.File.Offset(from)
	indent := src.Text[bytes.LastIndexByte(src.Text[:start], '\n')+1 : start]
	var out []byte
	for _, cg := range file.Comments {
		if cg.Pos() < from || cg.End() > to {
			continue
		}
		for _, c := range cg.List {
			if len(out) > 0 {
				out = append(out, indent...)
			}
			out = append(out, c.Text...)
			out = append(out, '\n')
		}
	}
	if len(out) > 0 {
		out = append(out, indent...)
	}
	return out
}

// WrapBlock returns the edits that move the statements of block into
// "open ... close" on lines of their own, one tab deeper: the moved lines
// are indented one more tab, except lines inside raw strings, which would
// change their value. ok is false when the block is not gofmt-formatted
// (its braces on one line, or code before the closing brace).
func (src *Source) WrapBlock(block *ast.BlockStmt, open, close string) ([]analysis.TextEdit, bool) {
	tf := src.File
	first, last := tf.Line(block.Lbrace), tf.Line(block.Rbrace)
	if first == last {
		return nil, false
	}
	closeLine := tf.LineStart(last)
	indent := src.Text[tf.Offset(closeLine):tf.Offset(block.Rbrace)]
	for _, b := range indent {
		if b != ' ' && b != '\t' {
			return nil, false
		}
	}
	inner := string(indent) + "\t"
	edits := []analysis.TextEdit{{Pos: block.Lbrace + 1, End: block.Lbrace + 1, NewText: []byte("\n" + inner + open)}}
	raw := map[int]bool{}
	ast.Inspect(block, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && lit.Value[0] == '`' {
			for l := tf.Line(lit.Pos()) + 1; l <= tf.Line(lit.End()); l++ {
				raw[l] = true
			}
		}
		return true
	})
	for l := first + 1; l < last; l++ {
		start := tf.LineStart(l)
		off := tf.Offset(start)
		if raw[l] || off >= len(src.Text) || src.Text[off] == '\n' {
			continue
		}
		edits = append(edits, analysis.TextEdit{Pos: start, End: start, NewText: []byte("\t")})
	}
	edits = append(edits, analysis.TextEdit{Pos: closeLine, End: closeLine, NewText: []byte(inner + close + "\n")})
	return edits, true
}

// DropImport returns the edit that deletes file's import of path when the
// edits remove every use of it, and nil otherwise (also for a blank or dot
// import, which has no uses to count).
func DropImport(pass *analysis.Pass, src *Source, file *ast.File, path string, edits []analysis.TextEdit) []analysis.TextEdit {
	var spec *ast.ImportSpec
	for _, imp := range file.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == path {
			spec = imp
		}
	}
	if spec == nil || spec.Name != nil && (spec.Name.Name == "_" || spec.Name.Name == ".") {
		return nil
	}
	for id, obj := range pass.TypesInfo.Uses {
		pn, ok := obj.(*types.PkgName)
		if !ok || pn.Imported().Path() != path || id.Pos() < file.FileStart || id.Pos() > file.FileEnd {
			continue
		}
		inside := false
		for _, e := range edits {
			inside = inside || (e.Pos <= id.Pos() && id.End() <= e.End)
		}
		if !inside {
			return nil
		}
	}
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			if s != spec {
				continue
			}
			var del analysis.TextEdit
			if len(gd.Specs) == 1 {
				del, ok = src.DeleteLines(gd)
			} else {
				del, ok = src.DeleteLines(spec)
			}
			if ok {
				return []analysis.TextEdit{del}
			}
			return nil
		}
	}
	return nil
}

// Resolves reports whether name denotes obj at pos: an edit may spell obj
// that way there.
func Resolves(pass *analysis.Pass, name string, pos token.Pos, obj types.Object) bool {
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil || obj == nil {
		return false
	}
	_, got := scope.LookupParent(name, pos)
	return got == obj
}

// FreshName returns base, or base2, base3, ...: the first that no
// identifier in n uses and taken does not hold.
func FreshName(n ast.Node, base string, taken []string) string {
	used := map[string]bool{}
	for _, t := range taken {
		used[t] = true
	}
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	name := base
	for i := 2; used[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	return name
}
