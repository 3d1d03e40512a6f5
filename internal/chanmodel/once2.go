package chanmodel

import (
	"go/token"

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
					if x.Blocking {
						return true
					}
				case *ssa.UnOp:
					if x.Op == token.ARROW {
						return true
					}
				}
			}
		}
	}
	return false
}
