package chanmodel

import (
	"fmt"
	"go/token"
	"sort"

	"golang.org/x/tools/go/ssa"
)

var (
	sendIDs = []Fact{SendParks, StackIsRoot}
	recvIDs = []Fact{RecvParks, StackIsRoot}
)

// sendersLeft: the goroutines send, the owner receives. A sender blocks
// for good when the owner can leave without taking its value (an early
// return, another select case), takes fewer values than can be sent
// (first result wins, a second send, a receive loop that stops early),
// and the buffer does not hold the rest.
func (lp *local) sendersLeft() {
	m := lp.e.m
	var total count
	for _, s := range lp.starts {
		for _, op := range lp.ops[s] {
			if op.Kind == Send && !lp.hard(op) {
				return // the sender can give up
			}
		}
		total = total.add(lp.maxOn(s.Fn, s, Send, 0).times(lp.iterations(s)))
	}
	if total.isZero() || lp.cap.covers(total) {
		return
	}
	name := lp.name()
	owner := FuncName(lp.owner)
	w := &exitWalk{e: lp.e,
		does:   func(x ssa.Instruction) bool { return lp.does(x, nil, Recv) },
		atExit: func(x ssa.Instruction) bool { return lp.does(x, nil, Recv) },
		takes:  lp.caseOnGroup(Recv),
	}
	if m.InLoop(lp.mk) {
		w.remake = lp.mk
	}
	reported := false
	ownLooped := false
	for _, op := range lp.own {
		if op.Kind == Recv && m.LoopOf(op.Block()) != nil {
			ownLooped = true
		}
	}
	for _, s := range lp.starts {
		if s.Caller != lp.owner {
			continue
		}
		if it := lp.iterations(s); ownLooped && (!it.isConst() || it.k != 1) {
			continue // starts and receives both counted by loops: see below
		}
		end, ok := w.from(s.Instr)
		if !ok {
			continue
		}
		why := lp.leaves(owner, end, "receiving from "+name)
		for _, op := range lp.pastBuffer(lp.hardOps(s, Send)) {
			lp.report(&Leak{Shape: OwnerLeaves, Op: op, Peer: end.at, Facts: sendIDs,
				Why: why, Fix: lp.bufferFix(total, "receive from "+name+" on every path")}, s)
			reported = true
		}
	}
	if reported {
		return
	}
	// How the owner receives.
	var early *Loop
	var earlyAt token.Pos
	looped := false
	for _, op := range lp.own {
		if op.Kind != Recv {
			continue
		}
		l := m.LoopOf(op.Block())
		if l == nil && op.Fn != lp.owner {
			for _, site := range m.Sites(op.Fn) {
				if m.InLoop(site) {
					looped = true
				}
			}
		}
		if l == nil {
			continue
		}
		looped = true
		if ex := l.EarlyExit(); ex != nil && early == nil && !l.CountedExits() {
			early, earlyAt = l, exitPos(ex)
		}
	}
	if !looped {
		rmax := lp.maxOn(lp.owner, nil, Recv, 0)
		if !rmax.isConst() || !total.exceeds(lp.cap, rmax.k) {
			return
		}
		lp.overflow(total, rmax.k)
		return
	}
	if early != nil && total.exceeds(lp.cap, 0) {
		where := fmt.Sprintf("when it leaves the loop at line %d early", m.Line(m.LoopPos(earlyAt)))
		if l := m.Line(earlyAt); l > 0 {
			where = fmt.Sprintf("when it leaves the loop at line %d early (line %d)", m.Line(m.LoopPos(lp.ownRecvPos())), l)
		}
		why := fmt.Sprintf("%s stops receiving from %s %s, while %s", owner, name, where, lp.amount(total))
		for _, s := range lp.starts {
			for _, op := range lp.hardOps(s, Send) {
				lp.report(&Leak{Shape: Overflow, Op: op, Peer: earlyAt, Facts: sendIDs, Why: why,
					Fix: lp.bufferFix(total, "keep receiving until every sender is done")}, s)
			}
		}
	}
}

// overflow reports sends beyond what the owner receives (r times, on any
// path) and the buffer holds.
func (lp *local) overflow(total count, r int64) {
	m := lp.e.m
	owner, name := FuncName(lp.owner), lp.name()
	times := "once"
	if r != 1 {
		times = fmt.Sprintf("%d times", r)
	}
	for _, s := range lp.starts {
		if it := lp.iterations(s); !it.isConst() || it.k != 1 {
			why := fmt.Sprintf("%s receives from %s only %s, but the loop at line %d starts a goroutine that sends on it each time round; all but %d of them%s block for good",
				owner, name, times, m.Line(m.LoopPos(s.Instr.Pos())), r, lp.bufText())
			for _, op := range lp.hardOps(s, Send) {
				lp.report(&Leak{Shape: Overflow, Op: op, Peer: s.Instr.Pos(), Facts: sendIDs, Why: why,
					Fix: lp.bufferFix(total, "receive once per goroutine")}, s)
			}
			return
		}
	}
	// Constant counts: report the send past the receives.
	var at *Op
	var by *Start
	for _, s := range lp.starts {
		if n := lp.maxOn(s.Fn, s, Send, 0); n.isConst() && n.k >= 2 {
			ops := lp.hardOps(s, Send)
			at, by = ops[len(ops)-1], s
		}
	}
	if at == nil {
		by = lp.starts[len(lp.starts)-1]
		ops := lp.hardOps(by, Send)
		if len(ops) == 0 {
			return
		}
		at = ops[len(ops)-1]
	}
	why := fmt.Sprintf("the goroutines %s starts can send %s times on %s, but it receives only %s%s, so a send blocks for good",
		owner, lp.sends(total), name, times, lp.bufText())
	lp.report(&Leak{Shape: Overflow, Op: at, Peer: by.Instr.Pos(), Facts: sendIDs, Why: why,
		Fix: "send once per receive (a return after the first send is often missing)"}, by)
}

// receiversLeft: the goroutines receive, the owner sends or closes. A
// receiver waits for good when the owner can leave without closing the
// channel (a range needs the close) or sending what it waits for.
func (lp *local) receiversLeft() {
	m := lp.e.m
	owner, name := FuncName(lp.owner), lp.name()
	for _, s := range lp.starts {
		if s.Caller != lp.owner {
			continue
		}
		ops := lp.hardOps(s, Recv)
		if len(ops) != len(opsOfKind(lp.ops[s], Recv)) || len(ops) == 0 {
			continue // a receive that can give up
		}
		ranges := false
		for _, op := range ops {
			ranges = ranges || op.Range
		}
		if !ranges && !(lp.cap.isConst() && lp.cap.k == 0) {
			continue // a buffered channel's values can be sent before the start (a semaphore)
		}
		kinds := []OpKind{Close, Send}
		if ranges {
			kinds = kinds[:1]
		}
		w := &exitWalk{e: lp.e,
			does:   func(x ssa.Instruction) bool { return lp.does(x, nil, kinds...) },
			atExit: func(x ssa.Instruction) bool { return lp.does(x, nil, kinds...) },
			takes:  lp.caseOnGroup(Send),
		}
		if m.InLoop(lp.mk) {
			w.remake = lp.mk
		}
		if lp.closedBefore(s.Instr) {
			continue // closed before the goroutine starts: its range ends
		}
		end, ok := w.from(s.Instr)
		if !ok {
			continue
		}
		what := "closing " + name + " or sending on it"
		if ranges {
			what = "closing " + name + ", which the range waits for"
		}
		for _, op := range ops {
			lp.report(&Leak{Shape: OwnerLeaves, Op: op, Peer: end.at, Facts: recvIDs,
				Why: lp.leaves(owner, end, what),
				Fix: fmt.Sprintf("close %s on every path once nothing more is sent (defer close(%s))", name, name)}, s)
		}
	}
}

// ownerLeft: the owner waits for a goroutine that can return without the
// send or close it waits for.
func (lp *local) ownerLeft() {
	m := lp.e.m
	var waits []*Op
	ranges := false
	for _, op := range lp.own {
		if op.Kind == Recv && lp.hard(op) && (op.Range || m.LoopOf(op.Block()) == nil) {
			waits = append(waits, op)
			ranges = ranges || op.Range
		}
	}
	if len(waits) == 0 || len(lp.starts) != 1 {
		return
	}
	s := lp.starts[0]
	if it := lp.iterations(s); !it.isConst() || it.k != 1 || s.Fn == nil {
		return
	}
	kinds := []OpKind{Close, Send}
	if ranges {
		kinds = kinds[:1]
	}
	w := &exitWalk{e: lp.e,
		does:   func(x ssa.Instruction) bool { return lp.does(x, s, kinds...) },
		atExit: func(x ssa.Instruction) bool { return lp.does(x, s, kinds...) },
	}
	if !ranges {
		w.takes = lp.caseOnGroup(Send)
	}
	end, ok := w.fromEntry(s.Fn)
	if !ok || !end.ret {
		return
	}
	name := lp.name()
	what := "sending on or closing " + name
	if ranges {
		what = "closing " + name
	}
	for _, op := range waits {
		lp.report(&Leak{Shape: PeerLeaves, Op: op, Peer: end.at, Facts: recvIDs,
			Why: fmt.Sprintf("%s returns at line %d without %s", s.Name(m.Pass.Fset), m.Line(end.at), what),
			Fix: fmt.Sprintf("close %s on every path of the goroutine (defer close(%s))", name, name)}, nil)
	}
}

// closedBefore reports whether the owner closes the group on every path
// to instr (fill, close, then start the workers).
func (lp *local) closedBefore(instr ssa.Instruction) bool {
	for _, op := range lp.own {
		if op.Kind != Close || op.Deferred || op.Fn != instr.Parent() {
			continue
		}
		b := op.Block()
		if b == instr.Block() && indexIn(op.Instr) < indexIn(instr) || b != instr.Block() && b.Dominates(instr.Block()) {
			return true
		}
	}
	return false
}

// pastBuffer drops the first sends a constant buffer holds: they never
// block.
func (lp *local) pastBuffer(ops []*Op) []*Op {
	if lp.cap.isConst() && lp.cap.k > 0 && int64(len(ops)) > lp.cap.k {
		return ops[lp.cap.k:]
	}
	return ops
}

// hardOps returns the operations of kind that s performs with no way
// out, in source order.
func (lp *local) hardOps(s *Start, kind OpKind) []*Op {
	var out []*Op
	for _, op := range lp.ops[s] {
		if op.Kind == kind && lp.hard(op) {
			out = append(out, op)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos < out[j].Pos })
	return out
}

func opsOfKind(ops []*Op, kind OpKind) []*Op {
	var out []*Op
	for _, op := range ops {
		if op.Kind == kind {
			out = append(out, op)
		}
	}
	return out
}

// report adds a leak of the protocol, naming the goroutine that stays.
func (lp *local) report(l *Leak, s *Start) {
	if s != nil {
		l.Who, l.Goroutine = s.Name(lp.e.m.Pass.Fset), true
		if l.Op.Fn != s.Fn && l.Op.Fn.Parent() == nil {
			l.Who += " (in " + FuncName(l.Op.Fn) + ")"
		}
	}
	lp.e.add(l)
}

// leaves describes how the owner leaves: "F returns at line 12 without
// receiving from ch", "F takes the case at line 9 and returns at line 12
// without ...", "F makes a new ch at line 4 without ...".
func (lp *local) leaves(owner string, end pathEnd, without string) string {
	m := lp.e.m
	how := fmt.Sprintf("returns at line %d", m.Line(end.at))
	if !end.ret {
		how = fmt.Sprintf("goes round the loop and makes a new %s at line %d", lp.name(), m.Line(end.at))
	}
	if end.via != token.NoPos {
		how = fmt.Sprintf("takes the select case at line %d and %s", m.Line(end.via), how)
	}
	return fmt.Sprintf("%s %s without %s", owner, how, without)
}

// name is the channel as the owner writes it.
func (lp *local) name() string {
	for _, op := range lp.own {
		return lp.e.m.ChanName(op)
	}
	for _, s := range lp.starts {
		for _, op := range lp.ops[s] {
			return lp.e.m.ChanName(op)
		}
	}
	return "the channel"
}

func (lp *local) bufText() string {
	if lp.cap.isConst() && lp.cap.k > 0 {
		return fmt.Sprintf(" (it holds %d)", lp.cap.k)
	}
	return ""
}

// amount says how many sends can still come, against the buffer.
func (lp *local) amount(total count) string {
	holds := "it has no buffer"
	if lp.cap.isConst() && lp.cap.k > 0 {
		holds = fmt.Sprintf("its buffer holds %d", lp.cap.k)
	}
	if total.isConst() {
		return fmt.Sprintf("%d values in all can be sent and %s", total.k, holds)
	}
	for _, s := range lp.starts {
		if it := lp.iterations(s); !it.isConst() || it.k != 1 {
			return fmt.Sprintf("each goroutine started in the loop at line %d sends on it and %s", lp.e.m.Line(lp.e.m.LoopPos(s.Instr.Pos())), holds)
		}
	}
	return "more values than it can hold can be sent"
}

// sends renders a count of sends.
func (lp *local) sends(c count) string {
	if c.isConst() {
		return fmt.Sprint(c.k)
	}
	return "more"
}

// bufferFix proposes a buffer for every send when the count allows, or
// the alternative.
func (lp *local) bufferFix(total count, otherwise string) string {
	if total.isConst() {
		return fmt.Sprintf("give %s a buffer for every send (make(chan T, %d)), or %s", lp.name(), total.k, otherwise)
	}
	for s := range total.terms {
		if s.isLen && len(total.terms) == 1 && total.k == 0 {
			return fmt.Sprintf("give %s a buffer for every goroutine (make(chan T, len(...)) of what the loop ranges over), or %s", lp.name(), otherwise)
		}
	}
	return fmt.Sprintf("give %s a buffer for every send, or %s", lp.name(), otherwise)
}

// exitPos is the position of the statement by which a path leaves a loop
// early: the return it reaches, or the first positioned instruction.
func exitPos(b *ssa.BasicBlock) token.Pos {
	for range 8 {
		for _, instr := range b.Instrs {
			if r, ok := instr.(*ssa.Return); ok && r.Pos().IsValid() {
				return r.Pos()
			}
		}
		if len(b.Succs) != 1 {
			break
		}
		b = b.Succs[0]
	}
	for _, instr := range b.Instrs {
		if instr.Pos().IsValid() {
			return instr.Pos()
		}
	}
	return token.NoPos
}

// ownRecvPos is the position of the owner's first receive on the group.
func (lp *local) ownRecvPos() token.Pos {
	for _, op := range lp.own {
		if op.Kind == Recv {
			return op.Pos
		}
	}
	return token.NoPos
}
