package chanmodel

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// loopReturns reports a send or receive whose only peers are the select
// cases of one loop in another goroutine (a run loop serving requests),
// when that loop can return: after it has, the operation waits for good.
// A run loop stopped by Stop or a cancelled context, with a method that
// sends it a request and does not also wait for the loop's end, is the
// shape (etcd#6857, istio#17860).
func (e *engine) loopReturns(op *Op, c *Chan) bool {
	m := e.m
	live := m.Live()
	var peers []*Op
	if op.Kind == Send {
		peers = c.Recvs
	} else {
		if !c.Unbuffered() {
			return false // a semaphore: the value was sent before the receive
		}
		for _, cl := range c.Closes {
			if live[cl.Fn] && !m.IsTest(cl.Instr) {
				return false // a close ends the wait
			}
		}
		peers = c.Sends
	}
	var loop *Loop
	var server *ssa.Function
	for _, p := range peers {
		if !live[p.Fn] || m.IsTest(p.Instr) {
			continue
		}
		if p.Select() == nil {
			return false // a reply in a case body, or a plain operation: not a request loop
		}
		l := m.LoopOf(p.Block())
		for l != nil && l.Parent != nil {
			l = l.Parent
		}
		if l == nil || loop != nil && l != loop || server != nil && p.Fn != server {
			return false
		}
		loop, server = l, p.Fn
	}
	if loop == nil || m.Party(server) == m.Party(op.Fn) {
		return false
	}
	if op.Kind == Send && !e.canOverfill(op, c, false) {
		return false
	}
	exit, via, exitChan := e.loopExit(loop, peers, op)
	if exit == token.NoPos || exitChan != nil && !e.canFireBefore(exitChan, op) {
		return false
	}
	name := m.ChanName(op)
	verb := "receiver"
	if op.Kind == Recv {
		verb = "sender"
	}
	how := fmt.Sprintf("which returns at line %d", m.Line(exit))
	if via != "" {
		how = fmt.Sprintf("which returns at line %d on %s", m.Line(exit), via)
	}
	l := &Leak{Shape: LoopReturns, Op: op, Peer: exit, Facts: recvIDs}
	if op.Kind == Send {
		l.Facts = sendIDs
	}
	l.Why = fmt.Sprintf("its only %s is the loop in %s (line %d), %s; after that nothing %s %s", verb, FuncName(server), m.Line(m.LoopPos(peers[0].Pos)), how,
		map[OpKind]string{Send: "receives from", Recv: "sends on"}[op.Kind], name)
	l.Fix = e.doneFix(server, op.Kind)
	if !c.Unbuffered() {
		l.Why += ", so once its buffer is full this " + op.Kind.String() + " waits"
	}
	// A method that blocks only when called after the loop has returned
	// (after Close) is a contract to keep or document; a goroutine of the
	// package's own that can outlive the loop (a sibling worker, a
	// reporter started per event) leaks.
	l.API = !m.started(m.Party(op.Fn))
	e.add(l)
	return true
}

// loopExit returns where a loop returns (a return reached from a select
// case that leaves the loop, or any early exit), and the case's channel
// ("<-n.stop"), or NoPos when the loop cannot be left.
func (e *engine) loopExit(l *Loop, peers []*Op, op *Op) (token.Pos, string, ssa.Value) {
	for _, p := range peers {
		sel := p.Select()
		if sel == nil {
			continue
		}
		for i, st := range sel.States {
			b := selectCase(sel, i)
			if b == nil || st.Dir != types.RecvOnly || e.m.Class(st.Chan) == e.m.Class(p.Chan) || e.neverFires(st.Chan) {
				continue
			}
			if l.Contains(b) && e.backTo(b, l) {
				continue
			}
			return exitPos(b), "<-" + e.m.syntaxChan(st.Pos), st.Chan
		}
	}
	// An exit reached only through a peer's case has served the operation,
	// when it runs once; another one, later, finds the loop gone.
	served := func(x *ssa.BasicBlock) bool {
		if e.opRepeats(op) {
			return false
		}
		for _, p := range peers {
			if sel := p.Select(); sel != nil {
				if b := selectCase(sel, p.State); b != nil && b.Dominates(x) {
					return true
				}
			}
		}
		return false
	}
	if ex := l.EarlyExitAvoiding(served); ex != nil && !l.CountedExits() {
		return exitPos(ex), "", nil
	}
	return token.NoPos, "", nil
}

// canFireBefore reports whether a receive from ch can complete while op
// waits: something sends on or closes ch other than what op's own
// goroutine does once op has completed (a deferred Stop of the owner that
// sends the requests).
func (e *engine) canFireBefore(ch ssa.Value, op *Op) bool {
	if ctx := ctxValue(ch); ctx != nil {
		sites, unknown := e.m.cancellers(ctx, 0)
		if unknown {
			return true
		}
		for _, s := range sites {
			if !e.after(s, op, 0) {
				return true
			}
		}
		return false
	}
	c := e.m.Class(ch)
	if c == nil || !recvInternal(c) {
		return c != nil
	}
	live := e.m.Live()
	for _, list := range [][]*Op{c.Sends, c.Closes} {
		for _, t := range list {
			if live[t.Fn] && !e.m.IsTest(t.Instr) && !e.after(t.Instr, op, 0) {
				return true
			}
		}
	}
	return false
}

// backTo reports whether control can go from b back to the header of l.
func (e *engine) backTo(b *ssa.BasicBlock, l *Loop) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == l.Header {
			return true
		}
		if seen[x] || !l.Contains(x) {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

// doneFix proposes how the other side can stop waiting once the server
// has returned: select on a channel it closes when it does.
func (e *engine) doneFix(server *ssa.Function, kind OpKind) string {
	verb := "send"
	if kind == Recv {
		verb = "receive"
	}
	for _, op := range e.m.OpsOf(server) {
		// A done channel: closed, never sent on (a data channel it closes
		// would hand out values).
		if c := e.m.ClassOf(op); op.Kind == Close && c != nil && !e.anyLive(c.Sends) {
			return fmt.Sprintf("%s in a select that also waits on <-%s, which %s closes when it returns", verb, e.m.ChanName(op), FuncName(server))
		}
	}
	return fmt.Sprintf("%s in a select that also waits on a done channel %s closes when it returns", verb, FuncName(server))
}

// syntaxChan renders the channel of the operation at pos as written.
func (m *Model) syntaxChan(pos token.Pos) string {
	if x := m.syn.chans[pos]; x != nil {
		return types.ExprString(x)
	}
	return "its channel"
}

// neverFires reports whether a receive from ch can never complete: its
// channels are the package's own and nothing that runs sends on or
// closes them.
func (e *engine) neverFires(ch ssa.Value) bool {
	c := e.m.Class(ch)
	if c == nil {
		return true // nil
	}
	if !recvInternal(c) {
		return false
	}
	live := e.m.Live()
	for _, list := range [][]*Op{c.Sends, c.Closes} {
		for _, op := range list {
			if live[op.Fn] && !e.m.IsTest(op.Instr) {
				return false
			}
		}
	}
	return true
}

// started reports whether fn runs as a goroutine of its own somewhere in
// the package.
func (m *Model) started(fn *ssa.Function) bool {
	for _, s := range m.Starts {
		if s.Fn != nil && origin(s.Fn) == origin(fn) {
			return true
		}
	}
	return false
}

// opRepeats reports whether an operation can run more than once: it is in
// a loop, or its goroutine is started, or its function called, more than
// once (in a loop or from several places).
func (e *engine) opRepeats(op *Op) bool {
	m := e.m
	if m.InLoop(op.Instr) {
		return true
	}
	fn := m.Party(op.Fn)
	// A goroutine started once by the function that makes its channel:
	// once per channel, however often that function runs.
	if c := m.ClassOf(op); c != nil && len(c.Makes) == 1 {
		mk := c.Makes[0]
		n, here := 0, false
		for _, s := range m.Starts {
			if s.Fn != nil && origin(s.Fn) == origin(fn) {
				n++
				l := m.LoopOf(s.Instr.Block())
				here = s.Caller == mk.Parent() && (l == nil || l.Contains(mk.Block()))
			}
		}
		if n == 1 && here {
			return false
		}
	}
	if m.repeated(fn, 0) || m.Escapes(fn) {
		return true
	}
	n := 0
	for _, s := range m.Starts {
		if s.Fn != nil && origin(s.Fn) == origin(fn) {
			n++
			if m.InLoop(s.Instr) || m.repeated(m.Party(s.Caller), 0) {
				return true
			}
		}
	}
	return n > 1
}
