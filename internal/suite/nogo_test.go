package suite_test

// The properties that let any go/analysis driver host the suite: go vet
// -vettool, golangci-lint, gopls-style servers, and Bazel's nogo, which
// links the analyzers into its own driver and runs them inside the build,
// one package per action, with a pass that fills fewer fields than the
// x/tools checker does.

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

// closure returns the suite's analyzers and every analyzer they require.
func closure() []*analysis.Analyzer {
	var all []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func([]*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if !seen[a] {
				seen[a] = true
				visit(a.Requires)
				all = append(all, a)
			}
		}
	}
	visit(suite.Analyzers())
	return all
}

// TestPlainAnalyzers checks that every analyzer, and every one it
// requires, is a plain *analysis.Analyzer a foreign driver can run: valid,
// with a Run function, and with fact types that are pointers, implement
// analysis.Fact and survive gob, which drivers use to pass facts between
// packages (go vet's .vetx files, nogo's .fact archives).
func TestPlainAnalyzers(t *testing.T) {
	all := closure()
	if err := analysis.Validate(all); err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.Run == nil {
			t.Errorf("%s: no Run", a.Name)
		}
		for _, f := range a.FactTypes {
			typ := reflect.TypeOf(f)
			if typ.Kind() != reflect.Pointer {
				t.Errorf("%s: fact type %v is not a pointer", a.Name, typ)
				continue
			}
			// Drivers register every fact type with gob (analysisflags,
			// unitchecker, nogo); registering twice is harmless.
			gob.Register(f)
			zero := reflect.New(typ.Elem()).Interface().(analysis.Fact)
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(&zero); err != nil {
				t.Errorf("%s: fact %v does not encode: %v", a.Name, typ, err)
				continue
			}
			var back analysis.Fact
			if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
				t.Errorf("%s: fact %v does not decode: %v", a.Name, typ, err)
			} else if reflect.TypeOf(back) != typ {
				t.Errorf("%s: fact %v decodes as %T", a.Name, typ, back)
			}
		}
	}
}

// statePackages loads, without tests, the packages of this module that
// hold the suite's analyzers and what they import from this module.
func statePackages(t *testing.T) []*packages.Package {
	t.Helper()
	const module = "github.com/rtlint/rtlint/"
	cfg := &packages.Config{
		Mode: packages.LoadSyntax | packages.NeedDeps | packages.NeedEmbedFiles,
		Dir:  testutil.Root(),
	}
	var patterns []string
	for _, a := range closure() {
		if fn := runtimeFuncPkg(a); strings.HasPrefix(fn, module) {
			patterns = append(patterns, fn)
		}
	}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []*packages.Package
	for p := range packages.Postorder(roots) {
		if strings.HasPrefix(p.PkgPath, module) {
			if len(p.Errors) > 0 {
				t.Fatalf("%s: %v", p.PkgPath, p.Errors)
			}
			pkgs = append(pkgs, p)
		}
	}
	return pkgs
}

func funcName(f any) string {
	return runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
}

// runtimeFuncPkg returns the import path of the package whose function
// runs analyzer a.
func runtimeFuncPkg(a *analysis.Analyzer) string {
	name := funcName(a.Run)
	// "github.com/x/y/pkg.run" or "github.com/x/y/pkg.(*T).m" or "...pkg.f.func1"
	slash := strings.LastIndex(name, "/")
	dot := strings.Index(name[slash+1:], ".")
	if dot < 0 {
		return name
	}
	return name[:slash+1+dot]
}

// mutableOK lists package-level variables that are written after
// initialisation, each with why that is safe when a driver analyzes many
// packages at once in one process.
var mutableOK = map[string]string{
	"internal/contract.defaultOnce": "sync.Once guarding Default(): the toolchain is detected once per process, then only read",
	"internal/contract.defaultTC":   "written once under defaultOnce, then only read",
	"internal/linkcheck.memo":       "sync.Map of per-target lazy indexes, each built once under its own sync.Once, then only read",
}

// TestNoPackageState checks that the analyzers keep no state between
// packages, so that drivers may analyze packages in parallel in one
// process (the checker, golangci-lint, nogo workers, the language server).
// A package-level variable may be an *analysis.Analyzer, an embedded
// document, a compiled regexp, or a table that no function writes; any
// other must be listed, with its justification, in mutableOK. No package
// may have an init function.
func TestNoPackageState(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the analyzers; skipped with -short")
	}
	const module = "github.com/rtlint/rtlint/"
	used := map[string]bool{}
	for _, p := range statePackages(t) {
		written := writtenVars(p)
		embedded := embeddedVars(p)
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			obj := scope.Lookup(name)
			if fn, ok := obj.(*types.Func); ok && fn.Name() == "init" {
				t.Errorf("%s has an init function", p.PkgPath)
			}
			v, ok := obj.(*types.Var)
			if !ok {
				continue
			}
			key := strings.TrimPrefix(p.PkgPath, module) + "." + v.Name()
			if why, ok := mutableOK[key]; ok {
				used[key] = true
				t.Logf("%s: allowed: %s", key, why)
				continue
			}
			switch {
			case isType(v.Type(), "golang.org/x/tools/go/analysis", "Analyzer", true):
				// The analyzers themselves; their flags are set before any run.
			case embedded[v]:
			case isType(v.Type(), "regexp", "Regexp", true):
				// Compiled regexps are safe for concurrent use.
			case hasSync(v.Type(), map[types.Type]bool{}):
				t.Errorf("%s: package-level %s holds synchronisation, so it is shared state; list it in mutableOK with why it is safe, or move it into the pass", key, v.Type())
			case written[v] != "":
				t.Errorf("%s: package-level variable written at %s: drivers analyze packages in parallel; keep state in the pass", key, written[v])
			}
		}
	}
	for key := range mutableOK {
		if !used[key] {
			t.Errorf("mutableOK lists %s, which no longer exists", key)
		}
	}
}

func isType(t types.Type, pkg, name string, ptr bool) bool {
	if ptr {
		p, ok := t.(*types.Pointer)
		if !ok {
			return false
		}
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// hasSync reports whether t contains a sync or sync/atomic type or a
// channel: the mark of state shared between goroutines.
func hasSync(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if p := t.Obj().Pkg(); p != nil && (p.Path() == "sync" || p.Path() == "sync/atomic") {
			return true
		}
		return hasSync(t.Underlying(), seen)
	case *types.Chan:
		return true
	case *types.Pointer:
		return hasSync(t.Elem(), seen)
	case *types.Slice:
		return hasSync(t.Elem(), seen)
	case *types.Array:
		return hasSync(t.Elem(), seen)
	case *types.Map:
		return hasSync(t.Key(), seen) || hasSync(t.Elem(), seen)
	case *types.Struct:
		for f := range t.Fields() {
			if hasSync(f.Type(), seen) {
				return true
			}
		}
	}
	return false
}

// embeddedVars returns the package-level variables initialised by a
// //go:embed directive.
func embeddedVars(p *packages.Package) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	for _, f := range p.Syntax {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				doc := vs.Doc
				if doc == nil && len(gd.Specs) == 1 {
					doc = gd.Doc
				}
				if doc == nil || !slices.ContainsFunc(doc.List, func(c *ast.Comment) bool { return strings.HasPrefix(c.Text, "//go:embed ") }) {
					continue
				}
				for _, name := range vs.Names {
					if v, ok := p.TypesInfo.Defs[name].(*types.Var); ok {
						out[v] = true
					}
				}
			}
		}
	}
	return out
}

// writtenVars returns the package-level variables of p that a function
// body may write, with the position of the first such place: assigned,
// incremented, an element or field assigned, its address or a field's
// taken, deleted from or cleared, or a pointer method called on it.
func writtenVars(p *packages.Package) map[*types.Var]string {
	out := map[*types.Var]string{}
	pkgVar := func(e ast.Expr) *types.Var {
		for {
			switch x := ast.Unparen(e).(type) {
			case *ast.Ident:
				v, ok := p.TypesInfo.Uses[x].(*types.Var)
				if ok && v.Parent() == p.Types.Scope() {
					return v
				}
				return nil
			case *ast.SelectorExpr:
				// A field of the variable, or of what it points to: either
				// way, state every package shares.
				if sel := p.TypesInfo.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
					return nil
				}
				e = x.X
			case *ast.IndexExpr:
				switch p.TypesInfo.TypeOf(x.X).Underlying().(type) {
				case *types.Array, *types.Slice, *types.Map, *types.Pointer:
					e = x.X
				default:
					return nil
				}
			case *ast.StarExpr:
				e = x.X
			default:
				return nil
			}
		}
	}
	mark := func(e ast.Expr, at token.Pos) {
		if v := pkgVar(e); v != nil && out[v] == "" {
			out[v] = p.Fset.Position(at).String()
		}
	}
	for _, f := range p.Syntax {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, lhs := range n.Lhs {
						mark(lhs, n.Pos())
					}
				case *ast.IncDecStmt:
					mark(n.X, n.Pos())
				case *ast.UnaryExpr:
					// &v or &v.f may be written through; &v[i] is how
					// a loop reads a table of structs without copying.
					if _, isIndex := ast.Unparen(n.X).(*ast.IndexExpr); n.Op == token.AND && !isIndex {
						mark(n.X, n.Pos())
					}
				case *ast.RangeStmt:
					if n.Key != nil {
						mark(n.Key, n.Pos())
					}
					if n.Value != nil {
						mark(n.Value, n.Pos())
					}
				case *ast.CallExpr:
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
						if b, ok := p.TypesInfo.Uses[id].(*types.Builtin); ok && (b.Name() == "delete" || b.Name() == "clear") && len(n.Args) > 0 {
							mark(n.Args[0], n.Pos())
						}
					}
					if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
						if s := p.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
							if sig := s.Obj().Type().(*types.Signature); sig.Recv() != nil {
								if _, ptrRecv := sig.Recv().Type().(*types.Pointer); ptrRecv && !s.Indirect() {
									mark(sel.X, n.Pos())
								}
							}
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// TestNogoPass runs every analyzer on its test data through a pass like the
// one Bazel's nogo builds (rules_go go/tools/builders/nogo_main.go): no
// ReadFile, Module, OtherFiles, IgnoredFiles or TypeErrors, no
// FileVersions in the type information, facts that are never there. The
// analyzers must not panic or fail, and must still report their findings.
func TestNogoPass(t *testing.T) {
	if testing.Short() {
		t.Skip("loads all test data; skipped with -short")
	}
	src := filepath.Join(testutil.Testdata(), "src")
	cfg := &packages.Config{
		Mode: packages.LoadSyntax,
		Dir:  src,
		Env:  append(os.Environ(), "GOPATH="+testutil.Testdata(), "GO111MODULE=off", "GOPROXY=off"),
	}
	for _, a := range suite.Analyzers() {
		t.Run(a.Name, func(t *testing.T) {
			pkgs, err := packages.Load(cfg, "./"+a.Name+"/...")
			if err != nil {
				t.Fatal(err)
			}
			var found int
			for _, p := range pkgs {
				if len(p.TypeErrors) > 0 {
					continue // the analyzer's own tests cover ill-typed test data
				}
				diags, err := nogoRun(a, p)
				if err != nil {
					t.Errorf("%s on %s: %v", a.Name, p.PkgPath, err)
				}
				found += len(diags)
			}
			if found == 0 && a.Name != "directives" {
				t.Errorf("%s reported nothing on its test data under a nogo-style pass", a.Name)
			}
		})
	}
}

// nogoRun runs a and what it requires on p as nogo does, turning a panic
// into an error.
func nogoRun(a *analysis.Analyzer, p *packages.Package) (diags []analysis.Diagnostic, err error) {
	info := *p.TypesInfo
	info.FileVersions = nil // nogo does not ask for them
	results := map[*analysis.Analyzer]any{}
	var run func(a *analysis.Analyzer) error
	run = func(a *analysis.Analyzer) (err error) {
		if _, ok := results[a]; ok {
			return nil
		}
		inputs := map[*analysis.Analyzer]any{}
		for _, req := range a.Requires {
			if err := run(req); err != nil {
				return err
			}
			inputs[req] = results[req]
		}
		pass := &analysis.Pass{
			Analyzer:          a,
			Fset:              p.Fset,
			Files:             p.Syntax,
			Pkg:               p.Types,
			TypesInfo:         &info,
			TypesSizes:        p.TypesSizes,
			ResultOf:          inputs,
			Report:            func(d analysis.Diagnostic) { diags = append(diags, d) },
			ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
			ExportObjectFact:  func(types.Object, analysis.Fact) {},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportPackageFact: func(analysis.Fact) {},
			AllObjectFacts:    func() []analysis.ObjectFact { return nil },
			AllPackageFacts:   func() []analysis.PackageFact { return nil },
		}
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%s panicked: %v", a.Name, r)
			}
		}()
		res, err := a.Run(pass)
		if err != nil {
			return fmt.Errorf("%s: %v", a.Name, err)
		}
		results[a] = res
		return nil
	}
	err = run(a)
	sort.Slice(diags, func(i, j int) bool { return diags[i].Pos < diags[j].Pos })
	return diags, err
}
