package chanmodel

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// visibleTypes returns the named types of pkg whose values other packages
// can hold as such (not only behind an interface): the exported ones, and
// the unexported ones its exported API mentions (a result of type
// *conn of an exported function, an exported field of type worker).
// Exported fields and methods of these types are theirs to use.
func visibleTypes(pkg *types.Package) []*types.Named {
	var out []*types.Named
	seen := make(map[*types.Named]bool)
	var visit func(t types.Type, depth int)
	visitSig := func(sig *types.Signature, depth int) {
		for i := range sig.Params().Len() {
			visit(sig.Params().At(i).Type(), depth+1)
		}
		for i := range sig.Results().Len() {
			visit(sig.Results().At(i).Type(), depth+1)
		}
	}
	visit = func(t types.Type, depth int) {
		if depth > 32 {
			return
		}
		switch t := types.Unalias(t).(type) {
		case *types.Named:
			t = t.Origin()
			if t.Obj().Pkg() != pkg || seen[t] {
				return
			}
			seen[t] = true
			out = append(out, t)
			visit(t.Underlying(), depth+1)
			for i := range t.NumMethods() {
				if m := t.Method(i); m.Exported() {
					visitSig(m.Signature(), depth)
				}
			}
		case *types.Pointer:
			visit(t.Elem(), depth+1)
		case *types.Slice:
			visit(t.Elem(), depth+1)
		case *types.Array:
			visit(t.Elem(), depth+1)
		case *types.Map:
			visit(t.Key(), depth+1)
			visit(t.Elem(), depth+1)
		case *types.Chan:
			visit(t.Elem(), depth+1)
		case *types.Signature:
			visitSig(t, depth)
		case *types.Struct:
			for i := range t.NumFields() {
				if f := t.Field(i); f.Exported() || f.Embedded() {
					visit(f.Type(), depth+1)
				}
			}
		case *types.Interface:
			for i := range t.NumMethods() {
				if m := t.Method(i); m.Exported() {
					visitSig(m.Signature(), depth)
				}
			}
		}
	}
	scope := pkg.Scope()
	for _, n := range scope.Names() {
		obj := scope.Lookup(n)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.TypeName:
			visit(obj.Type(), 0)
		case *types.Func:
			visitSig(obj.Signature(), 0)
		case *types.Var, *types.Const:
			visit(obj.Type(), 0)
		}
	}
	return out
}

// recvVisible reports whether other packages can call the method fn
// directly: its receiver's type is visible to them.
func recvVisible(m *Model, fn *ssa.Function) bool {
	if m.Pass.Pkg.Name() == "main" {
		return false
	}
	m.visibleOnce.Do(func() {
		m.visible = make(map[*types.Named]bool)
		for _, t := range visibleTypes(m.Pass.Pkg) {
			m.visible[t] = true
		}
	})
	return m.visible[recvNamed(fn)]
}

// recvNamed returns the named type of a method's receiver (its origin), or
// nil.
func recvNamed(fn *ssa.Function) *types.Named {
	recv := fn.Signature.Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	if n != nil {
		n = n.Origin()
	}
	return n
}

// fieldVisible reports whether code outside the package can read or write
// the struct field f: it is exported, of a struct type other packages can
// hold (a visible named type, or an anonymous struct, which any package
// can spell), and the package is not main.
func (m *Model) fieldVisible(f *types.Var) bool {
	if !f.Exported() || m.Pass.Pkg.Name() == "main" {
		return false
	}
	if f.Pkg() != m.Pass.Pkg {
		return true
	}
	m.visibleOnce.Do(func() {
		m.visible = make(map[*types.Named]bool)
		for _, t := range visibleTypes(m.Pass.Pkg) {
			m.visible[t] = true
		}
	})
	owner, ok := m.fieldOwner(f)
	return !ok || owner == nil || m.visible[owner]
}

// fieldOwner returns the named struct type that declares f (nil for a
// field of an anonymous struct), and whether it was found.
func (m *Model) fieldOwner(f *types.Var) (*types.Named, bool) {
	m.ownersOnce.Do(func() {
		m.owners = make(map[*types.Var]*types.Named)
		scope := m.Pass.Pkg.Scope()
		for _, n := range scope.Names() {
			tn, ok := scope.Lookup(n).(*types.TypeName)
			if !ok {
				continue
			}
			named, ok := types.Unalias(tn.Type()).(*types.Named)
			if !ok {
				continue
			}
			if st, ok := named.Underlying().(*types.Struct); ok {
				for i := range st.NumFields() {
					m.owners[st.Field(i)] = named
				}
			}
		}
	})
	owner, ok := m.owners[f]
	return owner, ok
}
