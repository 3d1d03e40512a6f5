package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// outcome is what one analysis of a package found.
type outcome struct {
	tests     bool                   // the package's test files were analyzed
	fresh     map[string][]published // findings by file of dir (empty when paused)
	paused    *pause                 // why the findings could not be computed, or nil
	ignored   []string               // open documents of dir that the build excludes
	compacted map[string]int         // files analyzed with their constant tables compacted
	deps      map[string]bool        // dirs of the packages imported, directly or not
	text      *contents
}

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
	out, err := s.run(ctx, dir, snap)
	switch {
	case ctx.Err() != nil:
		return
	case err != nil:
		s.logMessage(protocol.MessageTypeWarning, err.Error())
		return
	case out == nil:
		return
	}
	s.publish(dir, snap, out)
	if s.opts.Verbose {
		state := "fresh"
		if out.paused != nil {
			state = "paused: " + out.paused.reason
		}
		s.log.Printf("analyzed %s in %v: %d files with findings (%s)", dir, time.Since(start).Round(time.Millisecond), len(out.fresh), state)
	}
}

// run loads and analyzes the package in dir; nil, nil when there is
// nothing to analyze.
func (s *server) run(ctx context.Context, dir string, snap map[string]*document) (*outcome, error) {
	if !exists(dir) {
		return nil, nil // e.g. a new file in an unsaved directory
	}
	src := planSources(dir, snap, s.tables)
	mode := packages.LoadSyntax | packages.NeedModule
	if needFacts(s.opts.Analyzers) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	// Test files are analyzed only while one of them is open: in a package
	// whose tests dwarf it, editing the package itself stays fast. The
	// test files keep what was last published for them.
	out := &outcome{fresh: map[string][]published{}, text: &contents{snap: snap, disk: map[string][]byte{}}}
	for path := range snap {
		out.tests = out.tests || (!s.opts.SkipTests && filepath.Dir(path) == dir && strings.HasSuffix(path, "_test.go"))
	}
	cfg := &packages.Config{Context: ctx, Mode: mode, Dir: dir, Tests: out.tests, Overlay: src.overlay,
		Env: s.opts.Env, BuildFlags: s.opts.BuildFlags, ParseFile: src.parseFile}
	pkgs, err := packages.Load(cfg, ".")
	if err == nil && len(src.substitute) > 0 && hasListErrors(rootsIn(pkgs, dir)) {
		// The go command, which saw the files on disk, failed on them:
		// they may be what is broken (saved mid-edit). Load again with it
		// seeing the documents. (Parse and type errors alone are the
		// documents' own: a second load would find them again.)
		src = planSources(dir, snap, s.tables)
		src.overlayAll()
		cfg.Overlay, cfg.ParseFile = src.overlay, src.parseFile
		pkgs, err = packages.Load(cfg, ".")
	}
	if ctx.Err() != nil {
		return nil, nil
	}
	if err != nil {
		// The go command failed (not found, a bad -tags, a broken
		// go.mod): say so on the package's files.
		s.log.Printf("cannot load the package in %s: %v", dir, err)
		out.paused = &pause{reason: "package does not load",
			note: fmt.Sprintf("analysis paused: cannot load the package: %v; rtlint's findings are stale meanwhile", err)}
		return out, nil
	}
	roots := rootsIn(pkgs, dir)
	out.deps = s.depDirs(roots, dir)
	out.ignored = ignored(roots, dir, snap)
	out.compacted = src.compacted
	if out.paused = s.pauseFor(dir, roots, src); out.paused != nil || len(roots) == 0 {
		return out, nil
	}
	graph, err := checker.Analyze(analysisutil.SafeWith(s.opts.Analyzers, src.prepare), roots, nil)
	if err != nil {
		return nil, fmt.Errorf("analyzing %s: %v", dir, err)
	}
	type key struct {
		name, path, msg string
		off             int
	}
	seen := map[key]bool{}
	for _, act := range graph.Roots {
		fset := act.Package.Fset
		if act.Err != nil {
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
			out.fresh[path] = append(out.fresh[path], out.text.convert(fset, act.Analyzer, d, src.compacted))
		}
	}
	return out, nil
}

// depDirs returns the directories of the packages roots import, directly
// or not, except dir and read-only ones (GOROOT, the module cache).
func (s *server) depDirs(roots []*packages.Package, dir string) map[string]bool {
	dirs := map[string]bool{}
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		if len(p.GoFiles) > 0 {
			if d := filepath.Dir(p.GoFiles[0]); d != dir && !s.readOnly(d+string(filepath.Separator)) {
				dirs[d] = true
			}
		}
		for _, imp := range p.Imports {
			visit(imp)
		}
	}
	for _, p := range roots {
		for _, imp := range p.Imports {
			visit(imp)
		}
	}
	return dirs
}

// ignored lists the open documents of dir that no root compiles: files
// the build constraints (or -tags) exclude.
func ignored(roots []*packages.Package, dir string, snap map[string]*document) []string {
	var out []string
	for path := range snap {
		if filepath.Dir(path) != dir || !strings.HasSuffix(path, ".go") {
			continue
		}
		in, excluded := false, false
		for _, p := range roots {
			in = in || slices.Contains(p.CompiledGoFiles, path) || slices.Contains(p.GoFiles, path)
			excluded = excluded || slices.Contains(p.IgnoredFiles, path)
		}
		if excluded && !in {
			out = append(out, path)
		}
	}
	slices.Sort(out)
	return out
}

func hasListErrors(pkgs []*packages.Package) bool {
	return slices.ContainsFunc(pkgs, func(p *packages.Package) bool {
		return slices.ContainsFunc(p.Errors, func(e packages.Error) bool { return e.Kind == packages.ListError })
	})
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
