package driver

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// A loader type-checks packages from source against the types of their
// dependencies, as go/packages does in LoadSyntax mode: from export data
// where the go command built it, else (a dependency that does not compile,
// or a test variant whose export data was not asked for) from source, with
// function bodies ignored.
//
// It cannot deadlock: a CPU token (at most GOMAXPROCS are held) is only
// ever held around parsing or type-checking code whose imports are all
// resolved already; resolving an import, which may type-check that import
// from source, happens before the token is taken. Imports resolve through
// sync.Once per package over an acyclic graph, so no wait is circular.
type loader struct {
	fset  *token.FileSet
	sizes types.Sizes
	cpu   chan struct{}

	// tpkgs holds the types of every package in the graph, created before
	// any is read so that reading export data never creates one; export
	// data is read into this shared view under exportMu.
	exportMu sync.Mutex
	tpkgs    map[*packages.Package]*types.Package

	depsMu sync.Mutex
	deps   map[*packages.Package]*dep
	// users counts, for each test variant without export data that a
	// package imports (imported, a test variant is checked again from
	// source, bodies ignored, even when it is also analyzed), the checks
	// of its importers that have not finished with its types: at zero it
	// is dropped from deps. Test variants are type-checked from source and
	// only the packages of one test import them, so keeping them all
	// until the end of a run on std held some 120 MB for nothing. Should
	// an importer ask again after that, it is checked again.
	users map[*packages.Package]int

	// initial holds the packages to analyze.
	initial map[*packages.Package]bool
	// overlay replaces or adds file contents, as packages.Config.Overlay.
	overlay map[string][]byte
}

// A dep is one imported package's types, resolved once.
type dep struct {
	once  sync.Once
	types *types.Package
	// broken is the package that keeps this one from type-checking: itself
	// when it has errors of its own, else a broken import; nil when sound.
	broken *packages.Package
	errs   []packages.Error // its own errors, when checked from source
}

func newLoader(all []*packages.Package) *loader {
	l := &loader{
		fset:    token.NewFileSet(),
		cpu:     make(chan struct{}, runtime.GOMAXPROCS(0)),
		tpkgs:   map[*packages.Package]*types.Package{},
		deps:    map[*packages.Package]*dep{},
		users:   map[*packages.Package]int{},
		initial: map[*packages.Package]bool{},
	}
	for _, p := range all {
		l.initial[p] = true
	}
	imported := map[*packages.Package]bool{}
	for p := range packages.Postorder(all) {
		if l.sizes == nil {
			l.sizes = p.TypesSizes
		}
		for _, imp := range p.Imports {
			imported[imp] = true
		}
		if !isTestVariant(p) || p.ExportFile != "" {
			// The view export data is read into. Load asks for no test
			// variant's export data (a one-query load does), and no
			// package with export data imports one without.
			l.tpkgs[p] = types.NewPackage(p.PkgPath, p.Name)
		}
	}
	for p := range packages.Postorder(all) {
		// p's imports are used by its check as an import (load) and by
		// its check to analyze (typeCheck): each releases them.
		checks := 0
		if imported[p] {
			checks++
		}
		if l.initial[p] {
			checks++
		}
		for _, imp := range p.Imports {
			if isTestVariant(imp) && imp.ExportFile == "" {
				l.users[imp] += checks
			}
		}
	}
	return l
}

// release records that p has finished with the types of its imports.
func (l *loader) release(p *packages.Package) {
	l.depsMu.Lock()
	defer l.depsMu.Unlock()
	for _, imp := range p.Imports {
		if n, ok := l.users[imp]; ok {
			if n <= 1 {
				delete(l.users, imp)
				delete(l.deps, imp)
			} else {
				l.users[imp] = n - 1
			}
		}
	}
}

func (l *loader) depOf(p *packages.Package) *dep {
	l.depsMu.Lock()
	defer l.depsMu.Unlock()
	d := l.deps[p]
	if d == nil {
		d = &dep{}
		l.deps[p] = d
	}
	return d
}

// resolve returns the types of p as an import, with the package that keeps
// it from type-checking (nil if none).
func (l *loader) resolve(p *packages.Package) *dep {
	d := l.depOf(p)
	d.once.Do(func() { l.load(p, d) })
	return d
}

func (l *loader) load(p *packages.Package, d *dep) {
	if p.PkgPath == "unsafe" {
		d.types = types.Unsafe
		return
	}
	// Every import first: export data is read into a view whose packages
	// must be complete, and a source check needs its imports.
	defer l.release(p)
	for _, imp := range p.Imports {
		if id := l.resolve(imp); id.broken != nil && d.broken == nil {
			d.broken = id.broken
		}
	}
	if d.broken != nil {
		// Every package that imports this one depends on the broken one
		// too and will not be analyzed: its types are never used.
		d.types = l.tpkgs[p]
		if d.types == nil {
			d.types = types.NewPackage(p.PkgPath, p.Name)
		}
		return
	}
	if p.ExportFile != "" {
		t, err := l.readExport(p)
		if err == nil {
			d.types = t
			return
		}
		d.errs = append(d.errs, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
	}
	// No export data: the go command could not compile it (or was not
	// asked to). Type-check it from source, bodies ignored, into the
	// types every importer shares.
	tpkg := l.tpkgs[p]
	if tpkg == nil {
		tpkg = types.NewPackage(p.PkgPath, p.Name)
	}
	var errs []packages.Error
	appendError := func(err error) { errs = append(errs, toPackagesErrors(err)...) }
	l.check(p, tpkg, &types.Info{}, true, appendError)
	d.types = tpkg
	if d.broken != nil {
		return // its own errors are likely the consequence
	}
	if len(p.Errors) > 0 {
		// What the go command found (a listing error, or the compiler's
		// errors, which include those in function bodies) is the truth.
		errs = p.Errors
	}
	if d.errs = append(d.errs, errs...); len(d.errs) > 0 || !isTestVariant(p) {
		// A package that is not a test variant has export data unless
		// the go command failed to compile it (an error in a function
		// body, which the check above ignores): its importers would not
		// compile either.
		d.broken = p
	}
}

// isTestVariant reports whether p is a package recompiled for a test
// ("p [q.test]"), whose export data Load does not ask for.
func isTestVariant(p *packages.Package) bool { return strings.Contains(p.ID, " [") }

func (l *loader) readExport(p *packages.Package) (*types.Package, error) {
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// go list -export names archives for some packages: NewReader finds
	// the export data in either.
	rd, err := gcexportdata.NewReader(f) //lint:ignore SA1019 go1.26's go list still hands out archives
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	l.exportMu.Lock()
	defer l.exportMu.Unlock()
	view := map[string]*types.Package{}
	seen := map[*packages.Package]bool{}
	var visit func(imports map[string]*packages.Package)
	visit = func(imports map[string]*packages.Package) {
		for _, q := range imports {
			if !seen[q] {
				seen[q] = true
				view[q.PkgPath] = l.tpkgs[q]
				visit(q.Imports)
			}
		}
	}
	visit(p.Imports)
	view[p.PkgPath] = l.tpkgs[p]
	tpkg, err := gcexportdata.Read(rd, l.fset, view, p.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	return tpkg, nil
}

// typeCheck parses and type-checks a package to analyze from source, as
// go/packages' loadPackage does, filling in its Syntax, Types, TypesInfo,
// TypeErrors, Errors and IllTyped. It returns the package that keeps pkg
// from type-checking: pkg itself, a broken import, or nil.
func (l *loader) typeCheck(pkg *packages.Package) (broken *packages.Package) {
	pkg.Fset = l.fset
	pkg.TypesSizes = l.sizes
	if pkg.PkgPath == "unsafe" {
		pkg.Types = types.Unsafe
		pkg.Syntax = []*ast.File{}
		pkg.TypesInfo = NewTypesInfo()
		return nil
	}
	if len(pkg.Errors) > 0 {
		pkg.IllTyped = true
		return pkg // a listing error: nothing to check
	}
	defer l.release(pkg)
	for _, imp := range pkg.Imports {
		if d := l.resolve(imp); d.broken != nil && broken == nil {
			broken = d.broken
		}
	}
	if broken != nil {
		// Not analyzed: checking it would only find the consequences.
		pkg.IllTyped = true
		return broken
	}
	pkg.Types = types.NewPackage(pkg.PkgPath, pkg.Name)
	appendError := func(err error) {
		if terr, ok := err.(types.Error); ok {
			pkg.TypeErrors = append(pkg.TypeErrors, terr)
		}
		pkg.Errors = append(pkg.Errors, toPackagesErrors(err)...)
	}
	if len(pkg.CompiledGoFiles) == 0 && len(pkg.GoFiles) > 0 {
		appendError(packages.Error{Pos: "-", Msg: fmt.Sprintf("sources missing for package %s", pkg.ID), Kind: packages.ParseError})
		pkg.IllTyped = true
		return pkg
	}
	// A directory with external tests alone lists a package without
	// files: it type-checks, empty, as go/packages has it.
	pkg.TypesInfo = NewTypesInfo()
	pkg.Syntax = l.check(pkg, pkg.Types, pkg.TypesInfo, false, appendError)
	if len(pkg.Errors) > 0 {
		pkg.IllTyped = true
		return pkg
	}
	return nil
}

// check parses pkg's files and type-checks them into tpkg and info,
// passing every error to appendError. Every import of pkg must be resolved
// already. It returns the files parsed.
func (l *loader) check(pkg *packages.Package, tpkg *types.Package, info *types.Info, ignoreBodies bool, appendError func(error)) []*ast.File {
	parsed := make([]*ast.File, len(pkg.CompiledGoFiles))
	errs := make([]error, len(pkg.CompiledGoFiles))
	var wg sync.WaitGroup
	for i, name := range pkg.CompiledGoFiles {
		wg.Go(func() {
			src, ok := l.overlay[name]
			var err error
			if !ok {
				src, err = os.ReadFile(name)
			}
			if err != nil {
				errs[i] = err
				return
			}
			mode := parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution
			if ignoreBodies {
				mode = parser.SkipObjectResolution
			}
			l.cpu <- struct{}{}
			parsed[i], errs[i] = parser.ParseFile(l.fset, name, src, mode)
			<-l.cpu
		})
	}
	wg.Wait()
	var files []*ast.File
	for _, f := range parsed {
		if f != nil {
			files = append(files, f)
		}
	}
	nerrs := 0
	for _, err := range errs {
		if err != nil {
			appendError(err)
			nerrs++
		}
	}
	importer := importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		ipkg := pkg.Imports[path]
		if ipkg == nil {
			return nil, fmt.Errorf("no metadata for %s", path)
		}
		return l.resolve(ipkg).types, nil // resolved before the check: no wait
	})
	tc := &types.Config{Importer: importer, Error: func(err error) { nerrs++; appendError(err) }, Sizes: l.sizes, IgnoreFuncBodies: ignoreBodies}
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		tc.GoVersion = "go" + pkg.Module.GoVersion
	}
	l.cpu <- struct{}{}
	typErr := types.NewChecker(tc, l.fset, tpkg, info).Files(files)
	<-l.cpu
	if typErr != nil && nerrs == 0 {
		if msg := typErr.Error(); strings.HasPrefix(msg, "package requires newer Go version") && len(files) > 0 {
			appendError(types.Error{Fset: l.fset, Pos: files[0].Package, Msg: msg})
		} else {
			appendError(typErr)
		}
	}
	return files
}

// toPackagesErrors converts a parse or type error as go/packages does.
func toPackagesErrors(err error) []packages.Error {
	switch err := err.(type) {
	case packages.Error:
		return []packages.Error{err}
	case *os.PathError:
		return []packages.Error{{Pos: err.Path + ":1", Msg: err.Err.Error(), Kind: packages.ParseError}}
	case scanner.ErrorList:
		var errs []packages.Error
		for _, err := range err {
			errs = append(errs, packages.Error{Pos: err.Pos.String(), Msg: err.Msg, Kind: packages.ParseError})
		}
		return errs
	case types.Error:
		return []packages.Error{{Pos: err.Fset.Position(err.Pos).String(), Msg: err.Msg, Kind: packages.TypeError}}
	}
	return []packages.Error{{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError}}
}

// NewTypesInfo returns a types.Info recording everything the analyzers
// use, as go/packages asks for in LoadSyntax mode.
func NewTypesInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
