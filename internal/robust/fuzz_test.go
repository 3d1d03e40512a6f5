package robust_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/driver"
	"github.com/rtlint/rtlint/internal/robust"
	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

// fuzzEnv is what every fuzz input is checked against: the standard
// library from export data, the test data's stand-ins for other modules
// (golang.org/x/sync/errgroup) from source, and one file set for all, so
// that every position an analyzer sees is in the pass's set.
type fuzzEnv struct {
	fset  *token.FileSet
	std   *robust.StdImporter
	stubs map[string]*types.Package
	safe  []*analysis.Analyzer
}

func (e *fuzzEnv) Import(path string) (*types.Package, error) {
	if p := e.stubs[path]; p != nil {
		return p, nil
	}
	return e.std.Import(path)
}

var (
	fuzzMu  sync.Mutex
	fuzzCur *fuzzEnv
)

// environment returns the fuzz environment, made afresh once its file set
// has grown large (every input is parsed into it).
func environment(t testing.TB) *fuzzEnv {
	fuzzMu.Lock()
	defer fuzzMu.Unlock()
	if fuzzCur != nil && fuzzCur.fset.Base() < 1<<28 {
		return fuzzCur
	}
	e := &fuzzEnv{fset: token.NewFileSet(), stubs: map[string]*types.Package{}, safe: robust.Safe(suite.Analyzers())}
	var err error
	if e.std, err = robust.NewStdImporter(goroot(t), e.fset); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"golang.org/x/sync/errgroup"} {
		dir := filepath.Join(testutil.Testdata(), "src", filepath.FromSlash(path))
		names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		var srcs []string
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, string(b))
		}
		pkg, err := e.check(path, srcs...)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		e.stubs[path] = pkg.Types
	}
	fuzzCur = e
	return e
}

// check parses and type-checks srcs as the files of package path.
func (e *fuzzEnv) check(path string, srcs ...string) (*packages.Package, error) {
	var files []*ast.File
	var names []string
	for i, src := range srcs {
		name := fmt.Sprintf("%s/f%d.go", path, i)
		f, err := parser.ParseFile(e.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if strings.Contains(src, `import "C"`) {
			return nil, fmt.Errorf("cgo")
		}
		files, names = append(files, f), append(names, name)
	}
	info := driver.NewTypesInfo()
	var typeErr error
	conf := &types.Config{
		Importer:  e,
		Sizes:     types.SizesFor("gc", runtime.GOARCH),
		GoVersion: "go1.26",
		Error: func(err error) {
			if typeErr == nil {
				typeErr = err
			}
		},
	}
	tpkg, _ := conf.Check(path, e.fset, files, info)
	if typeErr != nil {
		return nil, typeErr
	}
	return &packages.Package{
		ID: path, Name: tpkg.Name(), PkgPath: path, GoFiles: names, CompiledGoFiles: names,
		Fset: e.fset, Syntax: files, Types: tpkg, TypesInfo: info, TypesSizes: conf.Sizes,
	}, nil
}

// FuzzAnalyzers mutates the test data of the flow-sensitive analyzers
// (doubleclose, closeowner, golifecycle and ctxblock on chanmodel's SSA
// channel model, deferloop, lockthread, timeafter, gosched): each input
// is a package's positive.go and negative.go, and every analyzer runs on
// each mutant that still type-checks. None may panic or fail.
//
//	go test -run '^$' -fuzz FuzzAnalyzers -fuzztime 10m ./internal/robust
//
// What a run finds new is kept in testdata/fuzz/FuzzAnalyzers (see
// bench/README.md), so that every go test replays it.
func FuzzAnalyzers(f *testing.F) {
	e := environment(f)
	for _, dir := range []string{"doubleclose", "closeowner", "golifecycle", "ctxblock", "deferloop", "lockthread", "timeafter", "gosched"} {
		var srcs []string
		for _, name := range []string{"positive.go", "negative.go"} {
			src, err := os.ReadFile(filepath.Join(testutil.Testdata(), "src", dir, name))
			if err != nil {
				f.Fatal(err)
			}
			srcs = append(srcs, string(src))
		}
		// A harness whose seeds do not type-check never reaches the
		// analyzers; and one on which the analyzers report nothing tests
		// nothing.
		pkg, err := e.check(dir, srcs...)
		if err != nil {
			f.Fatalf("seed %s does not type-check: %v", dir, err)
		}
		graph, err := checker.Analyze(e.safe, []*packages.Package{pkg}, nil)
		if err != nil {
			f.Fatal(err)
		}
		found := map[string]int{}
		for act := range graph.All() {
			found[act.Analyzer.Name] += len(act.Diagnostics)
		}
		if found[dir] == 0 {
			f.Fatalf("seed %s: no %s findings", dir, dir)
		}
		f.Add(srcs[0], srcs[1])
	}
	f.Fuzz(func(t *testing.T, positive, negative string) {
		e := environment(t)
		pkg, err := e.check("fuzz", positive, negative)
		if err != nil {
			return
		}
		graph, err := checker.Analyze(e.safe, []*packages.Package{pkg}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for act := range graph.All() {
			if act.Err != nil {
				t.Errorf("%s: %v\n--- positive.go ---\n%s\n--- negative.go ---\n%s", act.Analyzer.Name, act.Err, positive, negative)
			}
		}
	})
}
