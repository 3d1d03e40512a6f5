package golifecycle

import (
	_ "embed"
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/chanmodel"
	"github.com/rtlint/rtlint/internal/chanmodel/cite"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "golifecycle",
	Doc:      analysisutil.Doc(doc, "golifecycle"),
	URL:      analysisutil.URL("golifecycle"),
	Requires: []*analysis.Analyzer{directive.Analyzer, chanmodel.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[chanmodel.Analyzer].(*chanmodel.Model)
	if m.Pkg == nil {
		return nil, nil
	}
	r := report.New(pass)
	c := &checker{pass: pass, m: m, r: r, leaked: make(map[token.Pos]bool)}
	for _, l := range m.Leaks() {
		c.leaked[l.Op.Pos] = true
		if !l.OnDone() && m.ContextAt(l.Op) != "" {
			continue // ctxblock's: the fix is to select on the context too
		}
		msg, facts := l.Message("", r.Toolchain().Version)
		ids := cite.IDs(facts)
		at := span{l.Pos(), l.Pos()}
		if c.reviewLeak(l) {
			r.Review(at, msg, ids...)
		} else {
			r.Report(at, msg, ids...)
		}
	}
	for _, t := range m.Traps() {
		c.trap(t)
	}
	return nil, nil
}

type checker struct {
	pass   *analysis.Pass
	m      *chanmodel.Model
	r      *report.Reporter
	leaked map[token.Pos]bool // operations reported as leaks
}

// trap reports a goroutine that never ends, unless the operation it is
// stuck on was reported as a leak.
func (c *checker) trap(t *chanmodel.Trap) {
	inner := t
	for inner.Inner != nil {
		inner = inner.Inner
	}
	if inner.Dead != nil && c.leaked[inner.Dead.Pos] || inner.Range != nil && c.leaked[inner.Range.Pos] {
		return
	}
	why, fix, ids, evidence := c.explain(t)
	if why == "" {
		return
	}
	s := t.Start
	when := ""
	if t.Partial {
		when = fmt.Sprintf(" once it reaches line %d", c.m.Line(t.At))
	}
	msg := fmt.Sprintf("%s never ends%s: %s, so it and everything it references stay until the process exits; %s",
		s.Name(c.pass.Fset), when, why, fix)
	if t.OnChannel() {
		if hint, fact := chanmodel.LeakProfileHint(c.r.Toolchain().Version); hint != "" {
			msg += "; " + hint
			ids = append(ids, cite.ID(fact))
		}
	}
	pos, end := s.Head()
	at := span{pos, end}
	switch {
	case !evidence && !c.m.StartedRepeatedly(s):
		c.r.Review(at, msg+" (a goroutine meant to live as long as the process is fine: say so in a comment)", ids...)
	case c.m.StartedOnce(s):
		c.r.Review(at, msg+" (it is started once per process: if it is meant to live as long as the process, say so in a comment)", ids...)
	case statesIntent(c.pass, s):
		c.r.Review(at, msg, ids...)
	default:
		c.r.Report(at, msg, ids...)
	}
}

// explain says why a trap holds, what to do, which contracts prove it,
// and whether the evidence is a channel that can never serve the
// goroutine (a default-tier finding) rather than a loop written to run
// for ever (a review-tier observation).
func (c *checker) explain(t *chanmodel.Trap) (why, fix string, ids []contract.ID, evidence bool) {
	m := c.m
	park := []contract.ID{contract.BlockedGoroutineParksUntilReadied, contract.GCScansEveryGoroutineStack}
	switch {
	case t.Callee != nil:
		if t.Inner == nil {
			return "", "", nil, false
		}
		inner, fix, ids, evidence := c.explain(t.Inner)
		if inner == "" {
			return "", "", nil, false
		}
		return fmt.Sprintf("it calls %s (line %d), which never returns: %s", chanmodel.FuncName(t.Callee), m.Line(t.Call), inner), fix, ids, evidence
	case t.Dead != nil:
		name := m.ChanName(t.Dead)
		if t.Dead.Kind == chanmodel.Send {
			return fmt.Sprintf("its send on %s (line %d) can never complete: nothing that runs receives from %s", name, m.Line(t.Dead.Pos), name),
				"receive from " + name + " where the value is wanted, or drop the send",
				[]contract.ID{contract.ChanSendParksUntilRecv, contract.GCScansEveryGoroutineStack}, true
		}
		return fmt.Sprintf("it waits on %s (line %d), on which nothing that runs sends and which nothing closes", name, m.Line(t.Dead.Pos)),
			"close " + name + " (or send on it) where the wait should end",
			[]contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.GCScansEveryGoroutineStack}, true
	case len(t.Exits) > 0:
		op := t.Exits[0]
		name := m.ChanName(op)
		who := "nothing that runs closes or sends on " + name
		if cl := c.deadCloser(op); cl != nil {
			who = fmt.Sprintf("only %s closes %s (line %d), and nothing calls it", chanmodel.FuncName(cl.Fn), name, m.Line(cl.Pos))
		}
		return fmt.Sprintf("its only way out of the loop at line %d is the case <-%s (line %d), and %s", m.Line(t.Loop), name, m.Line(op.Pos), who),
			"close " + name + " where the goroutine should stop (its owner's Stop or Close), or return on <-ctx.Done()",
			[]contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.GCScansEveryGoroutineStack}, true
	case t.Range != nil && t.Timer:
		name := m.ChanExpr(t.Range)
		return fmt.Sprintf("its range over %s (line %d) never stops: the runtime never closes a timer or ticker channel (Stop does not close it)", name, m.Line(t.Range.Pos)),
			"loop on a select that also returns on <-ctx.Done() or a quit channel, and Stop the ticker", park, false
	case t.Range != nil:
		name := m.ChanExpr(t.Range)
		who := "nothing in this package closes it"
		if cl := c.deadCloser(t.Range); cl != nil {
			who = fmt.Sprintf("only %s closes it (line %d), and nothing calls it", chanmodel.FuncName(cl.Fn), m.Line(cl.Pos))
		}
		return fmt.Sprintf("its range over %s (line %d) stops only when %s is closed, and %s", name, m.Line(t.Range.Pos), name, who),
			"close " + name + " from the producer once it is done, or select on it and <-ctx.Done() and return",
			[]contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.GCScansEveryGoroutineStack}, true
	case t.Loop.IsValid():
		return fmt.Sprintf("the loop at line %d has no return, break or select case that leaves it", m.Line(t.Loop)),
			"return from it on <-ctx.Done() or on a quit channel its owner closes", park, false
	}
	return "", "", nil, false
}

// deadCloser returns a close of the operation's channel in a function
// that never runs, or nil.
func (c *checker) deadCloser(op *chanmodel.Op) *chanmodel.Op {
	ch := c.m.ClassOf(op)
	if ch == nil {
		return nil
	}
	live := c.m.Live()
	for _, cl := range ch.Closes {
		if !live[cl.Fn] {
			return cl
		}
	}
	return nil
}

// reviewLeak reports whether a leak is one a reviewer should look at
// rather than a failure to fix: a wait meant to last for ever (a comment
// says so, or package main blocks on a fresh channel), or a method that
// blocks only when called after its run loop has returned (a contract).
func (c *checker) reviewLeak(l *chanmodel.Leak) bool {
	if l.Shape == chanmodel.FreshChan && c.pass.Pkg.Name() == "main" || l.API {
		return true
	}
	return chanmodel.IntentAt(c.pass, l.Op.Pos, nil)
}

type span struct{ pos, end token.Pos }

func (r span) Pos() token.Pos { return r.pos }
func (r span) End() token.Pos { return r.end }
