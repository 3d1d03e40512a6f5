package chanflow

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// LocKind says what kind of place holds a channel.
type LocKind int

const (
	// LocValue: a value with no better name: the make(chan) that created
	// the channel, a local variable shared by closures (its *ssa.Alloc), a
	// parameter of a function called from elsewhere, a call result.
	LocValue LocKind = iota
	// LocField: a struct field, whatever struct value holds it.
	LocField
	// LocGlobal: a package-level variable.
	LocGlobal
)

// A Loc is a place a channel may come from. Two operations whose Locs
// intersect may concern the same channel.
type Loc struct {
	Kind LocKind
	Obj  types.Object // the field (its origin, for generic types) or the global
	Val  ssa.Value    // for LocValue
}

// Name describes the place for a message: "field done", "jobs".
func (l Loc) Name() string {
	switch l.Kind {
	case LocField, LocGlobal:
		return l.Obj.Name()
	}
	if a, ok := l.Val.(*ssa.Alloc); ok && a.Comment != "" {
		return a.Comment
	}
	return l.Val.Name()
}

// Locs returns the places the channel value v may come from. A result
// without elements means the channel cannot be placed (nil, unknown).
func (r *Result) Locs(v ssa.Value) []Loc {
	r.mu.Lock()
	ls, ok := r.locs[v]
	r.mu.Unlock()
	if ok {
		return ls
	}
	set := make(map[Loc]bool)
	r.resolve(v, make(map[ssa.Value]bool), set)
	ls = make([]Loc, 0, len(set))
	for l := range set {
		ls = append(ls, l)
	}
	r.mu.Lock()
	r.locs[v] = ls
	r.mu.Unlock()
	return ls
}

// Intersect reports whether a and b share a place.
func Intersect(a, b []Loc) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func (r *Result) resolve(v ssa.Value, seen map[ssa.Value]bool, out map[Loc]bool) {
	if seen[v] || len(seen) > 200 {
		return
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.ChangeType:
		r.resolve(v.X, seen, out)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			r.resolveAddr(v.X, seen, out)
			return
		}
		out[Loc{Kind: LocValue, Val: v}] = true
	case *ssa.Field:
		if f := fieldOf(v.X.Type(), v.Field); f != nil {
			out[Loc{Kind: LocField, Obj: f}] = true
		}
	case *ssa.Phi:
		for _, e := range v.Edges {
			r.resolve(e, seen, out)
		}
	case *ssa.FreeVar:
		r.resolveFreeVar(v, seen, out, r.resolve)
	case *ssa.Parameter:
		if !r.resolveParam(v, seen, out, r.resolve) {
			out[Loc{Kind: LocValue, Val: v}] = true
		}
	case *ssa.Const:
		// nil: no channel
	default:
		out[Loc{Kind: LocValue, Val: v}] = true
	}
}

// resolveAddr resolves the address a channel is loaded from.
func (r *Result) resolveAddr(a ssa.Value, seen map[ssa.Value]bool, out map[Loc]bool) {
	if seen[a] {
		return
	}
	seen[a] = true
	switch a := a.(type) {
	case *ssa.FieldAddr:
		if f := fieldOf(a.X.Type(), a.Field); f != nil {
			out[Loc{Kind: LocField, Obj: f}] = true
		}
	case *ssa.Global:
		out[Loc{Kind: LocGlobal, Obj: a.Object()}] = true
	case *ssa.FreeVar:
		r.resolveFreeVar(a, seen, out, r.resolveAddr)
	case *ssa.Parameter:
		if !r.resolveParam(a, seen, out, r.resolveAddr) {
			out[Loc{Kind: LocValue, Val: a}] = true
		}
	case *ssa.Phi:
		for _, e := range a.Edges {
			r.resolveAddr(e, seen, out)
		}
	case *ssa.Alloc:
		if p := r.spilled(a, a.Parent()); p != nil {
			// A parameter captured by a closure lives in a heap cell:
			// it is the caller's channel all the same.
			r.resolve(p, seen, out)
			return
		}
		out[Loc{Kind: LocValue, Val: a}] = true
	default: // *ssa.IndexAddr, ...
		out[Loc{Kind: LocValue, Val: a}] = true
	}
}

type resolver func(ssa.Value, map[ssa.Value]bool, map[Loc]bool)

func (r *Result) resolveFreeVar(fv *ssa.FreeVar, seen map[ssa.Value]bool, out map[Loc]bool, next resolver) {
	fn := fv.Parent()
	idx := -1
	for i, x := range fn.FreeVars {
		if x == fv {
			idx = i
		}
	}
	mcs := r.bindings[fn]
	if idx < 0 || len(mcs) == 0 {
		out[Loc{Kind: LocValue, Val: fv}] = true
		return
	}
	for _, mc := range mcs {
		next(mc.Bindings[idx], seen, out)
	}
}

// resolveParam resolves a parameter through the call sites of its function
// when all of them are in view; it reports false when they are not.
func (r *Result) resolveParam(p *ssa.Parameter, seen map[ssa.Value]bool, out map[Loc]bool, next resolver) bool {
	fn := p.Parent()
	if r.Escapes(fn) {
		return false
	}
	sites := r.Sites(fn)
	if len(sites) == 0 {
		return false
	}
	idx := -1
	for i, x := range fn.Params {
		if x == p {
			idx = i
		}
	}
	if idx < 0 {
		return false
	}
	for _, s := range sites {
		args := s.Common().Args
		if idx < len(args) {
			next(args[idx], seen, out)
		}
	}
	return true
}

// fieldOf returns the field i of the struct (or pointer to struct) type t,
// as declared (for fields of instantiated generic types, the origin).
func fieldOf(t types.Type, i int) *types.Var {
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		t = coreType(tp)
		if t == nil {
			return nil
		}
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok || i < 0 || i >= s.NumFields() {
		return nil
	}
	return s.Field(i).Origin()
}

// coreType returns the single underlying type of the type set of tp, or nil.
func coreType(tp *types.TypeParam) types.Type {
	iface, ok := tp.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	var u types.Type
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		e := iface.EmbeddedType(i)
		if un, ok := e.(*types.Union); ok {
			if un.Len() != 1 {
				return nil
			}
			e = un.Term(0).Type()
		}
		if _, ok := e.Underlying().(*types.Interface); ok {
			continue
		}
		if u != nil && !types.Identical(u, e.Underlying()) {
			return nil
		}
		u = e.Underlying()
	}
	return u
}
