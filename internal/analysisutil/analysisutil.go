// Package analysisutil holds small stateless helpers that several rtlint
// analyzers need: documentation extraction, callee matching by resolved
// object, and facts about the analyzed file (Go version, test file, main).
package analysisutil

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/rtlint/rtlint/internal/contract"
)

// Doc returns the analyzer documentation held in doc.go's package comment:
// the text after the "# Analyzer name" heading, whose first line reads
// "name: summary" (the "name: " is dropped, as drivers print the name). It panics on a malformed
// doc.go, which the suite tests catch before anything ships.
func Doc(docGo, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", docGo, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic("analysisutil.Doc: doc.go of " + name + " has no package comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name + "\n"
	_, after, ok := strings.Cut(text, heading)
	if !ok {
		panic("analysisutil.Doc: doc.go of " + name + " lacks the heading " + strings.TrimSpace(heading))
	}
	after = strings.TrimSpace(after)
	// The first line is "name: summary"; drivers print the name themselves.
	return strings.TrimPrefix(after, name+": ")
}

// URL is the documentation address of an analyzer.
func URL(name string) string {
	return "https://pkg.go.dev/github.com/rtlint/rtlint/analyzers/" + name
}

// Imports reports whether pkg imports path directly.
func Imports(pkg *types.Package, path string) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// Callee returns the function or method a call statically calls, or nil.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// IsPkgFunc reports whether fn is the package-level function pkgPath.name.
func IsPkgFunc(fn *types.Func, pkgPath string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// IsCallTo reports whether call statically calls one of the named
// package-level functions of pkgPath.
func IsCallTo(info *types.Info, call *ast.CallExpr, pkgPath string, names ...string) bool {
	return IsPkgFunc(Callee(info, call), pkgPath, names...)
}

// IsMethod reports whether fn is the method name of the named type
// pkgPath.typeName (on a pointer or value receiver).
func IsMethod(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Name() == typeName
}

// File returns the syntax tree of the pass's file that contains pos.
func File(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// ReadFile returns the contents of one of the package's files: through
// pass.ReadFile when the driver sets it (the x/tools checker, go vet,
// gopls, golangci-lint), else from disk: Bazel's nogo builds passes
// without ReadFile, and calling the nil func would crash the build action.
func ReadFile(pass *analysis.Pass, filename string) ([]byte, error) {
	if pass.ReadFile != nil {
		return pass.ReadFile(filename)
	}
	return os.ReadFile(filename)
}

// IsTestFile reports whether pos is in a _test.go file.
func IsTestFile(pass *analysis.Pass, pos token.Pos) bool {
	// The file's own name, not the //line-adjusted position: cheaper (no
	// line lookup, and this runs per node), and the same for test files,
	// which cannot use cgo.
	f := pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// IsMain reports whether the analyzed package is a main package.
func IsMain(pass *analysis.Pass) bool {
	return pass.Pkg.Name() == "main"
}

// FileVersion returns the Go language version of the file: its //go:build
// constraint or the module's go line ("go1.23"), or "" if unknown.
func FileVersion(pass *analysis.Pass, f *ast.File) string {
	if f != nil && pass.TypesInfo != nil {
		if v := pass.TypesInfo.FileVersions[f]; v != "" {
			return v
		}
	}
	return pass.Pkg.GoVersion()
}

// AtLeast reports whether version v is at least min ("go1.23"). An unknown
// version (empty) counts as the newest, as the compiler treats it.
func AtLeast(v, min string) bool {
	if v == "" {
		return true
	}
	return contract.CompareVersions(v, min) >= 0
}

// Qualifier returns how file refers to package path: its import name
// ("runtime", a renamed "rt"), "" for a dot import, and false if the file
// does not import it.
func Qualifier(pass *analysis.Pass, file *ast.File, path string) (string, bool) {
	for _, imp := range file.Imports {
		if strings.Trim(imp.Path.Value, "`\"") != path {
			continue
		}
		if imp.Name != nil {
			switch imp.Name.Name {
			case "_":
				continue
			case ".":
				return "", true
			}
			return imp.Name.Name, true
		}
		if obj := pass.TypesInfo.Implicits[imp]; obj != nil {
			return obj.Name(), true
		}
		return path[strings.LastIndex(path, "/")+1:], true
	}
	return "", false
}

// Assignment returns the left- and right-hand sides of an assignment or a
// variable declaration (`x, y = a, b`, `x := f()`, `var x, y = a, b`;
// rhs is empty for `var x T`), or ok false for any other node.
func Assignment(n ast.Node) (lhs, rhs []ast.Expr, ok bool) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs, n.Rhs, true
	case *ast.ValueSpec:
		lhs = make([]ast.Expr, len(n.Names))
		for i, name := range n.Names {
			lhs[i] = name
		}
		return lhs, n.Values, true
	}
	return nil, nil, false
}
