package chanmodel

import (
	"fmt"

	"github.com/rtlint/rtlint/internal/contract"
)

// Message renders a leak for a diagnostic: the goroutine that stays, the
// peer that leaves (with its line), the fix, and how to confirm it at run
// time with toolchain; ctx, when set, is the context in scope that the
// operation ignores. It returns the contracts to cite.
func (l *Leak) Message(ctx, toolchain string) (string, []contract.ID) {
	what := "this " + l.Op.Kind.String()
	switch {
	case l.Select != nil:
		what = "this select"
	case l.Op.Range:
		what = "this range"
	}
	msg := fmt.Sprintf("%s blocks for good on %s: %s", l.Who, what, l.Why)
	ids := append([]contract.ID(nil), l.IDs...)
	fix := l.Fix
	if ctx != "" {
		wake := "a parked receiver"
		if l.Op.Kind == Send {
			wake = "a parked sender"
		}
		msg += fmt.Sprintf(", and cancelling %s does not wake %s", ctx, wake)
		verb := "receive"
		if l.Op.Kind == Send {
			verb = "send"
		}
		if l.Select != nil {
			fix = fmt.Sprintf("add case <-%s.Done() to the select, or %s", ctx, fix)
		} else {
			fix = fmt.Sprintf("%s in a select with case <-%s.Done(), or %s", verb, ctx, fix)
		}
		ids = append(ids, contract.CtxDoneForSelect)
	}
	msg += "; " + fix
	if l.Goroutine {
		if hint, id := LeakProfileHint(toolchain); hint != "" {
			msg += "; " + hint
			ids = append(ids, id)
		}
	}
	return msg, ids
}
