package chanmodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// A Shape says why a channel operation can block for good.
type Shape int

const (
	// NoPeer: nothing in the package can ever complete the operation,
	// and no other package can reach the channel to do it.
	NoPeer Shape = iota
	// NilChan: the channel is nil.
	NilChan
	// FreshChan: the channel is made where it is used (<-make(chan T)).
	FreshChan
	// OwnerLeaves: the function that made the channel and started the
	// goroutine leaves without the receive, send or close the goroutine
	// waits for (an early return, another select case).
	OwnerLeaves
	// Overflow: more sends can happen than receives and buffer can take
	// (first result wins over N senders, a second send, a receive loop
	// that stops early).
	Overflow
	// PeerLeaves: the goroutine that should send or close can return
	// without doing it.
	PeerLeaves
	// LoopReturns: the only peer is a loop that can return (a run loop
	// stopped by Stop), after which the operation waits for good.
	LoopReturns
	// DeadPeer: the only peers are in functions nothing calls.
	DeadPeer
	// SelfRelease: the only close (or send) runs in the waiting goroutine
	// itself, after the wait: its own deferred close.
	SelfRelease
	// PeersGiveUp: every peer is a select case beside a case that gives
	// up for good (a context's Done, a timer).
	PeersGiveUp
	// CallerLeaves: the channel is returned to the caller, whose
	// receiving can stop on cancellation, and the goroutine sending on
	// it watches the context elsewhere but not at this send.
	CallerLeaves
)

// A Leak is a channel operation that can block its goroutine for good,
// with the evidence.
type Leak struct {
	Shape Shape
	// Op is the operation that blocks; for a select, Select is set and Op
	// is one of its cases.
	Op     *Op
	Select *ssa.Select
	Chan   *Chan
	// Name is the channel as the source writes it ("ch", "s.events").
	Name string
	// Who is the goroutine or function that stays ("the goroutine started
	// at line 12", "(*node).Status"); Goroutine says whether it runs as a
	// goroutine of its own, which the goroutineleak profile can see once
	// the channel is unreachable.
	Who       string
	Goroutine bool
	// Peer is where the other side is (a return, a select case, a loop);
	// Why says why it can be gone; Fix says what to do.
	Peer token.Pos
	Why  string
	Fix  string
	// Facts are the behaviours of the runtime the claim rests on (package
	// cite names their contracts).
	Facts []Fact
	// API marks an operation in a function that runs in its caller's
	// goroutine and blocks only when called after its peer has gone (a
	// method called after Stop): a contract to keep or document, unless
	// the caller gave it a context to watch.
	API bool
}

// OnDone reports whether the operation waits on a context's Done
// channel itself: selecting on the context is then no remedy.
func (l *Leak) OnDone() bool { return ctxValue(l.Op.Chan) != nil }

// Pos is where the leak is reported: the operation, or the select.
func (l *Leak) Pos() token.Pos {
	if l.Select != nil {
		return l.Select.Pos()
	}
	return l.Op.Pos
}

// Leaks returns the channel operations of the package (outside test
// files) that can block their goroutine for good, in source order.
func (m *Model) Leaks() []*Leak {
	m.leaksOnce.Do(func() {
		if m.Pkg == nil {
			return
		}
		e := newEngine(m)
		e.run()
		sort.SliceStable(e.out, func(i, j int) bool { return e.out[i].Pos() < e.out[j].Pos() })
		m.leaks = e.out
	})
	return m.leaks
}

// engine computes the leaks of one package.
type engine struct {
	m     *Model
	out   []*Leak
	done  map[ssa.Instruction]bool // operations (and selects) already reported
	steps int                      // work done, against maxSteps
}

// maxSteps bounds the path work of one package: past it, the engine
// stops looking (silence is the safe answer).
const maxSteps = 2_000_000

func newEngine(m *Model) *engine {
	return &engine{m: m, done: make(map[ssa.Instruction]bool)}
}

func (e *engine) run() {
	live := e.m.Live()
	for _, op := range e.m.Ops {
		if op.Kind == Close || !live[op.Fn] || e.m.IsTest(op.Instr) {
			continue
		}
		e.checkOp(op)
	}
	e.checkDrains()
	e.checkLocal()
	e.checkPrefill()
}

// add records a leak unless its instruction was reported already.
func (e *engine) add(l *Leak) {
	key := ssa.Instruction(l.Op.Instr)
	if e.done[key] {
		return
	}
	e.done[key] = true
	if e.unsetHook(l.Op) {
		return
	}
	if l.Name == "" {
		l.Name = e.m.ChanName(l.Op)
	}
	if l.Who == "" {
		l.Who, l.Goroutine = e.m.Who(l.Op.Fn)
	}
	e.out = append(e.out, l)
}

// budget reports whether the engine may do n more steps of path work.
func (e *engine) budget(n int) bool {
	e.steps += n
	return e.steps <= maxSteps
}

// ChanName renders an operation's channel as the source writes it: "ch",
// "s.done", "the channel of s.Stopper().ShouldQuiesce()".
func (m *Model) ChanName(op *Op) string {
	var x ast.Expr
	if op.Kind == Close {
		if call := m.CloseCall(op); call != nil && len(call.Args) == 1 {
			x = call.Args[0]
		}
	} else {
		x = m.syn.chans[op.Pos]
	}
	if x == nil {
		return "the channel"
	}
	if _, ok := ast.Unparen(x).(*ast.CallExpr); ok {
		return "the channel of " + types.ExprString(x)
	}
	return types.ExprString(x)
}

// ChanExpr renders an operation's channel exactly as the source writes it:
// "ch", "time.Tick(d)".
func (m *Model) ChanExpr(op *Op) string {
	if x := m.syn.chans[op.Pos]; x != nil {
		return types.ExprString(x)
	}
	return m.ChanName(op)
}

// Who names the goroutine or function that runs fn, for messages, and
// reports whether it runs as a goroutine of its own.
func (m *Model) Who(fn *ssa.Function) (string, bool) {
	fset := m.Pass.Fset
	for _, s := range m.Starts {
		if s.Fn == fn && fn.Parent() != nil {
			return s.Name(fset), true
		}
	}
	if fn.Parent() != nil {
		if p := m.Party(fn); p != fn {
			return m.Who(p)
		}
		return fmt.Sprintf("the func literal at line %d", m.Line(fn.Pos())), false
	}
	started, called := false, false
	for _, s := range m.Starts {
		if s.Fn == fn {
			started = true
		}
	}
	for _, site := range m.Sites(fn) {
		if _, ok := site.(*ssa.Go); !ok {
			called = true
		}
	}
	if started && !called && !m.Escapes(fn) {
		return "the goroutine running " + FuncName(fn), true
	}
	return FuncName(fn), false
}

// unsetHook reports whether op only runs on a channel that is never
// there: every value it can be is nil (a test hook the package's callers
// outside the tests leave unset), and op is behind a comparison of it
// with nil, so it never runs at all.
func (e *engine) unsetHook(op *Op) bool {
	if op.Chan == nil {
		return false
	}
	// No place at all: the parameter it comes from is nil at every
	// call outside the tests (nil is not a place).
	for _, l := range e.m.Locs(op.Chan) {
		if l.Kind != LocValue || !isNil(l.Val) {
			return false
		}
	}
	return e.nilGuarded(op, e.m.ClassOf(op))
}
