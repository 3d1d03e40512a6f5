// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about context cancellation (checklist item 14).
const (
	CtxDoneIsOnlyAChannel         ID = "CtxDoneIsOnlyAChannel"
	CtxDoneForSelect              ID = "CtxDoneForSelect"
	CancelOnlyClosesDone          ID = "CancelOnlyClosesDone"
	ChanRecvParksUntilSendOrClose ID = "ChanRecvParksUntilSendOrClose"
	ChanSendParksUntilRecv        ID = "ChanSendParksUntilRecv"
	SelectWakesOnAnyCase          ID = "SelectWakesOnAnyCase"
)

var tableContext = []Contract{
	{
		ID:     CtxDoneIsOnlyAChannel,
		File:   "context/context.go",
		Func:   "type Context",
		Anchor: "// Done returns a channel that's closed when work done on behalf of this",
		Claim:  "Under cancellation the ONLY signal is the close of the Done channel (possibly asynchronously after cancel returns); a nil Done means never cancelled.",
		Since:  "go1.7",
		Line:   77,
	},
	{
		ID:     CtxDoneForSelect,
		File:   "context/context.go",
		Func:   "type Context",
		Anchor: "// Done is provided for use in select statements:",
		Claim:  "Under blocking work, cancellation is observed only if the code selects on ctx.Done() alongside the blocking op.",
		Since:  "go1.7",
		Line:   88,
	},
	{
		ID:     CancelOnlyClosesDone,
		File:   "context/context.go",
		Func:   "cancelCtx.cancel",
		Anchor: "close(d)",
		Claim:  "Under cancel() the context closes its own done channel (and children's); it never touches any other channel or goroutine.",
		Since:  "go1.7",
		Line:   567,
	},
	{
		ID:     ChanRecvParksUntilSendOrClose,
		File:   "runtime/chan.go",
		Func:   "chanrecv",
		Anchor: "gopark(chanparkcommit",
		Claim:  "Under `<-ch` with no sender the goroutine parks on ch.recvq only; it is readied solely by a send on ch or close(ch), so ctx cancellation cannot wake it (leak unless select includes ctx.Done()).",
		Since:  "go1.0",
		Line:   667,
	},
	{
		ID:     ChanSendParksUntilRecv,
		File:   "runtime/chan.go",
		Func:   "chansend",
		Anchor: "gopark(chanparkcommit",
		Claim:  "Under `ch <- v` with no receiver waiting and no buffer space the goroutine parks on ch.sendq only; it is readied solely by a receive on ch (or panics when ch is closed), so ctx cancellation cannot wake it (leak unless the send is in a select with ctx.Done()).",
		Since:  "go1.0",
		Line:   283,
	},
	{
		ID:     SelectWakesOnAnyCase,
		File:   "runtime/select.go",
		Func:   "selectgo",
		Anchor: "gopark(selparkcommit",
		Claim:  "Under select the goroutine is enqueued on every case's channel, so `select { case <-ch: case <-ctx.Done(): }` is woken by the Done close.",
		Since:  "go1.0",
		Line:   351,
	},
}
