package chanmodel

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// ContextAt returns how code at the operation can reach a
// context.Context: a parameter or an earlier local of an enclosing
// function or func literal ("ctx"), or a context field of the receiver of
// the method around it ("s.ctx"). It returns "" if there is none.
func (m *Model) ContextAt(op *Op) string {
	top := op.Fn
	for top.Parent() != nil {
		top = top.Parent()
	}
	decl, _ := top.Syntax().(*ast.FuncDecl)
	return ContextInScope(m.Pass.Pkg, m.Pass.TypesInfo, op.Pos, decl)
}

// ContextInScope returns how code at pos can reach a context.Context: a
// parameter or an earlier local of an enclosing function or func literal
// ("ctx"), or a context field of the receiver of decl, the declaration
// around pos ("s.ctx"). It returns "" if there is none.
func ContextInScope(pkg *types.Package, info *types.Info, pos token.Pos, decl *ast.FuncDecl) string {
	s := pkg.Scope().Innermost(pos)
	for ; s != nil && s != pkg.Scope() && s != types.Universe; s = s.Parent() {
		if s.Parent() == pkg.Scope() {
			break // a file scope
		}
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if ok && v.Pos() < pos && analysisutil.IsContext(v.Type()) {
				return name
			}
		}
	}
	if decl == nil || decl.Recv == nil || len(decl.Recv.List) == 0 || len(decl.Recv.List[0].Names) == 0 {
		return ""
	}
	recv, ok := info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok || recv.Name() == "_" {
		return ""
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if st, ok := t.Underlying().(*types.Struct); ok {
		for i := range st.NumFields() {
			if f := st.Field(i); analysisutil.IsContext(f.Type()) {
				return recv.Name() + "." + f.Name()
			}
		}
	}
	return ""
}

// SelectsOnDone reports whether a select has a case receiving from a
// Done channel (a context's).
func (m *Model) SelectsOnDone(sel *ssa.Select) bool {
	for _, st := range sel.States {
		if c := m.Class(st.Chan); st.Dir == types.RecvOnly && c != nil && c.Done {
			return true
		}
	}
	return false
}

// LeakProfileHint says how to confirm a leak at run time with the
// toolchain the user builds with, and the fact that proves it: the
// goroutineleak profile exists only behind GOEXPERIMENT=goroutineleakprofile
// in go1.26 and is registered by default from go1.27. It depends on the
// toolchain version, not the file's language version, because the profile
// is part of the runtime the program is linked with. It returns "" before
// go1.26 or when the version is unknown.
func LeakProfileHint(toolchain string) (string, Fact) {
	switch {
	case toolchain == "" || contract.CompareVersions(toolchain, "go1.26") < 0:
		return "", 0
	case contract.CompareVersions(toolchain, "go1.27") >= 0:
		return `to confirm at run time, write pprof.Lookup("goroutineleak") once nothing else can reach the channel (in tests, go.uber.org/goleak)`,
			LeakProfileFinds
	default:
		return `to confirm at run time, build with GOEXPERIMENT=goroutineleakprofile and write pprof.Lookup("goroutineleak") once nothing else can reach the channel (in tests, go.uber.org/goleak)`,
			LeakProfileNeedsExperiment
	}
}
