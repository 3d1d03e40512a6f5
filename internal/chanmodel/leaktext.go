package chanmodel

import (
	"fmt"
)

// Message renders a leak for a diagnostic: the goroutine that stays, the
// peer that leaves (with its line), the fix, and how to confirm it at run
// time with toolchain; ctx, when set, is the context in scope that the
// operation ignores. It returns the facts the message rests on.
func (l *Leak) Message(ctx, toolchain string) (string, []Fact) {
	what := "this " + l.Op.Kind.String()
	switch {
	case l.Select != nil:
		what = "this select"
	case l.Op.Range:
		what = "this range"
	}
	msg := fmt.Sprintf("%s blocks for good on %s: %s", l.Who, what, l.Why)
	ids := append([]Fact(nil), l.Facts...)
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
		ids = append(ids, DoneNeedsSelect)
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
