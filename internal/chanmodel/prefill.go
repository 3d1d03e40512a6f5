package chanmodel

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// checkPrefill looks for sends on a channel before anything can receive
// from it: the function that makes it sends (itself, or in the functions
// of the package it calls with the channel or its holder) more values
// than the buffer holds before it starts the goroutine that receives,
// or before anything else can reach the channel. The send past the buffer
// blocks for good: the receiver it waits for is started after it.
func (e *engine) checkPrefill() {
	live := e.m.Live()
	for _, c := range e.m.classSet().byRoot {
		if !sendInternal(c) || len(c.Makes) != 1 || !e.anyLive(c.Recvs) {
			continue
		}
		mk := c.Makes[0]
		k, ok := constInt(mk.Size)
		if !ok || !live[mk.Parent()] || e.m.IsTest(mk) {
			continue
		}
		p := &prefill{e: e, c: c, cap: k, seen: make(map[prefillKey]bool)}
		if op, n := p.walk(mk.Block(), indexIn(mk)+1, 0, 0); op != nil {
			e.add(&Leak{Shape: Overflow, Op: op, Peer: mk.Pos(), Facts: sendIDs,
				Why: fmt.Sprintf("it is send number %d on %s since it was made at line %d, and its buffer holds %d, while nothing can receive from it yet: every receiver is started later, or in code it has not reached", n, e.m.ChanName(op), e.m.Line(mk.Pos()), k),
				Fix: "start the goroutine that receives before sending more than the buffer holds, or give the channel a buffer for every early send"})
		}
	}
}

type prefill struct {
	e    *engine
	c    *Chan
	cap  int64
	seen map[prefillKey]bool
}

type prefillKey struct {
	b     *ssa.BasicBlock
	count int64
}

// walk follows the paths from instruction at of b with count sends done
// so far; it returns the first send past the buffer, with its number.
func (p *prefill) walk(b *ssa.BasicBlock, at int, count int64, depth int) (*Op, int64) {
	key := prefillKey{b, count}
	if at == 0 {
		if p.seen[key] {
			return nil, 0
		}
		p.seen[key] = true
	}
	if !p.e.budget(len(b.Instrs) - at + 1) {
		return nil, 0
	}
	if at == 0 && p.loopStarts(b, depth) {
		return nil, 0 // the loop may start a receiver, even if it may also run no times
	}
	if at == 0 {
		if op, n, done := p.countedLoop(b, count, depth); done {
			return op, n
		}
	}
	for _, instr := range b.Instrs[at:] {
		switch p.step(instr, depth) {
		case stepStop:
			return nil, 0
		case stepSend:
			count++
			if count > p.cap {
				return p.opAt(instr), count
			}
		case stepCall:
			call := instr.(*ssa.Call)
			callee := call.Call.StaticCallee()
			if depth >= 3 || len(callee.Blocks) == 0 {
				return nil, 0
			}
			if op, n := p.walk(callee.Blocks[0], 0, count, depth+1); op != nil {
				return op, n
			}
			// Paths through the callee that send are not followed back
			// out: the callee's own sends counted once is enough.
			return nil, 0
		}
	}
	if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
		return nil, 0
	}
	for _, s := range b.Succs {
		if p.loopStarts(s, depth) {
			// A loop tested at the bottom (for range n) is entered from
			// a test before it: the path that skips a loop starting the
			// receivers is the one where they number zero.
			return nil, 0
		}
	}
	for _, s := range b.Succs {
		if op, n := p.walk(s, 0, count, depth); op != nil {
			return op, n
		}
	}
	return nil, 0
}

type stepKind int

const (
	stepOn   stepKind = iota // nothing to do with the channel
	stepSend                 // a send on it
	stepCall                 // a call of the package's to follow
	stepStop                 // a receiver may exist from here on
)

// step classifies one instruction on the path.
func (p *prefill) step(instr ssa.Instruction, depth int) stepKind {
	m := p.e.m
	for _, op := range m.OpsOf(instr.Parent()) {
		if op.Instr != instr || m.ClassOf(op) != p.c {
			continue
		}
		if op.Kind == Send && op.Select() == nil {
			return stepSend
		}
		return stepStop // a receive, a close, a select: no count
	}
	switch in := instr.(type) {
	case *ssa.Go:
		return stepStop // a goroutine may receive
	case *ssa.Call:
		if s := m.StartOf(in); s != nil {
			return stepStop
		}
		if _, ok := in.Call.Value.(*ssa.Builtin); ok {
			return stepOn
		}
		callee := in.Call.StaticCallee()
		if callee == nil || callee.Pkg != m.Pkg {
			if p.handsOut(in.Call.Args) {
				return stepStop
			}
			return stepOn
		}
		if p.touches(callee, depth+1) {
			return stepCall
		}
		return stepOn
	case *ssa.Store:
		if a, ok := in.Addr.(*ssa.Alloc); ok && a.Parent() == in.Parent() || freshField(in.Addr) {
			return stepOn // a local variable, or filling in a value just made
		}
		if p.holds(in.Val) {
			return stepStop // published
		}
	case *ssa.MakeInterface, *ssa.Send:
		var buf [4]*ssa.Value
		for _, v := range instr.Operands(buf[:0]) {
			if v != nil && *v != nil && p.holds(*v) {
				return stepStop // published
			}
		}
	}
	return stepOn
}

// touches reports whether fn (or what it calls in place) operates on the
// class or starts a goroutine.
func (p *prefill) touches(fn *ssa.Function, depth int) bool {
	if depth > 3 {
		return true
	}
	m := p.e.m
	for _, op := range m.OpsOf(fn) {
		if m.ClassOf(op) == p.c {
			return true
		}
	}
	if len(m.StartsIn(fn)) > 0 {
		return true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				if g := c.Call.StaticCallee(); g != nil && g.Pkg == m.Pkg && g != fn && p.touches(g, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// handsOut reports whether an argument list may give code elsewhere the
// channel, or a value holding it.
func (p *prefill) handsOut(args []ssa.Value) bool {
	for _, a := range args {
		if p.holds(a) {
			return true
		}
	}
	return false
}

// holds reports whether v is the channel, or a value that may hold it:
// anything but a basic value (a pointer, a struct, an interface...).
func (p *prefill) holds(v ssa.Value) bool {
	if c := p.e.m.Class(v); c == p.c {
		return true
	}
	_, basic := v.Type().Underlying().(*types.Basic)
	return !basic
}

// opAt returns the operation of an instruction on the class.
func (p *prefill) opAt(instr ssa.Instruction) *Op {
	for _, op := range p.e.m.OpsOf(instr.Parent()) {
		if op.Instr == instr {
			return op
		}
	}
	return nil
}

// freshField reports whether addr is a field of a value allocated in the
// same function (a composite literal being filled in).
func freshField(addr ssa.Value) bool {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	a, ok := fa.X.(*ssa.Alloc)
	return ok && a.Parent() == fa.Parent()
}

// loopStarts reports whether b heads a loop that can make a receiver
// exist (a goroutine start, a receive, anything the walk stops at).
func (p *prefill) loopStarts(b *ssa.BasicBlock, depth int) bool {
	l := p.e.m.LoopOf(b)
	if l == nil || l.Header != b {
		return false
	}
	for i, in := range l.Blocks {
		if !in {
			continue
		}
		for _, instr := range b.Parent().Blocks[i].Instrs {
			if p.step(instr, depth) == stepStop {
				return true
			}
		}
	}
	return false
}

// countedLoop takes a loop that b heads and whose trip count is known at
// once, instead of going round it until the count passes the buffer: a
// loop that runs as many times as the buffer holds fills it, and no more
// (`for range maxInFlight { sema <- token }`). done is false when the walk
// must go into the loop as before (not a loop header, or a loop that
// calls what may send); with a trip count only known as a symbol the
// sends cannot be compared with a constant buffer, and the walk stops.
func (p *prefill) countedLoop(b *ssa.BasicBlock, count int64, depth int) (op *Op, n int64, done bool) {
	l := p.e.m.LoopOf(b)
	if l == nil || l.Header != b || l.Parent != nil {
		return nil, 0, false
	}
	fn := b.Parent()
	var first ssa.Instruction
	var per int64
	for i, in := range l.Blocks {
		if !in {
			continue
		}
		for _, instr := range fn.Blocks[i].Instrs {
			switch p.step(instr, depth) {
			case stepSend:
				per++
				if first == nil {
					first = instr
				}
			case stepCall, stepStop:
				return nil, 0, false
			}
		}
	}
	if per == 0 {
		return nil, 0, false
	}
	trip := p.e.tripOf(l)
	if !trip.isConst() {
		return nil, 0, true
	}
	total := count + per*trip.k
	if total > p.cap {
		return p.opAt(first), p.cap + 1, true
	}
	for i, in := range l.Blocks {
		if !in {
			continue
		}
		for _, s := range fn.Blocks[i].Succs {
			if !l.Contains(s) {
				if op, n := p.walk(s, 0, total, depth); op != nil {
					return op, n, true
				}
			}
		}
	}
	return nil, 0, true
}
