package chanmodel

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// StartedOnce reports whether a start runs at most once per process: in
// an init function or a package-level initializer, in package main's
// main, under a sync.Once, or in a function only those call (outside
// loops). A goroutine started so that never ends lives as long as the
// process, usually by design.
func (m *Model) StartedOnce(s *Start) bool {
	return m.runsOnce(m.Party(s.Caller), 0)
}

func (m *Model) runsOnce(fn *ssa.Function, depth int) bool {
	if depth > 8 {
		return false
	}
	fn = origin(fn)
	if fn.Parent() == nil && fn.Signature.Recv() == nil {
		switch {
		case fn.Name() == "init" || fn.Synthetic == "package initializer":
			return true
		case fn.Name() == "main" && m.Pass.Pkg.Name() == "main":
			return true
		}
	}
	if m.OnceOnly(fn) {
		return true
	}
	if m.Escapes(fn) {
		return false
	}
	sites := m.Sites(fn)
	if len(sites) == 0 {
		return false
	}
	for _, s := range sites {
		if _, isGo := s.(*ssa.Go); isGo || m.InLoop(s) || !m.runsOnce(m.Party(s.Parent()), depth+1) {
			return false
		}
	}
	return true
}

// StartedRepeatedly reports whether a start can run again and again: it
// is in a loop, or in a function the package calls from a loop (directly
// or through its callers). Goroutines that never end then pile up.
func (m *Model) StartedRepeatedly(s *Start) bool {
	return !m.StartedOnce(s) && (m.inEventLoop(s.Instr) || m.calledInLoop(m.Party(s.Caller), 0))
}

// calledInLoop reports whether a call of fn in the package is in an event
// loop, or in a function so called.
func (m *Model) calledInLoop(fn *ssa.Function, depth int) bool {
	if depth > 3 {
		return false
	}
	for _, s := range m.Sites(fn) {
		if m.inEventLoop(s) || s.Parent() != fn && m.calledInLoop(m.Party(s.Parent()), depth+1) {
			return true
		}
	}
	return false
}

// inEventLoop reports whether instr is in a loop that runs once per event:
// it waits on a channel each time round (a receive, a select, a range over
// a channel). A loop over a slice or up to a count starts a fixed pool.
func (m *Model) inEventLoop(instr ssa.Instruction) bool {
	for l := m.LoopOf(instr.Block()); l != nil; l = l.Parent {
		fn := l.Header.Parent()
		for i, in := range l.Blocks {
			if !in {
				continue
			}
			for _, x := range fn.Blocks[i].Instrs {
				switch x := x.(type) {
				case *ssa.Select:
					for _, st := range x.States {
						if x.Blocking && st.Dir == types.RecvOnly && !m.madeIn(st.Chan, l) {
							return true
						}
					}
				case *ssa.UnOp:
					if x.Op == token.ARROW && !m.madeIn(x.X, l) {
						return true
					}
				}
			}
		}
	}
	return false
}

// madeIn reports whether a receive from ch in the loop is a handshake,
// not a source of events: every channel ch may be is made inside the loop,
// or every send on it is by a goroutine the loop starts.
func (m *Model) madeIn(ch ssa.Value, l *Loop) bool {
	c := m.Class(ch)
	if c == nil || c.Foreign || len(c.Makes) == 0 {
		return false
	}
	inside := true
	for _, mk := range c.Makes {
		if mk.Parent() != l.Header.Parent() || !l.Contains(mk.Block()) {
			inside = false
		}
	}
	if inside {
		return true
	}
	if len(c.Sends) == 0 {
		return false
	}
	for _, send := range c.Sends {
		started := false
		for _, s := range m.Starts {
			if s.Fn != nil && origin(s.Fn) == origin(m.Party(send.Fn)) && s.Instr.Parent() == l.Header.Parent() && l.Contains(s.Instr.Block()) {
				started = true
			}
		}
		if !started {
			return false
		}
	}
	return true
}
