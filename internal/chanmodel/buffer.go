package chanmodel

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// canOverfill reports whether a send can find the channel's buffer full
// with nobody to take from it: the channel is unbuffered, or one path
// through the send's function sends more than the buffer holds (a loop
// counts its trips), or the function runs again and again on the same
// channel (a method of the value holding it that the package calls in a
// loop or from several places). An unknown buffer size counts as one.
// Sends in different functions are not added up: an object whose Resume
// and Fail each send once into a buffer of one is not overfilled. A
// buffer sized at run time (make(chan T, len(all))) is taken to hold every
// send, unless unknownFills: with no receiver at all, any buffer fills.
func (e *engine) canOverfill(op *Op, c *Chan, unknownFills bool) bool {
	if c.Unbuffered() {
		return true
	}
	var small int64 = -1
	makes := e.makesOf(op, c)
	unbuffered := true
	for _, mk := range makes {
		if k, ok := constInt(mk.Size); !ok || k != 0 {
			unbuffered = false
		}
	}
	if unbuffered {
		return true
	}
	var symbolic []count // buffers of a size the sends can be compared with
	for _, mk := range makes {
		k, ok := constInt(mk.Size)
		if !ok {
			if !unknownFills {
				return false
			}
			if c := e.capOf(mk); !c.inf {
				symbolic = append(symbolic, c)
				continue
			}
			k = 1
		}
		if small < 0 || k < small {
			small = k
		}
	}
	fn := op.Fn
	w := make([]count, len(fn.Blocks))
	seen := make(map[ssa.Instruction]bool)
	for _, s := range c.Sends {
		if s.Fn == fn && !seen[s.Instr] && e.sameEachTime(s) {
			seen[s.Instr] = true
			w[s.Block().Index] = w[s.Block().Index].add(constCount(1))
		}
	}
	n := e.longest(fn, w)
	for _, c := range symbolic {
		// make(chan T, capacity) filled by a loop to capacity.
		if !c.covers(n) {
			return true
		}
	}
	if small >= 0 && (!n.isConst() || n.k > small) {
		return true
	}
	return e.heldByOwner(op) && (e.m.repeatedOnSame(e.m.Party(fn)) || e.m.invokedInLoop(e.m.Party(fn)))
}

// makesOf returns the makes the operation's channel may come from: those
// its own places lead to when they are all makes (or local variables
// holding them), else the class's (a field is any value's field).
func (e *engine) makesOf(op *Op, c *Chan) []*ssa.MakeChan {
	var out []*ssa.MakeChan
	for _, l := range e.m.Locs(op.Chan) {
		if l.Kind != LocValue {
			return c.Makes
		}
		switch x := l.Val.(type) {
		case *ssa.MakeChan:
			out = append(out, x)
		case *ssa.Alloc:
			out = append(out, e.m.storedMakes(x, 0)...)
		default:
			return c.Makes
		}
	}
	if len(out) == 0 {
		return c.Makes
	}
	return out
}

// sameEachTime reports whether a send in a loop sends on the same channel
// on every iteration: the channel is reached from values made before the
// loop (not a loop variable, a request received in it).
func (e *engine) sameEachTime(op *Op) bool {
	l := e.m.LoopOf(op.Block())
	if l == nil {
		return true
	}
	acc, ok := e.m.AccessIn(op.Chan, op.Fn)
	if !ok {
		return false
	}
	instr, isInstr := acc.Root.(ssa.Instruction)
	return !isInstr || instr.Parent() != op.Fn || !l.Contains(instr.Block())
}

// heldByOwner reports whether the operation's channel is reached from its
// method's receiver or a package variable: the same channel on every call
// for that value, unlike one reached from a request passed in.
func (e *engine) heldByOwner(op *Op) bool {
	top := e.m.Party(op.Fn)
	acc, ok := e.m.AccessIn(op.Chan, top)
	if !ok {
		return false
	}
	if _, ok := acc.Root.(*ssa.Global); ok {
		return true
	}
	return top.Signature.Recv() != nil && len(top.Params) > 0 && acc.Root == top.Params[0]
}

// repeated reports whether fn can run more than once in the package's
// own calls: it has several call sites, or one in a loop, or its caller
// is repeated.
func (m *Model) repeated(fn *ssa.Function, depth int) bool {
	sites := m.Sites(fn)
	if len(sites) > 1 {
		return true
	}
	for _, s := range sites {
		if m.InLoop(s) || depth < 3 && s.Parent() != fn && m.repeated(m.Party(s.Parent()), depth+1) {
			return true
		}
	}
	return false
}

// invokedInLoop reports whether the method fn is called through an
// interface, in a loop, somewhere in the package.
func (m *Model) invokedInLoop(fn *ssa.Function) bool {
	if fn.Signature.Recv() == nil || !m.calls.ifaceCallable[origin(fn)] {
		return false
	}
	return m.calls.invokedInLoop(m, fn)
}

// repeatedOnSame reports whether the method fn runs more than once on the
// same receiver in the package's own calls: several call sites, or one in
// a loop (or in a function so called) whose receiver is not a value made
// anew each time round (a loop variable, a request received).
func (m *Model) repeatedOnSame(fn *ssa.Function) bool { return m.repeatedOn(fn, 0) }

func (m *Model) repeatedOn(fn *ssa.Function, depth int) bool {
	sites := m.Sites(fn)
	if len(sites) > 1 {
		return true
	}
	for _, s := range sites {
		args := s.Common().Args
		fresh := func(l *Loop) bool {
			if len(args) == 0 {
				return false
			}
			r, ok := args[0].(ssa.Instruction)
			return ok && r.Parent() == s.Parent() && (l == nil || l.Contains(r.Block())) && !isLoad(r)
		}
		if l := m.LoopOf(s.Block()); l != nil {
			if !fresh(l) {
				return true
			}
			continue
		}
		if depth < 3 && s.Parent() != fn && !fresh(nil) && m.repeatedOn(m.Party(s.Parent()), depth+1) {
			return true
		}
	}
	return false
}

// isLoad reports whether instr reads a field or variable: the same value
// each time as long as nothing stores to it.
func isLoad(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.MUL
	case *ssa.Field, *ssa.FieldAddr:
		return true
	}
	return false
}
