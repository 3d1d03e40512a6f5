package chanmodel

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// An exitWalk searches a function for a path from an instruction to the
// function's end (a return, or re-running the instruction that makes the
// channel: the next iteration's channel is another one) on which nothing
// does what the other side waits for.
type exitWalk struct {
	e *engine
	// does reports whether instr does it (receives, closes, ...): the
	// path stops there.
	does func(instr ssa.Instruction) bool
	// atExit reports whether a deferred call registered by instr does it
	// when the function returns.
	atExit func(instr ssa.Instruction) bool
	// takes reports whether the select case i of sel does it: the path
	// may not enter that case.
	takes func(sel *ssa.Select, i int) bool
	// remake is the instruction making the channel, or nil.
	remake ssa.Instruction
}

// A pathEnd says where a path that does nothing ends, and how it got
// there.
type pathEnd struct {
	at  token.Pos // the return, or the make run again
	via token.Pos // the select case it took to get there, if any
	ret bool      // it returns (rather than making a new channel)
}

type walkItem struct {
	b        *ssa.BasicBlock
	at       int
	deferred bool
	via      token.Pos
}

// from returns how a path from just after instr ends without doing, or
// false when every path does it (or never ends).
func (w *exitWalk) from(instr ssa.Instruction) (pathEnd, bool) {
	start := indexIn(instr)
	if start < 0 {
		return pathEnd{}, false
	}
	return w.fromBlock(instr.Block(), start+1, w.deferredBefore(instr))
}

// deferredBefore reports whether a deferred call that does what the walk
// looks for is registered on every path to instr (it runs at any return
// after it).
func (w *exitWalk) deferredBefore(instr ssa.Instruction) bool {
	if w.atExit == nil {
		return false
	}
	for _, b := range instr.Parent().Blocks {
		if !b.Dominates(instr.Block()) {
			continue
		}
		for _, x := range b.Instrs {
			if b == instr.Block() && indexIn(x) >= indexIn(instr) {
				break
			}
			if _, ok := x.(*ssa.Defer); ok && w.atExit(x) {
				if l := w.e.m.LoopOf(b); l == nil || l.Contains(instr.Block()) {
					return true
				}
			}
		}
	}
	return false
}

// fromEntry returns how a path through fn ends without doing, or false.
func (w *exitWalk) fromEntry(fn *ssa.Function) (pathEnd, bool) {
	if len(fn.Blocks) == 0 {
		return pathEnd{}, false
	}
	return w.fromBlock(fn.Blocks[0], 0, false)
}

func (w *exitWalk) fromBlock(b0 *ssa.BasicBlock, at int, deferred bool) (pathEnd, bool) {
	type key struct {
		b        *ssa.BasicBlock
		deferred bool
	}
	seen := make(map[key]bool)
	queue := []walkItem{{b: b0, at: at, deferred: deferred}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if !w.e.budget(len(it.b.Instrs) - it.at + 1) {
			return pathEnd{}, false
		}
		stopped := false
		deferred := it.deferred
		for _, x := range it.b.Instrs[it.at:] {
			if x == w.remake {
				return pathEnd{at: x.Pos(), via: it.via}, true
			}
			if w.does(x) {
				stopped = true
				break
			}
			if _, ok := x.(*ssa.Defer); ok && w.atExit != nil && w.atExit(x) {
				deferred = true
			}
			if NoReturn(x) {
				stopped = true
				break
			}
		}
		if stopped {
			continue
		}
		last := it.b.Instrs[len(it.b.Instrs)-1]
		switch last.(type) {
		case *ssa.Return:
			if !deferred {
				at := last.Pos()
				if !at.IsValid() {
					at = endOf(it.b.Parent())
				}
				return pathEnd{at: at, via: it.via, ret: true}, true
			}
			continue
		case *ssa.Panic:
			continue
		}
		sel, caseOf := selectOfDispatch(it.b)
		for si, s := range it.b.Succs {
			via := it.via
			if sel != nil {
				if i := caseOf(si); i >= 0 {
					if w.takes != nil && w.takes(sel, i) {
						continue
					}
					if via == token.NoPos {
						via = sel.States[i].Pos
					}
				}
			}
			k := key{s, deferred}
			if seen[k] {
				continue
			}
			seen[k] = true
			queue = append(queue, walkItem{b: s, deferred: deferred, via: via})
		}
	}
	return pathEnd{}, false
}

// selectOfDispatch reports whether b ends by branching on the case a
// select chose ("if index == i"), and maps a successor's index to the
// case it enters (-1 for the next comparison or the default).
func selectOfDispatch(b *ssa.BasicBlock) (*ssa.Select, func(int) int) {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, nil
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return nil, nil
	}
	ex, ok := cmp.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil, nil
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	if !ok {
		return nil, nil
	}
	k, ok := constInt(cmp.Y)
	if !ok {
		return nil, nil
	}
	return sel, func(si int) int {
		if si == 0 {
			return int(k)
		}
		return -1
	}
}

// endOf is the position of the closing brace of fn's body: where an
// implicit return is.
func endOf(fn *ssa.Function) token.Pos {
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return fn.Pos()
}
