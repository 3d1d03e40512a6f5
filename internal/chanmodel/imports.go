package chanmodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// newProgram creates the SSA program and package of the pass. Creating an
// imported package the usual way allocates a member for everything it
// declares and every method of its types, which costs more than building
// most packages; an imported package is created here with the members the
// builder looks up, the package-level functions and variables the package
// names (from a declaration list made for it), and the builder makes the
// methods of other packages' types on demand. With BareInits the package
// initializer calls no imported initializer. When the builder still misses
// something, every import is created in full and the package built again.
func newProgram(pass *analysis.Pass, syn *syntax, info *types.Info) (*ssa.Package, error) {
	pkg, err := buildWith(pass, syn, info, false)
	if err == nil {
		return pkg, nil
	}
	return buildWith(pass, syn, info, true)
}

func buildWith(pass *analysis.Pass, syn *syntax, info *types.Info, full bool) (*ssa.Package, error) {
	prog := ssa.NewProgram(pass.Fset, ssa.BareInits)
	prog.SetNoReturn(analysisutil.NeverReturns)
	var pkg *ssa.Package
	err := safely(func() {
		if full {
			for _, p := range pass.Pkg.Imports() {
				prog.CreatePackage(p, nil, nil, true)
			}
		} else {
			for p, decls := range usedImports(pass) {
				prog.CreatePackage(p, []*ast.File{{Name: ast.NewIdent(p.Name()), Decls: decls.list}}, decls.info, true)
			}
		}
		pkg = prog.CreatePackage(pass.Pkg, syn.files, info, false)
		pkg.Build()
	})
	return pkg, err
}

// decls is the declaration list of the members of an imported package the
// package uses, with the objects they declare.
type decls struct {
	list []ast.Decl
	info *types.Info
}

// usedImports returns, for each package whose package-level functions or
// variables the package refers to, declarations of those.
func usedImports(pass *analysis.Pass) map[*types.Package]*decls {
	out := make(map[*types.Package]*decls)
	done := make(map[types.Object]bool)
	for _, obj := range pass.TypesInfo.Uses {
		p := obj.Pkg()
		if p == nil || p == pass.Pkg || done[obj] {
			continue
		}
		var decl ast.Decl
		id := ast.NewIdent(obj.Name())
		switch obj := obj.(type) {
		case *types.Func:
			if obj.Signature().Recv() != nil {
				continue
			}
			decl = &ast.FuncDecl{Name: id, Type: &ast.FuncType{Params: &ast.FieldList{}}}
		case *types.Var:
			if p.Scope().Lookup(obj.Name()) != obj {
				continue
			}
			decl = &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{Names: []*ast.Ident{id}}}}
		default:
			continue
		}
		done[obj] = true
		d := out[p]
		if d == nil {
			d = &decls{info: &types.Info{Defs: make(map[*ast.Ident]types.Object)}}
			out[p] = d
		}
		d.list = append(d.list, decl)
		d.info.Defs[id] = obj
	}
	return out
}

// safely runs f, turning a panic into an error.
func safely(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	f()
	return nil
}
