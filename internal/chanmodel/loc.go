package chanmodel

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
	// LocElem: an element of a slice, array or map, or a value sent on
	// a channel (a channel of channels), whose place is Of.
	LocElem
)

// A Loc is a place a channel (or a container of channels, or a function
// value) may come from. Two operations whose Locs intersect may concern
// the same channel.
type Loc struct {
	Kind LocKind
	Obj  types.Object // the field (its origin, for generic types) or the global
	Val  ssa.Value    // for LocValue
	Of   *Loc         // for LocElem: the container (canonical)
}

// Name describes the place for a message: "field done", "jobs".
func (l Loc) Name() string {
	switch l.Kind {
	case LocField, LocGlobal:
		return l.Obj.Name()
	case LocElem:
		return "an element of " + l.Of.Name()
	}
	if a, ok := l.Val.(*ssa.Alloc); ok && a.Comment != "" {
		return a.Comment
	}
	return l.Val.Name()
}

// maxResolve bounds the values one resolution visits.
const maxResolve = 256

// Locs returns the places the value v may come from. A result without
// elements means the value cannot be placed (nil, unknown).
func (m *Model) Locs(v ssa.Value) []Loc {
	m.mu.Lock()
	ls, ok := m.locs[v]
	m.mu.Unlock()
	if ok {
		return ls
	}
	set := make(map[Loc]bool)
	m.resolve(v, make(map[ssa.Value]bool), set)
	ls = make([]Loc, 0, len(set))
	for l := range set {
		ls = append(ls, l)
	}
	m.mu.Lock()
	m.locs[v] = ls
	m.mu.Unlock()
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

// elem returns the Loc of the elements of the container at l.
func (m *Model) elem(l Loc) Loc {
	m.mu.Lock()
	p := m.intern[l]
	if p == nil {
		c := l
		p = &c
		m.intern[l] = p
	}
	m.mu.Unlock()
	return Loc{Kind: LocElem, Of: p}
}

func (m *Model) resolve(v ssa.Value, seen map[ssa.Value]bool, out map[Loc]bool) {
	if seen[v] || len(seen) > maxResolve {
		return
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.ChangeType:
		m.resolve(v.X, seen, out)
	case *ssa.Convert:
		m.resolve(v.X, seen, out)
	case *ssa.Slice:
		m.resolve(v.X, seen, out)
	case *ssa.UnOp:
		switch v.Op {
		case token.MUL:
			m.resolveAddr(v.X, seen, out)
			return
		case token.ARROW:
			if !v.CommaOk {
				m.elemsOf(v.X, seen, out) // a channel received from a channel
				return
			}
		}
		out[Loc{Kind: LocValue, Val: v}] = true
	case *ssa.Field:
		if f := fieldOf(v.X.Type(), v.Field); f != nil {
			out[Loc{Kind: LocField, Obj: f}] = true
		}
	case *ssa.Index:
		m.elemsOf(v.X, seen, out)
	case *ssa.Lookup:
		if !v.CommaOk {
			m.elemsOf(v.X, seen, out)
		}
	case *ssa.Extract:
		m.resolveExtract(v, seen, out)
	case *ssa.Phi:
		for _, e := range v.Edges {
			m.resolve(e, seen, out)
		}
	case *ssa.FreeVar:
		m.resolveFreeVar(v, seen, out, m.resolve)
	case *ssa.Parameter:
		m.resolveParam(v, seen, out, m.resolve)
	case *ssa.Call:
		if !m.resolveCall(v, 0, seen, out) {
			out[Loc{Kind: LocValue, Val: v}] = true
		}
	case *ssa.Const:
		// nil: no channel
	default:
		out[Loc{Kind: LocValue, Val: v}] = true
	}
}

// resolveExtract resolves a component of a tuple: a result of a call, a
// value received with comma-ok, a map lookup or a select.
func (m *Model) resolveExtract(v *ssa.Extract, seen map[ssa.Value]bool, out map[Loc]bool) {
	switch t := v.Tuple.(type) {
	case *ssa.Call:
		if m.resolveCall(t, v.Index, seen, out) {
			return
		}
	case *ssa.UnOp:
		if t.Op == token.ARROW && v.Index == 0 {
			m.elemsOf(t.X, seen, out)
			return
		}
	case *ssa.Lookup:
		if v.Index == 0 {
			m.elemsOf(t.X, seen, out)
			return
		}
	case *ssa.Next:
		if v.Index == 2 {
			m.elemsOf(t.Iter.(*ssa.Range).X, seen, out)
			return
		}
	case *ssa.Select:
		// (index, ok, r0, r1, ...): r_k is the k-th receiving state's value.
		k := v.Index - 2
		for _, st := range t.States {
			if st.Dir != types.RecvOnly {
				continue
			}
			if k == 0 {
				m.elemsOf(st.Chan, seen, out)
				return
			}
			k--
		}
	}
	out[Loc{Kind: LocValue, Val: v}] = true
}

// elemsOf adds the Locs of the elements of the container (or channel) c.
func (m *Model) elemsOf(c ssa.Value, seen map[ssa.Value]bool, out map[Loc]bool) {
	inner := make(map[Loc]bool)
	m.resolve(c, seen, inner)
	for l := range inner {
		out[m.elem(l)] = true
	}
}

// resolveCall resolves result i of a call of a function of the package
// through its returns, or of append through its operands; it reports
// false when the call is to code it cannot see.
func (m *Model) resolveCall(call *ssa.Call, i int, seen map[ssa.Value]bool, out map[Loc]bool) bool {
	if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
		for _, a := range call.Call.Args {
			m.resolve(a, seen, out)
		}
		return true
	}
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg != m.Pkg || len(callee.Blocks) == 0 {
		return false
	}
	found := false
	for _, b := range callee.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && i < len(ret.Results) {
			m.resolve(ret.Results[i], seen, out)
			found = true
		}
	}
	return found
}

// resolveAddr resolves the address a value is loaded from.
func (m *Model) resolveAddr(a ssa.Value, seen map[ssa.Value]bool, out map[Loc]bool) {
	if seen[a] || len(seen) > maxResolve {
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
	case *ssa.IndexAddr:
		m.elemsOf(a.X, seen, out)
	case *ssa.FreeVar:
		m.resolveFreeVar(a, seen, out, m.resolveAddr)
	case *ssa.Parameter:
		m.resolveParam(a, seen, out, m.resolveAddr)
	case *ssa.Phi:
		for _, e := range a.Edges {
			m.resolveAddr(e, seen, out)
		}
	case *ssa.Alloc:
		if p := m.spilled(a, a.Parent()); p != nil {
			// A parameter captured by a closure lives in a heap cell:
			// it is the caller's value all the same.
			m.resolve(p, seen, out)
			return
		}
		out[Loc{Kind: LocValue, Val: a}] = true
	default:
		out[Loc{Kind: LocValue, Val: a}] = true
	}
}

type resolver func(ssa.Value, map[ssa.Value]bool, map[Loc]bool)

func (m *Model) resolveFreeVar(fv *ssa.FreeVar, seen map[ssa.Value]bool, out map[Loc]bool, next resolver) {
	fn := fv.Parent()
	idx := -1
	for i, x := range fn.FreeVars {
		if x == fv {
			idx = i
		}
	}
	mcs := m.calls.bindings[fn]
	if idx < 0 || len(mcs) == 0 {
		out[Loc{Kind: LocValue, Val: fv}] = true
		return
	}
	for _, mc := range mcs {
		next(mc.Bindings[idx], seen, out)
	}
}

// resolveParam resolves a parameter through the call sites of its
// function in the package; when code elsewhere may call the function too,
// the parameter itself is one more place.
func (m *Model) resolveParam(p *ssa.Parameter, seen map[ssa.Value]bool, out map[Loc]bool, next resolver) {
	fn := p.Parent()
	idx := -1
	for i, x := range fn.Params {
		if x == p {
			idx = i
		}
	}
	sites := m.Sites(fn)
	indirect := m.IndirectSites(fn)
	if idx < 0 || m.Escapes(fn) || len(sites)+len(indirect) == 0 {
		out[Loc{Kind: LocValue, Val: p}] = true
	}
	if idx < 0 {
		return
	}
	for _, s := range sites {
		if args := s.Common().Args; idx < len(args) {
			next(args[idx], seen, out)
		}
	}
	// A literal called through a parameter takes its free variables as
	// bindings, not as arguments: the argument list is the same.
	for _, s := range indirect {
		if args := s.Common().Args; idx < len(args) {
			next(args[idx], seen, out)
		}
	}
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

// storedMakes returns the make(chan) instructions whose channels may be
// stored in a local variable shared by closures.
func (m *Model) storedMakes(a *ssa.Alloc, depth int) []*ssa.MakeChan {
	if depth > 3 {
		return nil
	}
	var out []*ssa.MakeChan
	for _, ref := range *a.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Addr != a {
			continue
		}
		for _, l := range m.Locs(st.Val) {
			switch x := l.Val.(type) {
			case *ssa.MakeChan:
				out = append(out, x)
			case *ssa.Alloc:
				out = append(out, m.storedMakes(x, depth+1)...)
			}
		}
	}
	return out
}
