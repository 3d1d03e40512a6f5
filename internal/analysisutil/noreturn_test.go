package analysisutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// TestNoReturn checks the one no-return list on calls as written, so that
// each kind it knows (builtin, function, Logger method, testing method)
// and a look-alike it must not match are decided from resolved objects.
func TestNoReturn(t *testing.T) {
	const src = `package p

import (
	"log"
	"os"
	"runtime"
	"testing"
)

type T struct{}

func (T) Fatal(...any) {}

func f(l *log.Logger, tt *testing.T, b *testing.B, mine T) {
	panic("x")         // true
	os.Exit(1)         // true
	runtime.Goexit()   // true
	log.Fatalf("x")    // true
	l.Panicln("x")     // true
	tt.FailNow()       // true
	b.Skipf("x")       // true
	mine.Fatal("x")    // false: not testing's
	log.Println("x")   // false
	tt.Log("x")        // false
	runtime.Gosched()  // false
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	want := map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			want[fset.Position(c.Pos()).Line] = c.Text[len("// "):len("// ")+4] == "true"
		}
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		call, ok := node.(*ast.CallExpr)
		if !ok {
			return true
		}
		line := fset.Position(call.Pos()).Line
		w, ok := want[line]
		if !ok {
			return true
		}
		n++
		if got := analysisutil.NoReturn(info, call); got != w {
			t.Errorf("line %d: NoReturn = %v, want %v", line, got, w)
		}
		// Of those, only Goexit and the testing methods end the goroutine
		// and leave the process running.
		fn := analysisutil.Callee(info, call)
		ends := fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == "runtime" || fn.Pkg().Path() == "testing") && w
		if got := analysisutil.EndsGoroutine(fn); got != ends {
			t.Errorf("line %d: EndsGoroutine = %v, want %v", line, got, ends)
		}
		return true
	})
	if n != 11 {
		t.Errorf("checked %d calls, want 11", n)
	}
}
