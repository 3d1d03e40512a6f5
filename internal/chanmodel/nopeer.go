package chanmodel

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/contract"
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
	id := contract.NilChanRecvParksForever
	if op.Kind == Send {
		verb, id = "send on", contract.NilChanSendParksForever
	}
	if k, ok := op.Chan.(*ssa.Const); ok && k.IsNil() {
		e.add(&Leak{Shape: NilChan, Op: op, Why: fmt.Sprintf("a %s a nil channel blocks forever", verb),
			Fix: "make the channel before using it", IDs: []contract.ID{id, contract.GCScansEveryGoroutineStack}})
		return true
	}
	if mk, ok := op.Chan.(*ssa.MakeChan); ok && len(*mk.Referrers()) == 1 {
		if k, ok := constInt(mk.Size); ok && k == 0 || op.Kind == Recv {
			what := contract.ChanRecvParksUntilSendOrClose
			if op.Kind == Send {
				what = contract.ChanSendParksUntilRecv
			}
			e.add(&Leak{Shape: FreshChan, Op: op, Why: fmt.Sprintf("the channel is made right here, so nothing else can ever %s it", peerVerb(op.Kind)),
				Fix: "use the channel the other side holds", IDs: []contract.ID{what, contract.GCScansEveryGoroutineStack}})
			return true
		}
	}
	c := e.m.ClassOf(op)
	if c != nil && !c.Foreign && !c.Timer && !c.Done && len(c.Makes) == 0 && !c.OutSend && !c.OutClose && !c.OutRecv && neverAssigned(c) && !e.m.testAssigns(c) && !e.nilGuarded(op, c) {
		e.add(&Leak{Shape: NilChan, Op: op,
			Why: fmt.Sprintf("nothing in this package ever assigns a channel to %s, so it is nil, and a %s a nil channel blocks forever", e.m.ChanName(op), verb),
			Fix: "make the channel where its owner is created", IDs: []contract.ID{id, contract.GCScansEveryGoroutineStack}})
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
	recvIDs := []contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.GCScansEveryGoroutineStack}
	sendIDs := []contract.ID{contract.ChanSendParksUntilRecv, contract.GCScansEveryGoroutineStack}
	switch {
	case op.Kind == Recv && len(livePeers) == 0:
		l := &Leak{Shape: NoPeer, Op: op, IDs: recvIDs}
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
		l := &Leak{Shape: NoPeer, Op: op, IDs: sendIDs}
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
	for _, mk := range c.Makes {
		k, ok := constInt(mk.Size)
		if !ok {
			if !unknownFills {
				return false
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
	if n := e.longest(fn, w); !n.isConst() || n.k > small {
		return true
	}
	return e.heldByOwner(op) && (e.m.repeatedOnSame(e.m.Party(fn)) || e.m.invokedInLoop(e.m.Party(fn)))
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
	e.add(&Leak{Shape: NoPeer, Op: first, Select: sel, IDs: []contract.ID{contract.SelectWakesOnAnyCase, contract.GCScansEveryGoroutineStack},
		Why: fmt.Sprintf("none of its cases can ever be taken: nothing that runs is the other side of %s", strings.Join(names, ", ")),
		Fix: "give the select a case that can fire (a done channel its owner closes, or <-ctx.Done())"})
}

// invokedInLoop reports whether the method fn is called through an
// interface, in a loop, somewhere in the package.
func (m *Model) invokedInLoop(fn *ssa.Function) bool {
	if fn.Signature.Recv() == nil || !m.calls.ifaceCallable[origin(fn)] {
		return false
	}
	return m.calls.invokedInLoop(m, fn)
}

// testAssigns reports whether the test files mention one of the fields or
// variables of the class: they may give it a channel.
func (m *Model) testAssigns(c *Chan) bool {
	for _, l := range c.Locs {
		if l.Obj != nil && m.syn.testUses[l.Obj] {
			return true
		}
	}
	return false
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

// lenGuarded reports whether the operation runs only after a check of
// the channel's length (for len(ch) > 0 { <-ch }): a drain that does not
// wait.
func (e *engine) lenGuarded(op *Op, c *Chan) bool {
	return e.guardedBy(op, func(v ssa.Value) bool {
		call, ok := v.(*ssa.Call)
		if !ok {
			return false
		}
		b, ok := call.Call.Value.(*ssa.Builtin)
		return ok && (b.Name() == "len" || b.Name() == "cap") && len(call.Call.Args) == 1 && e.m.Class(call.Call.Args[0]) == c
	})
}

// nilGuarded reports whether the operation runs only after the channel
// was compared with nil.
func (e *engine) nilGuarded(op *Op, c *Chan) bool {
	return e.guardedBy(op, func(v ssa.Value) bool {
		k, ok := v.(*ssa.Const)
		return ok && k.IsNil()
	}, c)
}

// guardedBy reports whether a branch that decides whether op runs tests a
// condition with an operand match accepts (and, with also, one of the
// class's values on the other side).
func (e *engine) guardedBy(op *Op, match func(ssa.Value) bool, also ...*Chan) bool {
	b := op.Block()
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		for _, pair := range [][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
			if match(pair[0]) && (len(also) == 0 || e.m.Class(pair[1]) == also[0]) {
				return true
			}
		}
	}
	return false
}
