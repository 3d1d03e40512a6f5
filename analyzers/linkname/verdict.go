package linkname

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/linkcheck"
)

// The linker's verdict on a pull, in words, with the contracts that prove
// it.

// verdict words the link-time verdict for a pull and names the contracts
// that prove it.
func (ck *checker) verdict(p *pull, v linkcheck.Verdict) (string, []contract.ID) {
	sym := p.target
	failure := func() (string, []contract.ID) {
		switch v.Kind {
		case linkcheck.Blocked:
			who := "no package"
			if len(v.Allowed) > 0 {
				who = "only " + strings.Join(v.Allowed, ", ")
			}
			return fmt.Sprintf("the linker's blockedLinknames (%s) lets %s pull it, so linking stops with \"invalid reference to %s\"", v.Where, who, sym),
				[]contract.ID{contract.LinknameBlockedFailsLink, contract.LinknamePullNeedsPush}
		case linkcheck.NotPushed:
			return fmt.Sprintf("%s does not push it (its definition at %s has no //go:linkname), so linking stops with \"invalid reference to %s\"", v.Pkg, v.Where, sym),
				[]contract.ID{contract.LinknameBlockedFailsLink, contract.LinknamePushAllowsPull}
		case linkcheck.AsmNotPushed:
			return fmt.Sprintf("it is an assembly symbol (%s) whose Go declaration has no //go:linkname push, and since Go 1.27 the linker no longer counts assembly as a push, so linking stops with \"invalid reference to %s\"", v.Where, sym),
				[]contract.ID{contract.LinknameBlockedFailsLink, contract.AsmDeclMustBePushed}
		case linkcheck.StdOnly:
			return fmt.Sprintf("it is pushed with //go:linknamestd (%s), for standard-library packages only, so linking stops with \"invalid reference to %s\"", v.Where, sym),
				[]contract.ID{contract.LinknameBlockedFailsLink, contract.LinknameStdOnly}
		default: // Undefined
			return fmt.Sprintf("no standard-library file for %s defines it (renamed, removed, or a compiler intrinsic), so linking stops with \"relocation target %s not defined\"", ck.ix.Target(), sym),
				[]contract.ID{contract.LinknameUndefinedTarget}
		}
	}
	switch v.Kind {
	case linkcheck.Unknown, linkcheck.NotStd:
		return "", []contract.ID{contract.LinknamePullNeedsPush}
	case linkcheck.NoLockdown:
		return fmt.Sprintf("%s does not check linkname pulls, but Go 1.23 and later refuse pulls of symbols their package does not push", ck.where), []contract.ID{contract.LinknamePullNeedsPush}
	case linkcheck.NewVar:
		return fmt.Sprintf("%s defines no variable %s, so this declaration silently creates a new zero variable that the standard library never sets", ck.where, sym), []contract.ID{contract.LinknameVarRefChecked}
	case linkcheck.Blocked, linkcheck.NotPushed, linkcheck.Undefined, linkcheck.AsmNotPushed, linkcheck.StdOnly:
		why, ids := failure()
		if v.Kind == linkcheck.NotPushed {
			if recv := receiverType(sym); recv != "" && ck.reaches(v.Pkg, recv) {
				// A method of a type the package can reach through
				// the target package's API: once the compiler has
				// loaded that type, its methods are ordinary package
				// references, which the linker does not check.
				return fmt.Sprintf("it links, if at all, by accident: %s does not push it (its definition at %s has no //go:linkname), and the linker refuses the pull unless the compiler already knows the method because this package uses a %s type that reaches %s, in which case the reference escapes the check", v.Pkg, v.Where, v.Pkg, recv),
					[]contract.ID{contract.LinknamePushAllowsPull, contract.LinknameMarksPuller}
			}
		}
		if p.obj != nil && !ck.used[p.obj] {
			if p.obj.Exported() && !p.isVar {
				return fmt.Sprintf("it links on %s only while no code of this package calls %s, since the linker checks the pulling package's own references and not its importers'; a call from here fails: %s", ck.where, p.local, why),
					append([]contract.ID{contract.LinknameMarksPuller}, ids[0])
			}
			return fmt.Sprintf("nothing uses %s yet, and the first use will fail to link on %s: %s", p.local, ck.where, why), ids
		}
		return fmt.Sprintf("this will fail to link on %s: %s", ck.where, why), ids
	case linkcheck.Assembly:
		return fmt.Sprintf("it links on %s because it is an assembly symbol (%s), which the linker treats as pushed", ck.where, v.Where),
			[]contract.ID{contract.AsmSymbolIsPushed}
	}
	// Pushed, BlockedAllowed.
	by := v.Pkg
	if v.PushedFrom != "" {
		by = v.PushedFrom
	}
	if v.Compat {
		return fmt.Sprintf("it links on %s only because %s keeps it pushed (%s) for the widely used packages that pull it, the \"hall of shame\": a courtesy to existing code, not an API", ck.where, by, v.Where),
			[]contract.ID{contract.HallOfShamePinsSymbol, contract.LinknamePullNeedsPush}
	}
	return fmt.Sprintf("it links on %s because %s pushes it (%s)", ck.where, by, v.Where),
		[]contract.ID{contract.LinknamePullNeedsPush}
}

// receiverType returns T for a method symbol "P.(*T).m" or "P.T.m", and
// "" for a function.
func receiverType(sym string) string {
	_, name := linkcheck.SplitSymbol(sym)
	recv, _, ok := strings.Cut(name, ").")
	if ok {
		return strings.TrimPrefix(recv, "(*")
	}
	if i := strings.Index(name, "."); i > 0 {
		return name[:i]
	}
	return ""
}

// reaches reports whether the package pkgPath, imported by the analyzed
// package, has a named type typeName that its exported package-level
// objects reach (through fields, elements, signatures and methods).
func (ck *checker) reaches(pkgPath, typeName string) bool {
	var pkg *types.Package
	for _, imp := range ck.pass.Pkg.Imports() {
		if imp.Path() == pkgPath {
			pkg = imp
		}
	}
	if pkg == nil {
		return false
	}
	seen := map[types.Type]bool{}
	var visit func(t types.Type) bool
	visit = func(t types.Type) bool {
		if t == nil || seen[t] {
			return false
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Alias:
			return visit(types.Unalias(t))
		case *types.Named:
			if t.Obj().Pkg() != pkg {
				return false
			}
			if t.Obj().Name() == typeName {
				return true
			}
			for i := range t.NumMethods() {
				if visit(t.Method(i).Type()) {
					return true
				}
			}
			return visit(t.Underlying())
		case *types.Pointer:
			return visit(t.Elem())
		case *types.Slice:
			return visit(t.Elem())
		case *types.Array:
			return visit(t.Elem())
		case *types.Chan:
			return visit(t.Elem())
		case *types.Map:
			return visit(t.Key()) || visit(t.Elem())
		case *types.Struct:
			for i := range t.NumFields() {
				if visit(t.Field(i).Type()) {
					return true
				}
			}
		case *types.Signature:
			return visit(t.Params()) || visit(t.Results())
		case *types.Tuple:
			for i := range t.Len() {
				if visit(t.At(i).Type()) {
					return true
				}
			}
		case *types.Interface:
			for i := range t.NumMethods() {
				if visit(t.Method(i).Type()) {
					return true
				}
			}
		}
		return false
	}
	// From the exported API only: that is what an importer can use (and
	// all that export data holds).
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if obj := scope.Lookup(name); obj.Exported() && visit(obj.Type()) {
			return true
		}
	}
	return false
}
