package chanmodel

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// selfRelease reports a receive whose only releases run in its own
// goroutine after it: the waiting function's deferred close of the
// channel, or a close (or, for a context's Done, a cancel) it reaches only
// once the receive has returned. Nothing else sends on the channel.
func (e *engine) selfRelease(op *Op, c *Chan) bool {
	if op.Kind != Recv || e.anyLive(c.Sends) {
		return false
	}
	live := e.m.Live()
	var first *Op
	for _, cl := range c.Closes {
		if !live[cl.Fn] || e.m.IsTest(cl.Instr) {
			continue
		}
		if !e.after(cl.Instr, op, 0) {
			return false
		}
		if first == nil {
			first = cl
		}
	}
	if first == nil {
		return false // no release at all: noPeer's
	}
	name := e.m.ChanName(op)
	how := fmt.Sprintf("the only close of %s (line %d) runs in this goroutine after this receive", name, e.m.Line(first.Pos))
	if first.Deferred {
		how = fmt.Sprintf("the only close of %s is the deferred close at line %d in the same function, which runs only once that function returns", name, e.m.Line(first.Pos))
	}
	e.add(&Leak{Shape: SelfRelease, Op: op, Peer: first.Pos, Facts: recvIDs, Why: how,
		Fix: fmt.Sprintf("wait on a channel that another goroutine closes, or close %s before waiting", name)})
	return true
}

// after reports whether the call or close instr can only run in op's
// goroutine once op has completed: it is deferred by op's function, or
// dominated by op in the same function, or in a function of the package
// that only such instructions call.
func (e *engine) after(instr ssa.Instruction, op *Op, depth int) bool {
	fn := instr.Parent()
	if fn == op.Fn {
		if _, ok := instr.(*ssa.Defer); ok {
			return true
		}
		if instr.Block() == op.Block() {
			return indexIn(instr) > indexIn(op.Instr) && e.m.LoopOf(op.Block()) == nil
		}
		return op.Block().Dominates(instr.Block()) && e.m.LoopOf(op.Block()) == nil
	}
	if depth > 3 || e.m.Escapes(fn) {
		return false
	}
	sites := e.m.Sites(fn)
	if len(sites) == 0 {
		return false
	}
	for _, s := range sites {
		if _, isGo := s.(*ssa.Go); isGo || !e.after(s, op, depth+1) {
			return false
		}
	}
	return true
}

// ctxNeverDone reports a receive from a context's Done channel that
// nothing can close while it waits: the context is never cancelled (its
// cancel function is never called, its parent is Background), or only
// cancelled by this goroutine after the wait.
func (e *engine) ctxNeverDone(op *Op) bool {
	ctx := ctxValue(op.Chan)
	if ctx == nil || op.Kind != Recv {
		return false
	}
	sites, unknown := e.m.cancellers(ctx, 0)
	if unknown {
		return false
	}
	for _, s := range sites {
		if !e.after(s, op, 0) {
			return false
		}
	}
	name := strings.TrimSuffix(e.m.ChanExpr(op), ".Done()")
	l := &Leak{Shape: NoPeer, Op: op, Facts: []Fact{RecvParks, CancelClosesOnlyDone, StackIsRoot}}
	if len(sites) == 0 {
		l.Why = fmt.Sprintf("nothing that runs cancels %s, and its parent is never done", name)
		l.Fix = "call the context's cancel function where the wait should end (its owner's Close, Rollback or Stop), or return on another channel too"
	} else {
		l.Shape = SelfRelease
		l.Peer = sites[0].Pos()
		l.Why = fmt.Sprintf("the only cancel of its context (line %d) runs in this goroutine after this wait, and its parent is never done", e.m.Line(sites[0].Pos()))
		l.Fix = "cancel the context from its owner (the function that made it must call cancel, or defer it), not after the wait"
	}
	e.add(l)
	return true
}
