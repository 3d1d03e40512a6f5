package lsp

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// analyze loads the package in dir (with its tests when one of its test
// files is open), the open documents overlaid on the files on disk, runs
// the analyzers on it and publishes the diagnostics of every file of dir
// whose document did not change meanwhile.
func (s *server) analyze(ctx context.Context, dir string, snap map[string]*document) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			s.logMessage(protocol.MessageTypeError, fmt.Sprintf("analyzing %s: panic: %v\n%s", dir, p, debug.Stack()))
		}
	}()
	if _, err := os.Stat(dir); err != nil {
		return // e.g. a new file in an unsaved directory
	}

	overlay, substitute := planOverlay(dir, snap)
	mode := packages.LoadSyntax | packages.NeedModule
	if needFacts(s.opts.Analyzers) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	// Test files are analyzed only while one of them is open: in a package
	// whose tests dwarf it, editing the package itself stays fast. The
	// test files keep what was last published for them.
	tests := false
	for path := range snap {
		tests = tests || (filepath.Dir(path) == dir && strings.HasSuffix(path, "_test.go"))
	}
	cfg := &packages.Config{Context: ctx, Mode: mode, Dir: dir, Tests: tests, Overlay: overlay, Env: s.opts.Env,
		ParseFile: func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
			if text, ok := substitute[filename]; ok {
				src = text
			}
			return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
		},
	}
	pkgs, err := packages.Load(cfg, ".")
	if err == nil && len(substitute) > 0 && hasErrors(rootsIn(pkgs, dir)) {
		// The files on disk may be what is broken (saved mid-edit): load
		// again with the go command seeing the documents, to be sure.
		for path, text := range substitute {
			overlay[path] = text
		}
		clear(substitute)
		pkgs, err = packages.Load(cfg, ".")
	}
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		s.logMessage(protocol.MessageTypeWarning, fmt.Sprintf("cannot load the package in %s: %v", dir, err))
		return
	}
	roots := rootsIn(pkgs, dir)
	for _, p := range roots {
		if len(p.Errors) > 0 && s.opts.Verbose {
			s.log.Printf("%s has errors; analyzers that need well-typed code are skipped: %v", p.ID, p.Errors[0])
		}
	}

	byFile := map[string][]published{}
	if len(roots) > 0 {
		graph, err := checker.Analyze(s.analyzers, roots, nil)
		if err != nil {
			s.logMessage(protocol.MessageTypeError, fmt.Sprintf("analyzing %s: %v", dir, err))
			return
		}
		c := &contents{snap: snap, disk: map[string][]byte{}}
		type key struct {
			name, path, msg string
			off             int
		}
		seen := map[key]bool{}
		for _, act := range graph.Roots {
			fset := act.Package.Fset
			if act.Err != nil && !act.Package.IllTyped {
				s.log.Printf("%s: %v", act.Package.ID, act.Err) // a panic, recovered
			}
			for _, d := range act.Diagnostics {
				pos := fset.Position(d.Pos)
				path := filepath.Clean(pos.Filename)
				if filepath.Dir(path) != dir {
					continue
				}
				k := key{act.Analyzer.Name, path, d.Message, pos.Offset}
				if seen[k] {
					continue // a package and its test variant share files
				}
				seen[k] = true
				byFile[path] = append(byFile[path], c.convert(fset, act.Analyzer, d))
			}
		}
	}

	type note struct {
		params protocol.PublishDiagnosticsParams
	}
	var notes []note
	s.mu.Lock()
	untouched := func(path string) bool { return !tests && strings.HasSuffix(path, "_test.go") }
	files := map[string]bool{}
	for path := range byFile {
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
	for path := range s.docs {
		if filepath.Dir(path) == dir {
			files[path] = true
		}
	}
	for path := range files {
		doc, then := s.docs[path], snap[path]
		if (doc == nil) != (then == nil) || (doc != nil && doc.version != then.version) {
			// Opened, closed or edited since the snapshot: a newer
			// analysis is pending and will publish for it.
			if len(s.published[dir]) > 0 && s.published[dir][path] {
				now[path] = true
			}
			continue
		}
		diags := byFile[path]
		res := &fileResult{version: -1, diags: diags}
		p := protocol.PublishDiagnosticsParams{URI: pathToURI(path), Diagnostics: []protocol.Diagnostic{}}
		if doc != nil {
			res.version = doc.version
			p.URI = doc.uri
			v := protocol.UInteger(doc.version)
			p.Version = &v
		}
		for _, pd := range diags {
			p.Diagnostics = append(p.Diagnostics, pd.diag)
		}
		s.results[path] = res
		if len(diags) > 0 {
			now[path] = true
		}
		notes = append(notes, note{p})
	}
	s.published[dir] = now
	s.mu.Unlock()

	slices.SortFunc(notes, func(a, b note) int { return cmp.Compare(a.params.URI, b.params.URI) })
	for _, n := range notes {
		s.send(string(protocol.ServerTextDocumentPublishDiagnostics), n.params)
	}
	if s.opts.Verbose {
		s.log.Printf("analyzed %s in %v: %d files with findings", dir, time.Since(start).Round(time.Millisecond), len(byFile))
	}
}

// planOverlay decides how the go command and the parser see the open
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
func planOverlay(dir string, snap map[string]*document) (overlay, substitute map[string][]byte) {
	overlay, substitute = map[string][]byte{}, map[string][]byte{}
	for path, d := range snap {
		disk, err := os.ReadFile(path)
		switch {
		case err == nil && bytes.Equal(disk, d.text):
		case err == nil && filepath.Dir(path) == dir && sameHeader(disk, d.text):
			substitute[path] = d.text
		default:
			overlay[path] = d.text
		}
	}
	return overlay, substitute
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

func hasErrors(pkgs []*packages.Package) bool {
	return slices.ContainsFunc(pkgs, func(p *packages.Package) bool { return len(p.Errors) > 0 })
}

// rootsIn picks the packages to analyze among those loaded for dir: the
// test variant of a package instead of the package itself (it has all the
// same files and the in-package tests), external test packages, and
// nothing whose files lie elsewhere (the synthesized test main).
func rootsIn(pkgs []*packages.Package, dir string) []*packages.Package {
	hasTestVariant := map[string]bool{}
	for _, p := range pkgs {
		if p.ForTest != "" && p.PkgPath == p.ForTest {
			hasTestVariant[p.PkgPath] = true
		}
	}
	var roots []*packages.Package
	for _, p := range pkgs {
		if p.ForTest == "" && hasTestVariant[p.PkgPath] {
			continue
		}
		inDir := false
		for _, f := range p.CompiledGoFiles {
			inDir = inDir || filepath.Dir(f) == dir
		}
		if inDir || (len(p.CompiledGoFiles) == 0 && len(p.Errors) > 0) {
			roots = append(roots, p)
		}
	}
	return roots
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
func (c *contents) convert(fset *token.FileSet, a *analysis.Analyzer, d analysis.Diagnostic) published {
	_, rng := c.lspRange(fset, d.Pos, d.End)
	sev := protocol.DiagnosticSeverityWarning
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
	pd := published{diag: diag}
	for _, sf := range d.SuggestedFixes {
		f := fix{title: sf.Message, edits: map[string][]protocol.TextEdit{}, versions: map[string]int32{}}
		for _, e := range sf.TextEdits {
			path, r := c.lspRange(fset, e.Pos, e.End)
			f.edits[path] = append(f.edits[path], protocol.TextEdit{Range: r, NewText: string(e.NewText)})
			f.versions[path] = -1
			if d, ok := c.snap[path]; ok {
				f.versions[path] = d.version
			}
		}
		if len(f.edits) > 0 {
			pd.fixes = append(pd.fixes, f)
		}
	}
	if len(pd.fixes) > 0 {
		pd.diag.Data = map[string]int{"fixes": len(pd.fixes)}
	}
	return pd
}

// needFacts reports whether an analyzer, or one it requires, uses facts:
// then dependencies must be loaded from source too.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func(as []*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if len(a.FactTypes) > 0 || visit(a.Requires) {
				return true
			}
		}
		return false
	}
	return visit(analyzers)
}
