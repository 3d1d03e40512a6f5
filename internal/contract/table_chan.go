// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about channel close and send (checklist items 3 and 4).
const (
	SendOnClosedChanPanics       ID = "SendOnClosedChanPanics"
	ParkedSenderPanicsOnClose    ID = "ParkedSenderPanicsOnClose"
	CloseWakesSendersToPanic     ID = "CloseWakesSendersToPanic"
	SelectSendOnClosedChanPanics ID = "SelectSendOnClosedChanPanics"
	CloseOfNilChanPanics         ID = "CloseOfNilChanPanics"
	CloseOfClosedChanPanics      ID = "CloseOfClosedChanPanics"
	CloseWakesReceivers          ID = "CloseWakesReceivers"
)

var tableChan = []Contract{
	{
		ID:     SendOnClosedChanPanics,
		File:   "runtime/chan.go",
		Func:   "chansend",
		Anchor: "\"send on closed channel\"",
		Claim:  "Under `c <- v` on a closed channel the runtime panics (runtime.Error, plainError) after taking c.lock; not recoverable as a value-level error, cost = panic unwind.",
		Since:  "go1.0",
		Line:   226,
	},
	{
		ID:         ParkedSenderPanicsOnClose,
		File:       "runtime/chan.go",
		Func:       "chansend",
		Anchor:     "\"send on closed channel\"",
		Occurrence: 2,
		Claim:      "Under a sender already blocked in chansend when another goroutine closes the channel, the sender is woken with success=false and panics too.",
		Since:      "go1.0",
		Line:       307,
	},
	{
		ID:     CloseWakesSendersToPanic,
		File:   "runtime/chan.go",
		Func:   "closechan",
		Anchor: "// release all writers (they will panic)",
		Claim:  "Under close(c) with blocked senders, closechan readies every sender so each panics 'send on closed channel'.",
		Since:  "go1.0",
		Line:   460,
	},
	{
		ID:     SelectSendOnClosedChanPanics,
		File:   "runtime/select.go",
		Func:   "selectgo",
		Anchor: "\"send on closed channel\"",
		Claim:  "Under a select whose send case targets a closed channel the runtime panics when that case is reached in the random poll order - i.e. it can panic even if another case is ready; a default clause does not prevent it.",
		Since:  "go1.0",
		Line:   542,
	},
	{
		ID:     CloseOfNilChanPanics,
		File:   "runtime/chan.go",
		Func:   "closechan",
		Anchor: "\"close of nil channel\"",
		Claim:  "Under close(nil chan) the runtime panics 'close of nil channel' before any locking.",
		Since:  "go1.0",
		Line:   416,
	},
	{
		ID:     CloseOfClosedChanPanics,
		File:   "runtime/chan.go",
		Func:   "closechan",
		Anchor: "\"close of closed channel\"",
		Claim:  "Under a second close(c) the runtime panics 'close of closed channel' (checked under c.lock, so racing closers: exactly one wins, the rest panic).",
		Since:  "go1.0",
		Line:   425,
	},
	{
		ID:     CloseWakesReceivers,
		File:   "runtime/chan.go",
		Func:   "closechan",
		Anchor: "// release all readers",
		Claim:  "Under close(c) every blocked receiver is readied and receives the zero value with ok=false.",
		Since:  "go1.0",
		Line:   438,
	},
}
