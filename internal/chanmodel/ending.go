package chanmodel

import (
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// A Trap says why a goroutine can never end.
type Trap struct {
	Start *Start
	// Partial: the goroutine ends on some paths, but one reaches At and
	// never ends.
	Partial bool
	At      token.Pos
	// Loop is the for of a loop nothing leaves. Exits are the select cases
	// that would leave it but can never fire (nothing sends on or closes
	// their channels), Range a range over a channel nothing closes (a
	// timer's, or one of the package's), Dead a send or receive with no
	// peer. Callee is a function of the package the goroutine calls (at
	// Call) that never returns, for Inner.
	Loop   token.Pos
	Exits  []*Op
	Range  *Op
	Dead   *Op
	Callee *ssa.Function
	Call   token.Pos
	Inner  *Trap
	// Timer marks a range over a timer or ticker channel.
	Timer bool
}

// OnChannel reports whether the goroutine waits on a channel of the
// package when it is stuck, so that the leak profile can see it.
func (t *Trap) OnChannel() bool {
	switch {
	case t.Inner != nil:
		return t.Inner.OnChannel()
	case t.Dead != nil, len(t.Exits) > 0:
		return true
	case t.Range != nil:
		return !t.Timer
	}
	return false
}

type ending struct {
	state ends
	trap  *Trap
}

type ends int

const (
	pending ends = iota // being computed: a recursive call, taken to return
	returns
	exits   // never returns, but panics or exits
	forever // neither
)

// Traps returns the goroutines of the package (outside test files) that
// can never end, or that never end once they reach some point, in source
// order.
func (m *Model) Traps() []*Trap {
	m.trapsOnce.Do(func() {
		if m.Pkg == nil {
			return
		}
		live := m.Live()
		memo := make(map[*ssa.Function]*ending)
		e := newEngine(m)
		for _, s := range m.Starts {
			if s.Fn == nil || !live[s.Caller] || m.IsTest(s.Instr) {
				continue
			}
			end := e.endsOf(s.Fn, memo, 0)
			if end.trap == nil {
				continue
			}
			t := *end.trap
			t.Start = s
			m.traps = append(m.traps, &t)
		}
		sort.SliceStable(m.traps, func(i, j int) bool { return m.traps[i].Start.Instr.Pos() < m.traps[j].Start.Instr.Pos() })
	})
	return m.traps
}

// endsOf decides whether fn can return, exit, or neither, and why not.
func (e *engine) endsOf(fn *ssa.Function, memo map[*ssa.Function]*ending, depth int) *ending {
	fn = origin(fn)
	if r, ok := memo[fn]; ok {
		return r
	}
	r := &ending{state: pending}
	memo[fn] = r
	if len(fn.Blocks) == 0 || len(fn.Blocks) > maxLoopBlocks || depth > 8 || !e.budget(len(fn.Blocks)) {
		r.state = returns
		return r
	}
	reached := make([]bool, len(fn.Blocks))
	var dead *Op
	var stuck *Trap
	var pruned []*Op
	var prunedRange *Op
	ret, exit := false, false
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	reached[0] = true
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		blocked := false
		for _, instr := range b.Instrs {
			if op := e.deadOpAt(instr); op != nil {
				if dead == nil || op.Pos < dead.Pos {
					dead = op
				}
				blocked = true
				break
			}
			if NoReturn(instr) {
				exit, blocked = true, true
				break
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			g := call.Call.StaticCallee()
			if g == nil || g.Pkg != e.m.Pkg || origin(g) == fn {
				continue
			}
			switch sub := e.endsOf(g, memo, depth+1); sub.state {
			case exits:
				exit, blocked = true, true
			case forever:
				if stuck == nil || call.Pos() < stuck.Call {
					stuck = &Trap{Callee: origin(g), Call: call.Pos(), Inner: sub.trap, At: call.Pos()}
				}
				blocked = true
			}
			if blocked {
				break
			}
		}
		if blocked {
			continue
		}
		switch b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Return:
			ret = true
			continue
		case *ssa.Panic:
			exit = true
			continue
		}
		succs := b.Succs
		if op := e.rangeHeader(b); op != nil && len(succs) == 2 && e.neverClosed(op) {
			succs = succs[:1] // the body only: the range never ends
			if prunedRange == nil {
				prunedRange = op
			}
		}
		sel, caseOf := selectOfDispatch(b)
		for si, s := range succs {
			if sel != nil {
				if i := caseOf(si); i >= 0 && e.deadCase(sel, i) {
					pruned = append(pruned, e.caseOp(sel, i))
					continue
				}
				if si == 1 && sel.Blocking && caseOf(0) == len(sel.States)-1 {
					continue // "blocking select matched no case": cannot happen
				}
			}
			if !reached[s.Index] {
				reached[s.Index] = true
				stack = append(stack, s)
			}
		}
	}
	switch {
	case ret:
		r.state = returns
	case exit:
		r.state = exits
	default:
		r.state = forever
	}
	if ret || exit {
		switch {
		case dead != nil && (stuck == nil || dead.Pos < stuck.Call):
			r.trap = &Trap{Partial: true, Dead: dead, At: dead.Pos}
		case stuck != nil:
			stuck.Partial = true
			r.trap = stuck
		}
		return r
	}
	switch {
	case dead != nil:
		r.trap = &Trap{Dead: dead, At: dead.Pos}
	default:
		r.trap = e.loopTrap(fn, reached, pruned, prunedRange)
		if r.trap == nil && stuck != nil {
			r.trap = stuck
		}
	}
	return r
}

// loopTrap names the outermost loop whose body runs but whose exits are
// never reached, with the select cases or range that would have left it.
func (e *engine) loopTrap(fn *ssa.Function, reached []bool, pruned []*Op, prunedRange *Op) *Trap {
	// The function never ends: the outermost loop it reaches holds it.
	fl := e.m.loopsOf(fn)
	var best *Loop
	for _, l := range fl.loops {
		if !reached[l.Header.Index] || l.Parent != nil && reached[l.Parent.Header.Index] {
			continue
		}
		if best == nil || l.Header.Index < best.Header.Index {
			best = l
		}
	}
	if best == nil {
		return nil
	}
	t := &Trap{}
	for _, op := range pruned {
		if op != nil && best.Contains(op.Block()) {
			t.Exits = append(t.Exits, op)
		}
	}
	if prunedRange != nil && best.Contains(prunedRange.Block()) {
		t.Range = prunedRange
		if c := e.m.ClassOf(prunedRange); c != nil && c.Timer {
			t.Timer = true
		}
	}
	for i, in := range best.Blocks {
		if !in {
			continue
		}
		for _, instr := range fn.Blocks[i].Instrs {
			if p := instr.Pos(); p.IsValid() && (t.At == token.NoPos || p < t.At) {
				t.At = p
			}
		}
	}
	t.Loop = e.m.LoopPos(t.At)
	if t.Range != nil {
		t.Loop = t.Range.Pos
	}
	return t
}

// deadOpAt returns the blocking send or receive at instr that nothing can
// ever complete, or nil.
func (e *engine) deadOpAt(instr ssa.Instruction) *Op {
	var op *Op
	switch instr.(type) {
	case *ssa.Send, *ssa.UnOp:
		for _, o := range e.m.OpsOf(instr.Parent()) {
			if o.Instr == instr {
				op = o
			}
		}
	}
	if op == nil || op.Range {
		return nil
	}
	dead := false
	switch op.Kind {
	case Recv:
		dead = e.neverFires(op.Chan)
	case Send:
		c := e.m.Class(op.Chan)
		dead = c == nil || sendInternal(c) && c.Unbuffered() && !e.anyLive(c.Recvs)
	}
	if !dead || e.unsetHook(op) {
		return nil
	}
	return op
}

// anyLive reports whether one of ops runs (a live function, outside test
// files).
func (e *engine) anyLive(ops []*Op) bool {
	live := e.m.Live()
	for _, op := range ops {
		if live[op.Fn] && !e.m.IsTest(op.Instr) {
			return true
		}
	}
	return false
}

// rangeHeader returns the range receive a block ends by testing, or nil.
func (e *engine) rangeHeader(b *ssa.BasicBlock) *Op {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	ex, ok := iff.Cond.(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return nil
	}
	recv, ok := ex.Tuple.(*ssa.UnOp)
	if !ok {
		return nil
	}
	for _, op := range e.m.OpsOf(b.Parent()) {
		if op.Instr == recv && op.Range {
			return op
		}
	}
	return nil
}

// neverClosed reports whether a range's channel can never be closed: a
// timer's, or one of the package's that nothing that runs closes.
func (e *engine) neverClosed(op *Op) bool {
	c := e.m.ClassOf(op)
	if c == nil {
		return true
	}
	if c.Timer && !c.Foreign {
		return true
	}
	return recvInternal(c) && !e.anyLive(c.Closes)
}

// deadCase reports whether a select's case i can never be taken.
func (e *engine) deadCase(sel *ssa.Select, i int) bool {
	st := sel.States[i]
	if st.Dir != types.RecvOnly {
		c := e.m.Class(st.Chan)
		return c == nil || sendInternal(c) && c.Unbuffered() && !e.anyLive(c.Recvs)
	}
	return e.neverFires(st.Chan)
}

// caseOp returns the operation of a select's case i.
func (e *engine) caseOp(sel *ssa.Select, i int) *Op {
	for _, op := range e.m.OpsOf(sel.Parent()) {
		if op.Instr == sel && op.State == i {
			return op
		}
	}
	return nil
}
