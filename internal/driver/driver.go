// Package driver runs rtlint standalone (rtlint ./...) one package at a
// time, so that memory stays bounded on large repositories.
//
// The x/tools multichecker loads every package to analyze from source,
// syntax and types, before it analyzes any: its peak memory grows with the
// repository (2.6 GB on the standard library, 790 MB on grpc). This driver
// lists the packages once (the same go list call the multichecker makes,
// which also builds the export data of every package), then parses,
// type-checks and analyzes the packages to analyze a few at a time
// (GOMAXPROCS), importing dependencies from their export data, and drops
// each package's syntax and types as soon as its analysis is done. Only the
// diagnostics are kept, and printed at the end exactly as the multichecker
// prints them: same order, same deduplication of files shared by a package
// and its test variant, same JSON tree, same exit codes.
//
// The results of each package that loaded and analyzed cleanly are kept in
// a cache (see Cache; RTLINT_CACHE=off turns it off), so that a run on
// unchanged packages reads them instead of type-checking and analyzing.
//
// Garbage is collected at GOGC=50 unless GOGC is set.
//
// It handles the flags of a normal run (analyzer selection and flags, -json,
// -c, -test, -cpuprofile, -memprofile); for anything else (-fix, -diff,
// -flags, -V, -debug, help, go vet's .cfg files) and for analyzers that use
// facts (which need every dependency from source), Main declines and the
// caller hands the command line to the multichecker. RTLINT_LOADALL=1 makes
// it always decline.
package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// LoadMode is the go/packages mode of the one metadata query: the same go
// list flags as the multichecker's packages.LoadSyntax (-deps -export
// -compiled), without type-checking anything.
const LoadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedTypesSizes | packages.NeedModule

// Main runs the analysis for the command line args (without the program
// name) and returns its exit code, with ok set. When the command line asks
// for something only the multichecker does, it returns ok false having done
// nothing (beyond parsing args into the analyzers' own flags, which the
// multichecker parses again to the same values).
func Main(progname string, args []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) (exit int, ok bool) {
	if os.Getenv("RTLINT_LOADALL") == "1" || analysis.Validate(analyzers) != nil {
		return 0, false
	}
	fs := flag.NewFlagSet(progname, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	enabled := map[*analysis.Analyzer]*triState{}
	for _, a := range analyzers {
		t := new(triState)
		enabled[a] = t
		fs.Var(t, a.Name, "")
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, "") })
	}
	var other bool // a flag only the multichecker handles
	for _, name := range []string{"flags", "fix", "diff", "v"} {
		fs.BoolFunc(name, "", func(s string) error { other = other || s != "false"; return nil })
	}
	fs.BoolFunc("V", "", func(string) error { other = true; return nil })
	fs.Func("debug", "", func(s string) error { other = other || s != ""; return nil })
	fs.Func("trace", "", func(s string) error { other = other || s != ""; return nil })
	jsonOut := fs.Bool("json", false, "")
	contextLines := fs.Int("c", -1, "")
	tests := fs.Bool("test", true, "")
	cpuprofile := fs.String("cpuprofile", "", "")
	memprofile := fs.String("memprofile", "", "")
	fs.Bool("source", false, "") // no effect, as in the multichecker
	fs.Bool("all", false, "")
	fs.String("tags", "", "")
	if err := fs.Parse(args); err != nil || other {
		return 0, false
	}
	patterns := fs.Args()
	if len(patterns) == 0 || patterns[0] == "help" || (len(patterns) == 1 && strings.HasSuffix(patterns[0], ".cfg")) {
		return 0, false
	}
	analyzers = selected(analyzers, enabled)
	if usesFacts(analyzers) {
		return 0, false
	}

	// Collect garbage at 1.5x the live heap rather than 2x, unless the user
	// chose: the live heap is a few packages' syntax and types plus the
	// dependencies' export data, so this keeps the peak resident memory of a
	// large run below staticcheck's for some 10-30% more CPU time (see
	// bench/RESULTS.md).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return 1, true
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return 1, true
		}
		defer pprof.StopCPUProfile()
	}
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return 1, true
		}
		defer func() {
			runtime.GC()
			_ = pprof.WriteHeapProfile(f)
			f.Close()
		}()
	}

	cfg := &packages.Config{Mode: LoadMode, Tests: *tests}
	initial, err := packages.Load(cfg, patterns...)
	if err == nil && len(initial) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return 1, true
	}

	r := analyzeCached(analyzers, initial, nil, OpenCache(analyzers))
	if printErrors(stderr, initial) > 0 {
		exit = 1
	}
	if *jsonOut {
		if err := r.WriteJSON(stdout); err != nil {
			return 1, true
		}
		return exit, true
	}
	code, err := r.WriteText(stderr, *contextLines)
	if err != nil {
		return 1, true
	}
	return max(exit, code), true
}

// An Action is what the checker recorded for one analyzer on one package,
// kept after the package's syntax and types are gone.
type Action struct {
	Analyzer    *analysis.Analyzer
	IsRoot      bool
	Diagnostics []analysis.Diagnostic // nil for a result read from the cache
	Diags       []Diag                // the diagnostics with positions resolved
	Err         error
}

// A Diag is a diagnostic with its positions resolved, as it is printed
// (and cached).
type Diag struct {
	Posn, End token.Position
	Message   string
	Related   []Related
}

// Related is a resolved analysis.RelatedInformation.
type Related struct {
	Posn, End token.Position
	Message   string
}

func resolve(fset *token.FileSet, ds []analysis.Diagnostic) []Diag {
	out := make([]Diag, len(ds))
	for i, d := range ds {
		out[i] = Diag{Posn: fset.Position(d.Pos), End: fset.Position(d.End), Message: d.Message}
		for _, rel := range d.Related {
			out[i].Related = append(out[i].Related, Related{fset.Position(rel.Pos), fset.Position(rel.End), rel.Message})
		}
	}
	return out
}

// Result holds the outcome of Analyze.
type Result struct {
	Fset      *token.FileSet
	Analyzers []*analysis.Analyzer
	Packages  []*packages.Package
	// Actions[i] holds the actions on Packages[i], by analyzer.
	Actions []map[*analysis.Analyzer]*Action
	json    []map[string]json.RawMessage // per package: analyzer -> JSON, as the checker writes it
}

// Analyze parses, type-checks and analyzes the initial packages, loaded
// with LoadMode, GOMAXPROCS at a time. Each package's parse and type errors
// are appended to its Errors (as go/packages does); its Syntax, Types and
// TypesInfo are set during its analysis and cleared after.
func Analyze(analyzers []*analysis.Analyzer, initial []*packages.Package) *Result {
	return AnalyzeFunc(analyzers, initial, nil)
}

// AnalyzeFunc is Analyze calling done, if not nil, after each package's
// analysis, from the goroutine that analyzed it, while the package still
// has its syntax and types, with the time its type-checking and analysis
// took.
func AnalyzeFunc(analyzers []*analysis.Analyzer, initial []*packages.Package, done func(i int, pkg *packages.Package, acts map[*analysis.Analyzer]*Action, elapsed time.Duration)) *Result {
	return analyzeCached(analyzers, initial, done, nil)
}

// analyzeCached is AnalyzeFunc reading the results of unchanged packages
// from cache (if not nil) and keeping those of the packages it analyzes;
// done is called for the packages analyzed.
func analyzeCached(analyzers []*analysis.Analyzer, initial []*packages.Package, done func(i int, pkg *packages.Package, acts map[*analysis.Analyzer]*Action, elapsed time.Duration), cache *Cache) *Result {
	l := newLoader(initial)
	r := &Result{
		Fset:      l.fset,
		Analyzers: analyzers,
		Packages:  initial,
		Actions:   make([]map[*analysis.Analyzer]*Action, len(initial)),
		json:      make([]map[string]json.RawMessage, len(initial)),
	}
	keys := make([]string, len(initial))
	var todo []int
	for i, pkg := range initial {
		if cache != nil {
			if keys[i] = cache.key(pkg); keys[i] != "" {
				if acts, js, ok := cache.get(keys[i]); ok {
					r.Actions[i], r.json[i] = acts, js
					continue
				}
			}
		}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return r // nothing to type-check: no export data to read
	}
	go l.loadExports()

	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for {
				n := int(next.Add(1) - 1)
				if n >= len(todo) {
					return
				}
				i := todo[n]
				r.analyze(l, i, done)
				if pkg := r.Packages[i]; keys[i] != "" && len(pkg.Errors) == 0 && !pkg.IllTyped {
					cache.put(keys[i], r.Actions[i], r.json[i])
				}
			}
		})
	}
	wg.Wait()
	l.exportErrors()
	return r
}

func (r *Result) analyze(l *loader, i int, done func(int, *packages.Package, map[*analysis.Analyzer]*Action, time.Duration)) {
	t0 := time.Now()
	pkg := r.Packages[i]
	l.typeCheck(pkg)
	graph, err := checker.Analyze(r.Analyzers, []*packages.Package{pkg}, nil)
	acts := map[*analysis.Analyzer]*Action{}
	if err == nil {
		for act := range graph.All() {
			acts[act.Analyzer] = &Action{act.Analyzer, act.IsRoot, act.Diagnostics, resolve(r.Fset, act.Diagnostics), act.Err}
		}
		var buf bytes.Buffer
		var tree map[string]map[string]json.RawMessage
		if graph.PrintJSON(&buf) == nil && json.Unmarshal(buf.Bytes(), &tree) == nil {
			r.json[i] = tree[pkg.ID]
		}
	} else {
		for _, a := range r.Analyzers {
			acts[a] = &Action{Analyzer: a, IsRoot: true, Err: err}
		}
	}
	r.Actions[i] = acts
	if done != nil {
		done(i, pkg, acts, time.Since(t0))
	}
	// Free the package: only its diagnostics and errors are kept.
	pkg.Syntax, pkg.Types, pkg.TypesInfo, pkg.TypeErrors = nil, nil, nil, nil
}

// forEach visits the actions in the multichecker's order: analyzer by
// analyzer, package by package, each action after those it requires.
func (r *Result) forEach(f func(i int, act *Action)) {
	type key struct {
		a *analysis.Analyzer
		i int
	}
	seen := map[key]bool{}
	var visit func(a *analysis.Analyzer, i int)
	visit = func(a *analysis.Analyzer, i int) {
		if seen[key{a, i}] {
			return
		}
		seen[key{a, i}] = true
		for _, req := range a.Requires {
			visit(req, i)
		}
		if act := r.Actions[i][a]; act != nil {
			f(i, act)
		}
	}
	for _, a := range r.Analyzers {
		for i := range r.Packages {
			visit(a, i)
		}
	}
}

// WriteText prints the diagnostics and analysis errors as the
// multichecker's plain-text output does, and returns its exit code: 1 if an
// analysis failed, else 3 if there are diagnostics, else 0.
func (r *Result) WriteText(w io.Writer, contextLines int) (int, error) {
	type key struct {
		pos, end token.Position
		a        *analysis.Analyzer
		message  string
	}
	seen := map[key]bool{}
	// Like the multichecker: errors as they come, diagnostics after them.
	var errs, buf bytes.Buffer
	var numErrors, rootDiags int
	r.forEach(func(i int, act *Action) {
		if act.Err != nil {
			numErrors++
			fmt.Fprintf(&errs, "%s: %v\n", act.Analyzer.Name, act.Err)
			return
		}
		if !act.IsRoot {
			return
		}
		rootDiags += len(act.Diags)
		for _, d := range act.Diags {
			k := key{d.Posn, d.End, act.Analyzer, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			printPlain(&buf, contextLines, d)
		}
	})
	if _, err := w.Write(append(errs.Bytes(), buf.Bytes()...)); err != nil {
		return 1, err
	}
	switch {
	case numErrors > 0:
		return 1, nil
	case rootDiags > 0:
		return 3, nil
	}
	return 0, nil
}

// WriteJSON prints the multichecker's -json tree: package ID -> analyzer ->
// diagnostics or error.
func (r *Result) WriteJSON(w io.Writer) error {
	tree := map[string]map[string]json.RawMessage{}
	for i, p := range r.Packages {
		if len(r.json[i]) > 0 {
			tree[p.ID] = r.json[i]
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// printPlain is driverutil.PrintPlain, which the multichecker uses.
func printPlain(out io.Writer, contextLines int, diag Diag) {
	print := func(posn, end token.Position, message string) {
		fmt.Fprintf(out, "%s: %s\n", posn, message)
		if contextLines >= 0 {
			if !end.IsValid() {
				end = posn
			}
			data, _ := os.ReadFile(posn.Filename)
			lines := strings.Split(string(data), "\n")
			for i := posn.Line - contextLines; i <= end.Line+contextLines; i++ {
				if 1 <= i && i <= len(lines) {
					fmt.Fprintf(out, "%d\t%s\n", i, lines[i-1])
				}
			}
		}
	}
	print(diag.Posn, diag.End, diag.Message)
	for _, rel := range diag.Related {
		print(rel.Posn, rel.End, "\t"+rel.Message)
	}
}

// printErrors is packages.PrintErrors, writing to w.
func printErrors(w io.Writer, pkgs []*packages.Package) int {
	var n int
	errModules := map[*packages.Module]bool{}
	for pkg := range packages.Postorder(pkgs) {
		for _, err := range pkg.Errors {
			fmt.Fprintln(w, err)
			n++
		}
		if mod := pkg.Module; mod != nil && mod.Error != nil && !errModules[mod] {
			errModules[mod] = true
			fmt.Fprintln(w, mod.Error.Err)
			n++
		}
	}
	return n
}

// A loader type-checks packages from source against the export data of
// their dependencies, as go/packages does in LoadSyntax mode.
type loader struct {
	fset  *token.FileSet
	sizes types.Sizes
	// For every package imported by a package to analyze: its types, read
	// from export data in dependency order by loadExports, and closed ready
	// channel once read (types then complete, or err set).
	deps  map[*packages.Package]*dep
	order []*packages.Package // deps, dependencies first
	// types of every package in the graph, by package: the view export data
	// is read into (guarded by exportMu).
	exportMu sync.Mutex
	tpkgs    map[*packages.Package]*types.Package
	cpu      chan struct{} // limits parsing and type-checking to GOMAXPROCS
	initial  map[*packages.Package]bool
}

type dep struct {
	ready chan struct{}
	types *types.Package
	err   error
	// needsrc is set for a package to analyze, or one that imports one:
	// go/packages type-checks those from source. This loader reads their
	// export data too, and only when there is none (they do not compile)
	// type-checks them from source (once, in src), as go/packages would,
	// so that a broken package costs its importers no extra errors.
	needsrc bool
	src     sync.Once
	srcDone struct {
		types    *types.Package
		illTyped bool
	}
}

func newLoader(initial []*packages.Package) *loader {
	l := &loader{
		fset:  token.NewFileSet(),
		deps:  map[*packages.Package]*dep{},
		tpkgs: map[*packages.Package]*types.Package{},
		cpu:   make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
	l.initial = map[*packages.Package]bool{}
	for _, p := range initial {
		l.initial[p] = true
	}
	needsrc := map[*packages.Package]bool{}
	for p := range packages.Postorder(initial) {
		if l.sizes == nil {
			l.sizes = p.TypesSizes
		}
		// As go/packages does: every package gets its types.Package before
		// any export data is read, so reading never creates one.
		l.tpkgs[p] = types.NewPackage(p.PkgPath, p.Name)
		needsrc[p] = l.initial[p]
		for _, imp := range p.Imports {
			needsrc[p] = needsrc[p] || needsrc[imp]
		}
	}
	// The packages whose types are needed: those imported by a package
	// type-checked from source.
	for p := range packages.Postorder(initial) {
		if !needsrc[p] {
			continue
		}
		for _, imp := range p.Imports {
			if l.deps[imp] == nil {
				l.deps[imp] = &dep{ready: make(chan struct{}), needsrc: needsrc[imp]}
			}
		}
	}
	for p := range packages.Postorder(initial) {
		if l.deps[p] != nil {
			l.order = append(l.order, p)
		}
	}
	return l
}

// loadExports reads the export data of every imported package, dependencies
// first.
func (l *loader) loadExports() {
	for _, p := range l.order {
		d := l.deps[p]
		d.types, d.err = l.readExport(p)
		close(d.ready)
	}
}

func (l *loader) readExport(p *packages.Package) (*types.Package, error) {
	if p.PkgPath == "unsafe" {
		return types.Unsafe, nil
	}
	if p.ExportFile == "" {
		return nil, fmt.Errorf("no export data file")
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rd, err := gcexportdata.NewReader(f)
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
	tpkg, err := gcexportdata.Read(rd, l.fset, view, p.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	l.tpkgs[p] = tpkg
	return tpkg, nil
}

// typeCheck parses and type-checks a package to analyze from source, as
// go/packages' loadPackage does, filling in its Syntax, Types, TypesInfo,
// TypeErrors, Errors and IllTyped.
func (l *loader) typeCheck(pkg *packages.Package) {
	pkg.Fset = l.fset
	pkg.TypesSizes = l.sizes
	if pkg.PkgPath == "unsafe" {
		pkg.Types = types.Unsafe
		pkg.Syntax = []*ast.File{}
		pkg.TypesInfo = NewTypesInfo()
		return
	}
	pkg.Types = types.NewPackage(pkg.PkgPath, pkg.Name)
	appendError := func(err error) {
		if terr, ok := err.(types.Error); ok {
			pkg.TypeErrors = append(pkg.TypeErrors, terr)
		}
		pkg.Errors = append(pkg.Errors, toPackagesErrors(err)...)
	}
	if len(pkg.CompiledGoFiles) == 0 && pkg.ExportFile != "" {
		appendError(packages.Error{Pos: "-", Msg: fmt.Sprintf("sources missing for package %s", pkg.ID), Kind: packages.ParseError})
		if d := l.deps[pkg]; d != nil {
			<-d.ready
			if d.types != nil {
				pkg.Types = d.types
			}
		}
		pkg.IllTyped = true
		return
	}
	pkg.TypesInfo = NewTypesInfo()
	var importsIllTyped bool
	pkg.Syntax, importsIllTyped = l.check(pkg, pkg.Types, pkg.TypesInfo, false, appendError, func() int { return len(pkg.Errors) })
	pkg.IllTyped = len(pkg.Errors) > 0 || importsIllTyped
}

// check parses pkg's files and type-checks them into tpkg and info,
// passing every error to appendError; nerrs tells how many errors the
// package has so far. It returns the files and whether an import is
// ill-typed.
func (l *loader) check(pkg *packages.Package, tpkg *types.Package, info *types.Info, ignoreBodies bool, appendError func(error), nerrs func() int) ([]*ast.File, bool) {
	parsed := make([]*ast.File, len(pkg.CompiledGoFiles))
	errs := make([]error, len(pkg.CompiledGoFiles))
	var wg sync.WaitGroup
	for i, name := range pkg.CompiledGoFiles {
		wg.Go(func() {
			src, err := os.ReadFile(name)
			if err != nil {
				errs[i] = err
				return
			}
			l.cpu <- struct{}{}
			// No ast.Object resolution: nothing in rtlint uses it.
			parsed[i], errs[i] = parser.ParseFile(l.fset, name, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
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
	for _, err := range errs {
		if err != nil {
			appendError(err)
		}
	}

	var importsIllTyped bool
	importer := importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		ipkg := pkg.Imports[path]
		d := l.deps[ipkg]
		if ipkg == nil || d == nil {
			return nil, fmt.Errorf("no metadata for %s", path)
		}
		t, ill, err := l.importDep(ipkg, d)
		importsIllTyped = importsIllTyped || ill
		return t, err
	})
	tc := &types.Config{Importer: importer, Error: appendError, Sizes: l.sizes, IgnoreFuncBodies: ignoreBodies}
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		tc.GoVersion = "go" + pkg.Module.GoVersion
	}
	l.cpu <- struct{}{}
	typErr := types.NewChecker(tc, l.fset, tpkg, info).Files(files)
	<-l.cpu
	if typErr != nil && nerrs() == 0 && len(files) > 0 {
		if msg := typErr.Error(); strings.HasPrefix(msg, "package requires newer Go version") {
			appendError(types.Error{Fset: l.fset, Pos: files[0].Package, Msg: msg})
		}
	}
	if typErr != nil && nerrs() == 0 {
		appendError(typErr)
	}
	// go/packages counts an import ill-typed only when it was type-checked
	// from source with errors or its export data could not be read; the
	// importer has recorded both.
	return files, importsIllTyped
}

// importDep returns the types of dependency p, from its export data, or
// from source if go/packages would have type-checked it from source and it
// has no export data (it does not compile). It also reports whether p is
// ill-typed as go/packages would see it.
func (l *loader) importDep(p *packages.Package, d *dep) (*types.Package, bool, error) {
	<-d.ready
	if d.err == nil {
		return d.types, false, nil
	}
	if !d.needsrc {
		return nil, true, d.err
	}
	d.src.Do(func() {
		tpkg := types.NewPackage(p.PkgPath, p.Name)
		var errs []packages.Error
		appendError := func(err error) { errs = append(errs, toPackagesErrors(err)...) }
		// A package to analyze reports its own errors when it is analyzed;
		// another package reports the errors go/packages would have found
		// with function bodies ignored.
		_, importsIllTyped := l.check(p, tpkg, NewTypesInfo(), !l.initial[p], appendError, func() int { return len(errs) })
		if !l.initial[p] {
			p.Errors = append(p.Errors, errs...)
		}
		d.srcDone.types = tpkg
		d.srcDone.illTyped = len(errs) > 0 || importsIllTyped
	})
	return d.srcDone.types, d.srcDone.illTyped, nil
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

// exportErrors adds to each dependency whose export data could not be read
// the error go/packages records for it. Packages go/packages would have
// type-checked from source are left alone: their errors are their own.
func (l *loader) exportErrors() {
	for _, p := range l.order {
		if d := l.deps[p]; d.err != nil && !d.needsrc {
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: d.err.Error(), Kind: packages.UnknownError})
		}
	}
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

// selected applies the multichecker's rule: if any -NAME flag is true, run
// only those; else all but the -NAME=false ones.
func selected(analyzers []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	var hasTrue, hasFalse bool
	for _, t := range enabled {
		hasTrue = hasTrue || *t == setTrue
		hasFalse = hasFalse || *t == setFalse
	}
	if !hasTrue && !hasFalse {
		return analyzers
	}
	var keep []*analysis.Analyzer
	for _, a := range analyzers {
		if (hasTrue && *enabled[a] == setTrue) || (!hasTrue && *enabled[a] != setFalse) {
			keep = append(keep, a)
		}
	}
	return keep
}

func usesFacts(analyzers []*analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	var visit func([]*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if !seen[a] {
				seen[a] = true
				if len(a.FactTypes) > 0 || visit(a.Requires) {
					return true
				}
			}
		}
		return false
	}
	return visit(analyzers)
}

// triState is the multichecker's -NAME flag: unset, true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }

func (ts *triState) String() string {
	switch *ts {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (ts *triState) Set(value string) error {
	b, err := strconv.ParseBool(value)
	if err != nil {
		return errors.New("want true or false")
	}
	if b {
		*ts = setTrue
	} else {
		*ts = setFalse
	}
	return nil
}
