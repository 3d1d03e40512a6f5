package closeowner

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/chanmodel"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/report"
)

// A notify is a signal.Notify call that makes os/signal a sender on the
// closed channel, with the signal.Stop that should end it first, if any.
type notify struct {
	call ssa.CallInstruction
	stop ssa.CallInstruction // a signal.Stop that runs too late, or nil
}

// unstoppedNotify returns the signal.Notify registration of a closed
// channel that can still deliver when the close runs: no signal.Stop of
// the channel runs before it (a deferred Stop registered before a deferred
// close runs after it: defers run last in, first out).
func unstoppedNotify(cf *chanmodel.Model, cl *chanmodel.Op) *notify {
	c := cf.ClassOf(cl)
	if c == nil || len(c.ExtSenders) == 0 {
		return nil
	}
	var late ssa.CallInstruction
	for _, b := range cl.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || !isSignalStop(call) || len(call.Common().Args) != 1 || cf.Class(call.Common().Args[0]) != c {
				continue
			}
			_, deferredStop := instr.(*ssa.Defer)
			switch {
			case cl.Deferred && deferredStop && instr.Pos() > cl.Instr.Pos():
				return nil // deferred after the close: runs before it
			case cl.Deferred && !deferredStop:
				return nil // runs before the function returns
			case !cl.Deferred && !deferredStop && b.Dominates(cl.Block()):
				return nil // runs before the close
			}
			late = call
		}
	}
	return &notify{call: c.ExtSenders[0], stop: late}
}

func isSignalStop(call ssa.CallInstruction) bool {
	fn := call.Common().StaticCallee()
	if fn == nil {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && obj.FullName() == "os/signal.Stop"
}

func reportNotify(r *report.Reporter, pass *analysis.Pass, cf *chanmodel.Model, cl *chanmodel.Op, n *notify) {
	name := cf.ChanText(cl)
	why := fmt.Sprintf("and nothing calls signal.Stop(%s) before it", name)
	if n.stop != nil {
		why = fmt.Sprintf("and the deferred signal.Stop(%s) at line %d runs only after this deferred close (defers run last in, first out)", name, line(pass, n.stop.Pos()))
	}
	var rng analysis.Range = posRange(cl.Pos)
	if c := cf.CloseCall(cl); c != nil {
		rng = c
	}
	r.Report(rng, fmt.Sprintf("%s is closed while os/signal may still send on it: signal.Notify (line %d) makes the runtime's signal delivery a sender, %s; a signal arriving then panics with \"send on closed channel\" and kills the process; call signal.Stop(%s) before closing it",
		name, line(pass, n.call.Pos()), why, name),
		contract.SendOnClosedChanPanics, contract.SelectSendOnClosedChanPanics)
}
