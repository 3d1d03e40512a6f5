package lsp

import (
	"bytes"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// sources is what one analysis reads: the open documents, given to the
// go command as an overlay or substituted at parse time, large files
// compacted (compact.go), and the text every open document and compacted
// file was parsed from, which the passes' ReadFile returns: analyzers
// build their fixes from it (lockthread reads the indentation, timeafter
// copies expressions), so fixes come from the text analyzed, never from
// a file on disk that the editor's buffer no longer matches.
type sources struct {
	overlay    map[string][]byte // for the go command: it sees these
	substitute map[string][]byte // for the parser only
	docs       map[string]bool   // every open document
	tables     *tableCache

	mu        sync.Mutex        // the parser runs on several goroutines
	parsed    map[string][]byte // clean filename -> the text parsed
	compacted map[string]int    // clean filename -> tables compacted
	tooLarge  map[string]int    // clean filename -> tokens, above maxTokens
}

// planSources decides how the go command and the parser see the open
// documents. A document equal to its file needs nothing. An edited file of
// the package being analyzed, whose package clause, imports and build
// constraints are those of the file on disk, is substituted at parse time
// only: the go command then lists and compiles the package as it is on
// disk, which its build cache already holds, instead of compiling the
// edited package on every keystroke just to produce export data that
// type-checking from source does not use (on a package importing a
// hundred others that is most of the latency). Anything else (a new file,
// changed imports, a cgo file, an edited dependency) goes through the go
// command's overlay.
func planSources(dir string, snap map[string]*document, tables *tableCache) *sources {
	src := &sources{overlay: map[string][]byte{}, substitute: map[string][]byte{}, docs: map[string]bool{}, tables: tables,
		parsed: map[string][]byte{}, compacted: map[string]int{}, tooLarge: map[string]int{}}
	for path, d := range snap {
		src.docs[path] = true
		disk, err := os.ReadFile(path)
		switch {
		case err == nil && bytes.Equal(disk, d.text):
		case err == nil && filepath.Dir(path) == dir && sameHeader(disk, d.text):
			src.substitute[path] = d.text
		default:
			src.overlay[path] = d.text
		}
	}
	return src
}

// overlayAll moves the substitutes to the overlay: the go command sees
// every document.
func (src *sources) overlayAll() {
	for path, text := range src.substitute {
		src.overlay[path] = text
	}
	clear(src.substitute)
}

// parseFile is the loader's ParseFile.
func (src *sources) parseFile(fset *token.FileSet, filename string, data []byte) (*ast.File, error) {
	name := filepath.Clean(filename)
	// An open document equal to its file is parsed from the file: what
	// was read is what ReadFile must return, even if the file has
	// changed since.
	open := src.docs[name]
	if text, ok := src.substitute[name]; ok {
		data = text
	}
	if len(data) > compactAbove {
		small, tables, tokens := src.tables.compact(name, data)
		src.mu.Lock()
		switch {
		case tokens > maxTokens:
			src.tooLarge[name] = tokens
			src.mu.Unlock()
			// Parse the package clause alone: the analysis is skipped.
			return parser.ParseFile(fset, filename, data, parser.PackageClauseOnly)
		case tables > 0:
			src.compacted[name] = tables
			data, open = small, true
		}
		src.mu.Unlock()
	}
	if open {
		src.mu.Lock()
		src.parsed[name] = data
		src.mu.Unlock()
	}
	return parser.ParseFile(fset, filename, data, parser.AllErrors|parser.ParseComments)
}

// prepare points a pass's ReadFile at the text its files were parsed
// from.
func (src *sources) prepare(pass *analysis.Pass) {
	read := pass.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	pass.ReadFile = func(filename string) ([]byte, error) {
		src.mu.Lock()
		text, ok := src.parsed[filepath.Clean(filename)]
		src.mu.Unlock()
		if ok && slices.ContainsFunc(pass.Files, func(f *ast.File) bool {
			return pass.Fset.File(f.FileStart).Name() == filename
		}) {
			return text, nil
		}
		return read(filename)
	}
}

// sameHeader reports whether two versions of a Go file have the same build
// constraints, package name and imports, and import no "C".
func sameHeader(a, b []byte) bool {
	fa, errA := parser.ParseFile(token.NewFileSet(), "", a, parser.ImportsOnly|parser.ParseComments)
	fb, errB := parser.ParseFile(token.NewFileSet(), "", b, parser.ImportsOnly|parser.ParseComments)
	if errA != nil || errB != nil || fa.Name.Name != fb.Name.Name || len(fa.Imports) != len(fb.Imports) {
		return false
	}
	for i := range fa.Imports {
		if fa.Imports[i].Path.Value != fb.Imports[i].Path.Value || fa.Imports[i].Path.Value == `"C"` {
			return false
		}
	}
	return slices.Equal(constraints(fa), constraints(fb))
}

// constraints lists the //go:build and // +build lines before the package
// clause.
func constraints(f *ast.File) []string {
	var out []string
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if constraint.IsGoBuild(c.Text) || constraint.IsPlusBuild(c.Text) {
				out = append(out, c.Text)
			}
		}
	}
	return out
}
