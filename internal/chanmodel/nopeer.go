package chanmodel

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// checkOp looks for the ways a send or receive can block for good that
// do not depend on who owns the channel: a nil or fresh channel, a
// channel nothing can complete the operation on, a peer that is a loop
// that can return, a wait on one's own deferred close, peers that give
// up.
func (e *engine) checkOp(op *Op) {
	if sel := op.Select(); sel != nil {
		if op.State == 0 {
			e.checkSelect(sel, op)
		}
		return
	}
	if e.nilOrFresh(op) {
		return
	}
	if e.ctxNeverDone(op) {
		return
	}
	c := e.m.ClassOf(op)
	if c == nil || e.lenGuarded(op, c) {
		return
	}
	if op.Kind == Recv && recvInternal(c) || op.Kind == Send && sendInternal(c) {
		if e.noPeer(op, c) || e.selfRelease(op, c) {
			return
		}
		if owner := localOwner(c); owner != nil && e.ownerUses(owner, c) {
			return // the local protocol's checks know better
		}
		if e.loopReturns(op, c) || e.peersGiveUp(op, c) {
			return
		}
	}
	if op.Kind == Send && !c.Foreign && len(c.Makes) > 0 && c.OutRecv {
		e.callerLeaves(op, c)
	}
}

// recvInternal reports whether every sender and closer of the class's
// channels is in the package's view.
func recvInternal(c *Chan) bool {
	return !c.Foreign && len(c.Makes) > 0 && !c.OutSend && !c.OutClose && !c.Timer && !c.Done && len(c.ExtSenders) == 0
}

// sendInternal reports whether every receiver of the class's channels is
// in the package's view.
func sendInternal(c *Chan) bool {
	return !c.Foreign && len(c.Makes) > 0 && !c.OutRecv && !c.Timer && !c.Done
}

// nilOrFresh reports a send or receive on a nil channel, or on one made
// in the operation itself.
func (e *engine) nilOrFresh(op *Op) bool {
	verb := "receive from"
	id := NilRecvParks
	if op.Kind == Send {
		verb, id = "send on", NilSendParks
	}
	if k, ok := op.Chan.(*ssa.Const); ok && k.IsNil() {
		e.add(&Leak{Shape: NilChan, Op: op, Why: fmt.Sprintf("a %s a nil channel blocks forever", verb),
			Fix: "make the channel before using it", Facts: []Fact{id, StackIsRoot}})
		return true
	}
	if mk, ok := op.Chan.(*ssa.MakeChan); ok && len(*mk.Referrers()) == 1 {
		if k, ok := constInt(mk.Size); ok && k == 0 || op.Kind == Recv {
			what := RecvParks
			if op.Kind == Send {
				what = SendParks
			}
			e.add(&Leak{Shape: FreshChan, Op: op, Why: fmt.Sprintf("the channel is made right here, so nothing else can ever %s it", peerVerb(op.Kind)),
				Fix: "use the channel the other side holds", Facts: []Fact{what, StackIsRoot}})
			return true
		}
	}
	c := e.m.ClassOf(op)
	if c != nil && !c.Foreign && !c.Timer && !c.Done && len(c.Makes) == 0 && !c.OutSend && !c.OutClose && !c.OutRecv && neverAssigned(c) && !e.nilGuarded(op, c) && e.m.zeroValuesExist(c) {
		e.add(&Leak{Shape: NilChan, Op: op,
			Why: fmt.Sprintf("nothing in this package ever assigns a channel to %s, so it is nil, and a %s a nil channel blocks forever", e.m.ChanName(op), verb),
			Fix: "make the channel where its owner is created", Facts: []Fact{id, StackIsRoot}})
		return true
	}
	return false
}

// neverAssigned reports whether the class is made only of fields and
// variables of the package (no parameters, results or elements, whose
// channels could come from places the model does not follow).
func neverAssigned(c *Chan) bool {
	for _, l := range c.Locs {
		switch l.Kind {
		case LocField, LocGlobal:
		case LocValue:
			if _, ok := l.Val.(*ssa.Alloc); !ok {
				return false
			}
		default:
			return false
		}
	}
	return len(c.Locs) > 0
}

func peerVerb(k OpKind) string {
	if k == Send {
		return "receive from"
	}
	return "send on or close"
}

// noPeer reports an operation that nothing in the package can complete:
// a receive from channels nothing sends on or closes, a send nothing
// receives (once the buffer is full), or peers only in functions that
// never run.
func (e *engine) noPeer(op *Op, c *Chan) bool {
	live := e.m.Live()
	var peers, livePeers []*Op
	if op.Kind == Recv {
		peers = append(append(peers, c.Sends...), c.Closes...)
	} else {
		peers = c.Recvs
	}
	blocking := 0
	for _, p := range peers {
		if live[p.Fn] && !e.m.IsTest(p.Instr) {
			livePeers = append(livePeers, p)
			// A polling loop's non-blocking receive takes a waiting
			// sender's value on a later round.
			if sel := p.Select(); sel == nil || sel.Blocking || e.m.InLoop(p.Instr) {
				blocking++
			}
		}
	}
	name := e.m.ChanName(op)
	recvIDs := []Fact{RecvParks, StackIsRoot}
	sendIDs := []Fact{SendParks, StackIsRoot}
	switch {
	case op.Kind == Recv && len(livePeers) == 0:
		l := &Leak{Shape: NoPeer, Op: op, Facts: recvIDs}
		l.Why = fmt.Sprintf("nothing in this package sends on or closes %s, and no other package can reach it", name)
		l.Fix = fmt.Sprintf("close %s (or send on it) where the wait should end", name)
		if len(peers) > 0 {
			l.Shape = DeadPeer
			l.Peer = peers[0].Pos
			l.Why = fmt.Sprintf("the only %s of %s is in %s (line %d), which nothing calls", peers[0].Kind, name, FuncName(peers[0].Fn), e.m.Line(peers[0].Pos))
			l.Fix = fmt.Sprintf("call %s where the wait should end", FuncName(peers[0].Fn))
		}
		e.add(l)
		return true
	case op.Kind == Send && blocking == 0:
		if !e.canOverfill(op, c, true) {
			return false
		}
		l := &Leak{Shape: NoPeer, Op: op, Facts: sendIDs}
		full := "this send blocks"
		if !c.Unbuffered() {
			full = "once its buffer is full, this send blocks"
		}
		switch {
		case len(livePeers) > 0:
			l.Peer = livePeers[0].Pos
			l.Why = fmt.Sprintf("the only receive from %s is the non-blocking one at line %d, so %s", name, e.m.Line(livePeers[0].Pos), full)
		case len(peers) > 0:
			l.Shape = DeadPeer
			l.Peer = peers[0].Pos
			l.Why = fmt.Sprintf("the only receive from %s is in %s (line %d), which nothing calls, so %s", name, FuncName(peers[0].Fn), e.m.Line(peers[0].Pos), full)
		default:
			l.Why = fmt.Sprintf("nothing in this package receives from %s, and no other package can reach it, so %s", name, full)
		}
		l.Fix = fmt.Sprintf("receive from %s where the value is wanted, or drop the send", name)
		e.add(l)
		return true
	}
	return false
}

// checkSelect reports a select without default none of whose cases can
// ever be taken.
func (e *engine) checkSelect(sel *ssa.Select, first *Op) {
	if !sel.Blocking {
		return
	}
	for i := range sel.States {
		if !e.deadCase(sel, i) {
			return
		}
	}
	names := make([]string, 0, len(sel.States))
	for _, op := range e.m.OpsOf(sel.Parent()) {
		if op.Instr == sel {
			names = append(names, e.m.ChanName(op))
		}
	}
	e.add(&Leak{Shape: NoPeer, Op: first, Select: sel, Facts: []Fact{SelectWaitsForAnyCase, StackIsRoot},
		Why: fmt.Sprintf("none of its cases can ever be taken: nothing that runs is the other side of %s", strings.Join(names, ", ")),
		Fix: "give the select a case that can fire (a done channel its owner closes, or <-ctx.Done())"})
}

// ownerUses reports whether the owner of a local channel operates on it
// itself (rather than only handing it to the goroutines it starts).
func (e *engine) ownerUses(owner *ssa.Function, c *Chan) bool {
	for _, list := range [][]*Op{c.Sends, c.Recvs, c.Closes} {
		for _, op := range list {
			if e.m.Party(op.Fn) == owner {
				return true
			}
		}
	}
	return false
}

// zeroValuesExist reports whether values holding the class's fields can
// exist outside tests with the fields unset: each field's struct type is
// visible to other packages (their zero values are theirs to make) or is
// allocated in the package's own code. A type only tests construct says
// nothing about production.
func (m *Model) zeroValuesExist(c *Chan) bool {
	for _, l := range c.Locs {
		if l.Kind != LocField {
			continue
		}
		v := l.Obj.(*types.Var)
		owner, ok := m.fieldOwner(v)
		if !ok || owner == nil {
			continue
		}
		if m.Pass.Pkg.Name() != "main" && m.isVisible(owner) {
			continue
		}
		if !m.allocates(owner) {
			return false
		}
	}
	return true
}

// isVisible reports whether other packages can hold values of t.
func (m *Model) isVisible(t *types.Named) bool {
	m.visibleOnce.Do(func() {
		m.visible = make(map[*types.Named]bool)
		for _, t := range visibleTypes(m.Pass.Pkg) {
			m.visible[t] = true
		}
	})
	return m.visible[t.Origin()]
}

// allocates reports whether the package's code allocates a value of t (a
// variable, a new or a composite literal).
func (m *Model) allocates(t *types.Named) bool {
	for _, f := range m.allFuncs() {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				a, ok := instr.(*ssa.Alloc)
				if !ok {
					continue
				}
				if n, ok := types.Unalias(a.Type().(*types.Pointer).Elem()).(*types.Named); ok && n.Origin() == t.Origin() {
					return true
				}
			}
		}
	}
	for _, mem := range m.Pkg.Members {
		if g, ok := mem.(*ssa.Global); ok {
			if n, ok := types.Unalias(g.Type().(*types.Pointer).Elem()).(*types.Named); ok && n.Origin() == t.Origin() {
				return true
			}
		}
	}
	return false
}
