package analysisutil

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestAssignment(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "a.go", `package p

func f() {
	x, y := 1, 2
	var a, b int
	var c = 3
	x++
}
`, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lhs, rhs, ok := Assignment(n); ok {
			s := ""
			for _, l := range lhs {
				s += l.(*ast.Ident).Name
			}
			got = append(got, s+"="+string(rune('0'+len(rhs))))
		}
		return true
	})
	want := []string{"xy=2", "ab=0", "c=1"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
		}
	}
}
