package chanmodel

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// maxOn returns the most operations of kind on the group that s (nil: the
// owner) performs along one path through fn, with the functions fn calls
// in place. A loop counts its trip count times the operations in it.
func (lp *local) maxOn(fn *ssa.Function, s *Start, kind OpKind, depth int) count {
	key := memoKey{fn, s, kind}
	if c, ok := lp.memo[key]; ok {
		return c
	}
	lp.memo[key] = count{} // a recursive call counts nothing
	if depth > 4 || len(fn.Blocks) == 0 || len(fn.Blocks) > maxLoopBlocks || !lp.e.budget(len(fn.Blocks)) {
		return count{}
	}
	ops := lp.own
	if s != nil {
		ops = lp.ops[s]
	}
	w := make([]count, len(fn.Blocks))
	counted := make(map[ssa.Instruction]bool)
	for _, op := range ops {
		if op.Fn == fn && op.Kind == kind && !counted[op.Instr] {
			counted[op.Instr] = true
			w[op.Block().Index] = w[op.Block().Index].add(constCount(1))
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if _, isGo := instr.(*ssa.Go); !ok || isGo {
				continue
			}
			g := call.Common().StaticCallee()
			if g == nil || g == fn || g.Pkg != lp.e.m.Pkg || !lp.passes(call) {
				continue
			}
			if _, isDefer := instr.(*ssa.Defer); isDefer && lp.onPanicOnly(g, ops, kind) {
				continue
			}
			w[b.Index] = w[b.Index].add(lp.maxOn(g, s, kind, depth+1))
		}
	}
	r := lp.e.longest(fn, w)
	lp.memo[key] = r
	return r
}

// passes reports whether a call can hand the group's channel to its
// callee: an argument is on the group, or the callee is a func literal
// (which reaches it through its free variables).
func (lp *local) passes(call ssa.CallInstruction) bool {
	if g := call.Common().StaticCallee(); g != nil && g.Parent() != nil {
		return true
	}
	for _, a := range call.Common().Args {
		if lp.onGroup(a) {
			return true
		}
	}
	return false
}

func maxCount(a, b count) count {
	if a.inf || b.inf {
		return count{inf: true}
	}
	out := count{k: max(a.k, b.k)}
	for _, c := range []count{a, b} {
		for s, n := range c.terms {
			if out.terms == nil {
				out.terms = make(map[symbol]int64)
			}
			out.terms[s] = max(out.terms[s], n)
		}
	}
	return out
}

// iterations returns how many times the owner runs the start s.
func (lp *local) iterations(s *Start) count {
	if s.Caller != lp.owner {
		for _, site := range lp.e.m.Sites(s.Caller) {
			if lp.e.m.InLoop(site) {
				return count{inf: true}
			}
		}
	}
	l := lp.e.m.LoopOf(s.Instr.Block())
	if l == nil || l.Contains(lp.mk.Block()) {
		return constCount(1) // a channel made each time round has one start each
	}
	if lp.gated(s, l) {
		return constCount(1)
	}
	return lp.e.tripOf(l)
}

// gated reports whether a start in loop l is one at a time: it runs in a
// select case on a channel variable that the case sets to nil, turning
// itself off, and that only a case receiving from the group sets again
// (the poll of testify's Eventually: `case <-tick: tick = nil; go
// func() { ch <- cond() }()` ... `case v := <-ch: tick = ticker.C`). So
// every start but the first follows a receive of the previous one's value.
func (lp *local) gated(s *Start, l *Loop) bool {
	blk := s.Instr.Block()
	var phi *ssa.Phi
	var startCase *ssa.BasicBlock
	var recvCases []*ssa.BasicBlock
	for i, in := range l.Blocks {
		if !in {
			continue
		}
		for _, instr := range blk.Parent().Blocks[i].Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			for k, st := range sel.States {
				entry := caseEntry(sel, k)
				if entry == nil || st.Dir != types.RecvOnly {
					continue
				}
				if entry.Dominates(blk) {
					if p, ok := st.Chan.(*ssa.Phi); ok && p.Block() == l.Header {
						phi, startCase = p, entry
					}
				}
				for _, op := range lp.own {
					if op.Instr == sel && op.State == k && op.Kind == Recv {
						recvCases = append(recvCases, entry)
					}
				}
			}
		}
	}
	if phi == nil || len(recvCases) == 0 {
		return false
	}
	for j, v := range phi.Edges {
		pred := phi.Block().Preds[j]
		if !l.Contains(pred) {
			continue
		}
		if c, ok := v.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		if startCase.Dominates(pred) {
			return false // the start's case leaves the channel on
		}
		if v == phi {
			continue // unchanged
		}
		afterRecv := false
		for _, r := range recvCases {
			if r.Dominates(pred) {
				afterRecv = true
			}
		}
		if !afterRecv {
			return false
		}
	}
	return true
}

// caseEntry returns the first block of the body of select case k: the
// block the test "chosen == k" leads to, or nil.
func caseEntry(sel *ssa.Select, k int) *ssa.BasicBlock {
	for _, ref := range *sel.Referrers() {
		ex, ok := ref.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue
		}
		for _, ref := range *ex.Referrers() {
			eq, ok := ref.(*ssa.BinOp)
			if !ok || eq.Op != token.EQL {
				continue
			}
			if c, ok := constInt(eq.Y); !ok || c != int64(k) {
				continue
			}
			for _, ref := range *eq.Referrers() {
				if iff, ok := ref.(*ssa.If); ok {
					return iff.Block().Succs[0]
				}
			}
		}
	}
	return nil
}

// does reports whether the owner's instruction x performs an operation of
// one of kinds on the group, itself or through a function it calls.
func (lp *local) does(x ssa.Instruction, s *Start, kinds ...OpKind) bool {
	ops := lp.own
	if s != nil {
		ops = lp.ops[s]
	}
	for _, op := range ops {
		if op.Instr == x && op.Select() == nil {
			for _, k := range kinds {
				if op.Kind == k {
					return true
				}
			}
		}
	}
	call, ok := x.(ssa.CallInstruction)
	if _, isGo := x.(*ssa.Go); !ok || isGo {
		return false
	}
	g := call.Common().StaticCallee()
	if g == nil || g.Pkg != lp.e.m.Pkg || !lp.passes(call) {
		return false
	}
	for _, k := range kinds {
		if !lp.maxOn(g, s, k, 1).isZero() {
			return true
		}
	}
	return false
}

// caseOnGroup reports whether a select's case i receives from the group.
func (lp *local) caseOnGroup(kind OpKind) func(sel *ssa.Select, i int) bool {
	return func(sel *ssa.Select, i int) bool {
		st := sel.States[i]
		isRecv := st.Dir == types.RecvOnly
		return (kind == Recv) == isRecv && lp.onGroup(st.Chan)
	}
}

// longest returns the largest total weight along one path through fn,
// where w gives each block's weight; an outermost loop counts its trip
// count times the weight of its blocks.
func (e *engine) longest(fn *ssa.Function, w []count) count {
	// Fold each outermost loop into its header.
	fl := e.m.loopsOf(fn)
	top := func(b *ssa.BasicBlock) *Loop {
		if b.Index >= len(fl.loopOf) {
			return nil
		}
		l := fl.loopOf[b.Index]
		for l != nil && l.Parent != nil {
			l = l.Parent
		}
		return l
	}
	node := make([]count, len(fn.Blocks))
	for _, b := range fn.Blocks {
		l := top(b)
		if l == nil {
			node[b.Index] = w[b.Index]
			continue
		}
		if l.Header != b {
			continue
		}
		var sum count
		for i, in := range l.Blocks {
			if in {
				sum = sum.add(w[i])
			}
		}
		node[b.Index] = sum.times(e.tripOf(l))
	}
	// Longest path over the forward edges.
	best := make([]*count, len(fn.Blocks))
	var visit func(b *ssa.BasicBlock) count
	visit = func(b *ssa.BasicBlock) count {
		if best[b.Index] != nil {
			return *best[b.Index]
		}
		zero := count{}
		best[b.Index] = &zero
		var most count
		for _, succ := range b.Succs {
			if succ.Dominates(b) {
				continue // a back edge
			}
			most = maxCount(most, visit(succ))
		}
		r := node[b.Index].add(most)
		best[b.Index] = &r
		return r
	}
	return visit(fn.Blocks[0])
}

// onPanicOnly reports whether a deferred function performs its operations
// of kind only when recover returns a panic: `defer func() { if e :=
// recover(); e != nil { ch <- errPanicked } }()` sends in place of the
// result the body did not get to send, not after it.
func (lp *local) onPanicOnly(fn *ssa.Function, ops []*Op, kind OpKind) bool {
	var region *ssa.BasicBlock
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			iff, ok := instr.(*ssa.If)
			if !ok {
				continue
			}
			cmp, ok := iff.Cond.(*ssa.BinOp)
			if !ok || cmp.Op != token.NEQ && cmp.Op != token.EQL {
				continue
			}
			if isRecover(cmp.X) && isNil(cmp.Y) || isRecover(cmp.Y) && isNil(cmp.X) {
				region = iff.Block().Succs[0]
				if cmp.Op == token.EQL {
					region = iff.Block().Succs[1]
				}
			}
		}
	}
	if region == nil || len(region.Preds) != 1 {
		return false
	}
	found := false
	for _, op := range ops {
		if op.Fn == fn && op.Kind == kind {
			if !region.Dominates(op.Block()) {
				return false
			}
			found = true
		}
	}
	return found
}

func isRecover(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "recover"
}
