package chanmodel

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// peersGiveUp reports a send or receive whose every peer is a select case
// beside a case that gives up for good (a context's Done, a timer) and
// leaves: once every peer has given up, nothing completes the operation.
// A receive is not stuck when something closes the channel; a case on a
// quit channel is not taken as giving up (who closes it, and when,
// decides), nor one on the Done channel of a context only the blocked
// side's own function cancels (its peers give up only once it has left).
func (e *engine) peersGiveUp(op *Op, c *Chan) bool {
	m := e.m
	var peers []*Op
	if op.Kind == Recv {
		if e.anyLive(c.Closes) || !c.Unbuffered() {
			// A buffered channel's senders give up only when it is
			// full, or when both cases are ready: either way the
			// receiver has values.
			return false
		}
		peers = c.Sends
	} else {
		if !e.canOverfill(op, c, false) {
			return false
		}
		peers = c.Recvs
	}
	live := m.Live()
	var first *Op
	var what string
	n := 0
	for _, p := range peers {
		if !live[p.Fn] || m.IsTest(p.Instr) {
			continue
		}
		n++
		sel := p.Select()
		if sel == nil || m.Party(p.Fn) == m.Party(op.Fn) {
			return false
		}
		gu, w := e.giveUpCase(p, sel, op)
		if gu == nil {
			return false
		}
		if first == nil {
			first, what = gu, w
		}
	}
	if n == 0 || first == nil {
		return false
	}
	name := m.ChanName(op)
	l := &Leak{Shape: PeersGiveUp, Op: op, Peer: first.Pos, Facts: recvIDs}
	if op.Kind == Send {
		l.Facts = sendIDs
		l.Why = fmt.Sprintf("every receiver of %s gives up on %s (line %d), and after that nothing receives from it", name, what, m.Line(first.Pos))
		l.Fix = fmt.Sprintf("give %s a buffer for every send", name)
	} else {
		l.Why = fmt.Sprintf("every sender on %s gives up on %s (line %d), and nothing closes %s", name, what, m.Line(first.Pos), name)
		l.Fix = fmt.Sprintf("close %s when the senders give up", name)
	}
	e.add(l)
	return true
}

// giveUpCase returns the case of the peer's select by which it stops
// serving the channel for good, and its text: a receive from a context's
// Done channel or from a timer, whose body, in a loop, leaves the loop.
func (e *engine) giveUpCase(p *Op, sel *ssa.Select, blocked *Op) (*Op, string) {
	m := e.m
	loop := m.LoopOf(sel.Block())
	var timer *Op
	for i, st := range sel.States {
		if i == p.State || st.Dir != types.RecvOnly {
			continue
		}
		c := m.Class(st.Chan)
		if c == nil || !c.Done && !c.Timer {
			continue
		}
		if loop != nil {
			b := selectCase(sel, i)
			if b == nil || loop.Contains(b) && e.backTo(b, loop) {
				continue
			}
		}
		op := e.caseOp(sel, i)
		if op == nil {
			continue
		}
		if c.Done {
			if !e.canBeDone(st.Chan, blocked, sel) {
				continue
			}
			return op, "<-" + m.syntaxChan(st.Pos)
		}
		if timer == nil {
			timer = op
		}
	}
	if timer != nil {
		return timer, "<-" + m.syntaxChan(timer.Pos)
	}
	return nil, ""
}

// canBeDone reports whether a context's Done channel can be closed while
// the blocked operation waits for the peer's select: some cancel of the
// context (or of its parents), or a timer, runs other than after the
// blocked operation in its own goroutine or after the peer's select.
func (e *engine) canBeDone(done ssa.Value, blocked *Op, sel *ssa.Select) bool {
	ctx := ctxValue(done)
	if ctx == nil {
		return true
	}
	sites, unknown := e.m.cancellers(ctx, 0)
	if unknown {
		return true
	}
	peer := &Op{Instr: sel, Fn: sel.Parent(), State: -1}
	for _, s := range sites {
		if !e.after(s, blocked, 0) && !e.after(s, peer, 0) {
			return true
		}
	}
	return false
}

func fullNameOf(call *ssa.CallCommon) string {
	if fn := call.StaticCallee(); fn != nil {
		return fullName(fn)
	}
	return ""
}

// storedValue returns the only value stored in a local cell, or the cell.
func storedValue(a *ssa.Alloc) ssa.Value {
	var v ssa.Value = a
	n := 0
	for _, ref := range *a.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
			v = st.Val
			n++
		}
	}
	if n != 1 {
		return a
	}
	return v
}

// callerLeaves reports a send, in a goroutine that watches a context
// elsewhere, on a channel its starter returns to the caller: the caller
// reads it, and a caller that stops on cancellation leaves the send
// waiting for good (a pipeline stage, in the Go blog's "pipelines and
// cancellation"). Only a context in scope makes this a finding: the check
// is item 14's, and ctxblock reports it.
func (e *engine) callerLeaves(op *Op, c *Chan) {
	m := e.m
	if op.Select() != nil || m.ContextAt(op) == "" || !e.canOverfill(op, c, false) {
		return
	}
	// A stream: the send comes round again (a one-off result is read by
	// callers that wait for it).
	if l := m.LoopOf(op.Block()); l == nil || !e.backTo(op.Block(), l) {
		return
	}
	watches := false
	for _, o := range m.OpsOf(op.Fn) {
		if sel := o.Select(); sel != nil && m.SelectsOnDone(sel) {
			watches = true
		}
	}
	if !watches {
		return
	}
	var starter *Start
	for _, s := range m.Starts {
		if s.Fn != nil && origin(s.Fn) == origin(m.Party(op.Fn)) {
			starter = s
		}
	}
	if starter == nil {
		return
	}
	f := m.Party(starter.Caller)
	for _, b := range f.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || !m.Escapes(f) {
			continue
		}
		for _, r := range ret.Results {
			if m.Class(r) == c {
				name := m.ChanName(op)
				e.add(&Leak{Shape: CallerLeaves, Op: op, Peer: ret.Pos(), Facts: sendIDs,
					Why: fmt.Sprintf("its receiver is %s's caller, to which %s is returned (line %d), and a caller that stops receiving (on cancellation) leaves it waiting", FuncName(f), name, m.Line(ret.Pos())),
					Fix: "return once the context is done instead of sending"})
				return
			}
		}
	}
}
