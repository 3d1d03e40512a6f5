package chanmodel

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A Chan is a channel class: the places (Locs) that may hold the same
// channels, flow-insensitively, with what is known of those channels as a
// whole. Two Locs are in one class when a value may come from both (a
// parameter called with either), when a channel stored at one is read at
// the other, and when they hold the elements of containers of one class.
type Chan struct {
	Locs  []Loc
	Makes []*ssa.MakeChan
	// The operations on the class's channels in the package's non-test
	// files.
	Sends, Recvs, Closes []*Op
	// OutSend, OutClose and OutRecv say that code outside the package may
	// send on, close or receive from these channels: they are passed to
	// it, returned to it, or stored where it can reach them, with a type
	// that allows it (a <-chan T handed out allows receiving only).
	OutSend, OutClose, OutRecv bool
	// Foreign says that these places may hold a channel made outside the
	// package (a parameter of a function others call, a call's result),
	// whose operations the package does not see.
	Foreign bool
	// Timer marks the channels of time.After, time.Tick and Timer.C and
	// Ticker.C: the runtime sends on them and never closes them. Done
	// marks a Done() channel of a context (or of a type with the same
	// method): closed by cancellation, never sent on.
	Timer, Done bool
	// ExtSenders are calls of functions of other packages that send on
	// the channel: signal.Notify makes os/signal a sender.
	ExtSenders []ssa.CallInstruction
	// Elem is the class of the channels sent on these (or held in these
	// containers), or nil.
	Elem *Chan
}

// Internal reports whether every operation on these channels is in the
// package's view: they are made here, never handed to code that may send
// or close them, and never mixed with channels from elsewhere.
func (c *Chan) Internal() bool {
	return c != nil && !c.Foreign && !c.Timer && !c.Done && len(c.Makes) > 0 && !c.OutSend && !c.OutClose
}

// NeverClosed reports whether nothing can close these channels: internal
// channels the package never closes, or timer channels.
func (c *Chan) NeverClosed() bool {
	if c == nil {
		return false
	}
	if c.Timer && !c.Foreign {
		return true
	}
	return c.Internal() && len(c.Closes) == 0
}

// Unbuffered reports whether every make of the class has no buffer.
func (c *Chan) Unbuffered() bool {
	for _, mk := range c.Makes {
		if k, ok := constInt(mk.Size); !ok || k != 0 {
			return false
		}
	}
	return true
}

type classes struct {
	ids    map[Loc]int
	parent []int
	byRoot map[int]*Chan
	ofVal  map[ssa.Value]*Chan
}

func (cs *classes) id(l Loc) int {
	if i, ok := cs.ids[l]; ok {
		return i
	}
	i := len(cs.parent)
	cs.ids[l] = i
	cs.parent = append(cs.parent, i)
	return i
}

func (cs *classes) find(i int) int {
	for cs.parent[i] != i {
		cs.parent[i] = cs.parent[cs.parent[i]]
		i = cs.parent[i]
	}
	return i
}

func (cs *classes) union(a, b int) bool {
	ra, rb := cs.find(a), cs.find(b)
	if ra == rb {
		return false
	}
	cs.parent[ra] = rb
	return true
}

func (cs *classes) unionAll(ls []Loc) {
	for i := range ls {
		cs.union(cs.id(ls[0]), cs.id(ls[i]))
	}
}

// Class returns the class of the channel (or container) value v, or nil
// when v has no place (a nil constant).
func (m *Model) Class(v ssa.Value) *Chan {
	cs := m.classSet()
	if c, ok := cs.ofVal[v]; ok {
		return c
	}
	ls := m.Locs(v)
	if len(ls) == 0 {
		return nil
	}
	if i, ok := cs.ids[ls[0]]; ok {
		return cs.byRoot[cs.find(i)]
	}
	return nil
}

// ClassOf returns the class of an operation's channel.
func (m *Model) ClassOf(op *Op) *Chan { return m.Class(op.Chan) }

func (m *Model) classSet() *classes {
	m.classesOnce.Do(func() { m.classes = m.buildClasses() })
	return m.classes
}

// allFuncs returns the functions the classes are built from: the source
// functions and the package initializer, which makes the channels of
// package-level variables.
func (m *Model) allFuncs() []*ssa.Function {
	fns := m.Funcs
	if init := m.Pkg.Func("init"); init != nil {
		fns = append(fns[:len(fns):len(fns)], init)
	}
	return fns
}

func (m *Model) buildClasses() *classes {
	cs := &classes{ids: make(map[Loc]int), byRoot: make(map[int]*Chan), ofVal: make(map[ssa.Value]*Chan)}
	if m.Pkg == nil {
		return cs
	}
	fns := m.allFuncs()
	// Unions: every place a value may come from, and the places a store
	// or a send of a channel links.
	var vals []ssa.Value
	for _, f := range fns {
		for _, p := range f.Params {
			if isCarrier(p.Type()) || isCtxType(p.Type()) {
				vals = append(vals, p)
				cs.unionAll(m.Locs(p))
			}
		}
		for _, fv := range f.FreeVars {
			if isCarrier(fv.Type()) || isCtxType(fv.Type()) {
				vals = append(vals, fv)
				cs.unionAll(m.Locs(fv))
			}
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if v, ok := instr.(ssa.Value); ok && (isCarrier(v.Type()) || isCtxType(v.Type())) {
					vals = append(vals, v)
					cs.unionAll(m.Locs(v))
				}
				switch in := instr.(type) {
				case *ssa.Store:
					if isCarrier(in.Val.Type()) || isCtxType(in.Val.Type()) {
						ls := append(m.AddrLocs(in.Addr), m.Locs(in.Val)...)
						cs.unionAll(ls)
					}
				case *ssa.Send:
					if isCarrier(in.X.Type()) {
						cs.unionAll(append(m.elems(in.Chan), m.Locs(in.X)...))
					}
				case *ssa.MapUpdate:
					if isCarrier(in.Value.Type()) {
						cs.unionAll(append(m.elems(in.Map), m.Locs(in.Value)...))
					}
				case *ssa.Select:
					for _, st := range in.States {
						if st.Send != nil && isCarrier(st.Send.Type()) {
							cs.unionAll(append(m.elems(st.Chan), m.Locs(st.Send)...))
						}
					}
				}
			}
		}
	}
	for _, op := range m.Ops {
		cs.unionAll(m.Locs(op.Chan))
	}
	cs.congruence(m)
	// Facts, by root.
	get := func(l Loc) *Chan {
		r := cs.find(cs.id(l))
		c := cs.byRoot[r]
		if c == nil {
			c = new(Chan)
			cs.byRoot[r] = c
		}
		return c
	}
	for l := range cs.ids {
		c := get(l)
		c.Locs = append(c.Locs, l)
		m.noteLoc(c, l)
	}
	for _, v := range vals {
		if ls := m.Locs(v); len(ls) > 0 {
			cs.ofVal[v] = get(ls[0])
		}
		if mk, ok := v.(*ssa.MakeChan); ok {
			c := get(Loc{Kind: LocValue, Val: mk})
			c.Makes = append(c.Makes, mk)
		}
	}
	for _, op := range m.Ops {
		c := m.classOfOp(cs, op)
		if c == nil {
			continue
		}
		switch op.Kind {
		case Send:
			c.Sends = append(c.Sends, op)
		case Recv:
			c.Recvs = append(c.Recvs, op)
		case Close:
			c.Closes = append(c.Closes, op)
		}
	}
	for _, f := range fns {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				m.noteUses(cs, instr)
			}
		}
	}
	cs.propagate(m)
	return cs
}

func (m *Model) classOfOp(cs *classes, op *Op) *Chan {
	ls := m.Locs(op.Chan)
	if len(ls) == 0 {
		return nil
	}
	i, ok := cs.ids[ls[0]]
	if !ok {
		return nil
	}
	return cs.byRoot[cs.find(i)]
}

// elems returns the Locs of the elements of the container (or channel) c.
func (m *Model) elems(c ssa.Value) []Loc {
	var out []Loc
	for _, l := range m.Locs(c) {
		out = append(out, m.elem(l))
	}
	return out
}

// congruence unions the elements of containers of one class: a channel
// stored in one slice of the class is read from the others.
func (cs *classes) congruence(m *Model) {
	for changed := true; changed; {
		changed = false
		elemOf := make(map[int]int)
		for l, i := range cs.ids {
			if l.Kind != LocElem {
				continue
			}
			r := cs.find(cs.id(*l.Of))
			if e, ok := elemOf[r]; ok {
				if cs.union(e, i) {
					changed = true
				}
			} else {
				elemOf[r] = i
			}
		}
	}
}

// isCarrier reports whether values of type t are channels or hold them
// directly: a channel, or a slice, array, map or pointer to array of
// them.
func isCarrier(t types.Type) bool {
	for range 4 {
		switch u := t.Underlying().(type) {
		case *types.Chan:
			return true
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			t = u.Elem()
		case *types.Map:
			t = u.Elem()
		case *types.Pointer:
			a, ok := u.Elem().Underlying().(*types.Array)
			if !ok {
				return false
			}
			t = a.Elem()
		default:
			return false
		}
	}
	return false
}

func constInt(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return 0, false
	}
	return c.Int64(), true
}
