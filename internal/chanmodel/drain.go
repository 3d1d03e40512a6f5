package chanmodel

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// checkDrains looks for the timer drain that blocks for good:
//
//	if !t.Stop() {
//		<-t.C
//	}
//
// reached after the function has already received t's value (a select
// case on t.C) with no Reset since. t.Stop then returns false, because the
// timer has expired, and t.C is empty: the receive waits for a value that
// never comes (istio#18454).
func (e *engine) checkDrains() {
	for _, op := range e.m.Ops {
		if op.Kind != Recv || op.Select() != nil || e.m.IsTest(op.Instr) || !e.m.Live()[op.Fn] {
			continue
		}
		timer, ok := timerOfC(op.Chan)
		if !ok || !guardedByStop(op, timer) {
			continue
		}
		for _, other := range e.m.OpsOf(op.Fn) {
			sel := other.Select()
			if other == op || other.Kind != Recv || sel == nil || !sameTimer(e.m, other.Chan, timer, op.Fn) {
				continue
			}
			b := selectCase(sel, other.State)
			if b == nil || !e.reachesWithoutReset(b, op, timer) {
				continue
			}
			e.add(&Leak{Shape: NoPeer, Op: op, Peer: other.Pos,
				Facts: []Fact{RecvParks, ResetNeedsDrain, StackIsRoot},
				Why:   fmt.Sprintf("when the case at line %d has already received the timer's value and nothing has reset it since, Stop returns false and %s stays empty", e.m.Line(other.Pos), e.m.ChanExpr(op)),
				Fix:   "drop the drain (since Go 1.23 Reset and Stop need none), or drain without blocking: select { case <-t.C: default: }"})
			break
		}
	}
}

// timerOfC returns the timer value whose C field ch reads.
func timerOfC(ch ssa.Value) (ssa.Value, bool) {
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return nil, false
	}
	if f := fieldOf(fa.X.Type(), fa.Field); f == nil || !isTimerField(f) {
		return nil, false
	}
	return fa.X, true
}

// sameTimer reports whether ch reads the C field of the same timer.
func sameTimer(m *Model, ch, timer ssa.Value, fn *ssa.Function) bool {
	t2, ok := timerOfC(ch)
	if !ok {
		return false
	}
	a, ok1 := m.AccessIn(t2, fn)
	b, ok2 := m.AccessIn(timer, fn)
	return ok1 && ok2 && a.Same(b)
}

// guardedByStop reports whether op runs only when t.Stop() returned false:
// its block is the then-branch of if !t.Stop().
func guardedByStop(op *Op, timer ssa.Value) bool {
	for _, p := range op.Block().Preds {
		iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		// SSA writes if !t.Stop() either with the negation or with the
		// branches swapped.
		cond, then := iff.Cond, p.Succs[0]
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond = not.X
		} else {
			then = p.Succs[1]
		}
		call, ok := cond.(*ssa.Call)
		if ok && then == op.Block() && isTimerMethod(&call.Call, "Stop") {
			return true
		}
	}
	return false
}

func isTimerMethod(call *ssa.CallCommon, name string) bool {
	fn := call.StaticCallee()
	if fn == nil {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.FullName() == "(*time.Timer)."+name
}

// reachesWithoutReset reports whether control goes from block b to op
// without calling Reset on the timer (any Reset counts: the check does not
// tell timers apart there).
func (e *engine) reachesWithoutReset(b *ssa.BasicBlock, op *Op, timer ssa.Value) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] || !e.budget(1) {
			continue
		}
		seen[x] = true
		if x == op.Block() {
			return true
		}
		reset := false
		for _, instr := range x.Instrs {
			if c, ok := instr.(ssa.CallInstruction); ok && isTimerMethod(c.Common(), "Reset") {
				reset = true
			}
		}
		if !reset {
			stack = append(stack, x.Succs...)
		}
	}
	return false
}
