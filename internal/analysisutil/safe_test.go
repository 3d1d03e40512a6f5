package analysisutil_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// TestSafe runs a panicking analyzer, made Safe, whose Run reads the result
// of the analyzer it requires by the original's key: the panic becomes an
// error naming analyzer and package, the result is found, and the
// analyzer beside it still runs.
func TestSafe(t *testing.T) {
	base := &analysis.Analyzer{Name: "base", Doc: "base", ResultType: reflect.TypeFor[int](),
		Run: func(*analysis.Pass) (any, error) { return 42, nil }}
	var saw any
	boom := &analysis.Analyzer{Name: "boom", Doc: "boom", Requires: []*analysis.Analyzer{base},
		Run: func(pass *analysis.Pass) (any, error) {
			saw = pass.ResultOf[base]
			var m map[string]int
			m["x"] = 1 //lint:ignore SA5000 the panic is what Safe must catch
			return nil, nil
		}}
	fine := &analysis.Analyzer{Name: "fine", Doc: "fine", Requires: []*analysis.Analyzer{base},
		Run: func(pass *analysis.Pass) (any, error) {
			pass.Reportf(pass.Files[0].Package, "ran")
			return nil, nil
		}}

	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	tpkg, err := new(types.Config).Check("example.com/p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pkg := &packages.Package{ID: "example.com/p", PkgPath: "example.com/p", Name: "p", Fset: fset,
		Syntax: []*ast.File{f}, Types: tpkg, TypesInfo: info, TypesSizes: types.SizesFor("gc", "amd64")}

	graph, err := checker.Analyze(analysisutil.Safe([]*analysis.Analyzer{boom, fine}), []*packages.Package{pkg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var boomErr error
	var fineDiags int
	for act := range graph.All() {
		switch act.Analyzer.Name {
		case "boom":
			boomErr = act.Err
		case "fine":
			fineDiags = len(act.Diagnostics)
			if act.Err != nil {
				t.Errorf("fine: %v", act.Err)
			}
		}
	}
	if boomErr == nil || !strings.Contains(boomErr.Error(), "analyzer boom"+analysisutil.PanicMarker+"example.com/p") ||
		!strings.Contains(boomErr.Error(), "assignment to entry in nil map") {
		t.Errorf("boom's error = %v, want the panic, naming analyzer and package", boomErr)
	}
	if saw != 42 {
		t.Errorf("boom read ResultOf[base] = %v, want 42: the result must be keyed by the original analyzer", saw)
	}
	if fineDiags != 1 {
		t.Errorf("fine reported %d diagnostics, want 1", fineDiags)
	}
}

// TestSafeWith: prepare sees each pass before the original Run does, and
// what it sets is what Run reads.
func TestSafeWith(t *testing.T) {
	var got string
	a := &analysis.Analyzer{Name: "reader", Doc: "reader", Run: func(pass *analysis.Pass) (any, error) {
		b, err := pass.ReadFile("p.go")
		got = string(b)
		return nil, err
	}}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	tpkg, err := new(types.Config).Check("example.com/p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pkg := &packages.Package{ID: "example.com/p", PkgPath: "example.com/p", Name: "p", Fset: fset,
		Syntax: []*ast.File{f}, Types: tpkg, TypesInfo: info, TypesSizes: types.SizesFor("gc", "amd64")}
	safe := analysisutil.SafeWith([]*analysis.Analyzer{a}, func(pass *analysis.Pass) {
		pass.ReadFile = func(string) ([]byte, error) { return []byte("package p // unsaved\n"), nil }
	})
	if _, err := checker.Analyze(safe, []*packages.Package{pkg}, nil); err != nil {
		t.Fatal(err)
	}
	if got != "package p // unsaved\n" {
		t.Errorf("Run read %q, not what prepare set", got)
	}
}
