package analysisutil

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"golang.org/x/tools/go/ast/inspector"
)

// TestEnclosingFunc checks the innermost function around a node, and that
// a top-level declaration has none (walking up past the file must not
// step off the root).
func TestEnclosingFunc(t *testing.T) {
	src := "package p\nfunc f() { g := func() { h() }; _ = g }\n"
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	root := inspector.New([]*ast.File{f}).Root()
	for c := range root.Preorder((*ast.CallExpr)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn, ok := EnclosingFunc(c)
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if ok {
				t.Errorf("EnclosingFunc(func %s) = %T, want none", n.Name.Name, fn.Node())
			}
		case *ast.FuncLit:
			if _, isDecl := fn.Node().(*ast.FuncDecl); !ok || !isDecl {
				t.Errorf("EnclosingFunc(func literal) = %T, want the declaration", fn.Node())
			}
		case *ast.CallExpr:
			if _, isLit := fn.Node().(*ast.FuncLit); !ok || !isLit {
				t.Errorf("EnclosingFunc(h()) = %T, want the literal", fn.Node())
			}
		}
	}
}
