// Package ctxblock defines an Analyzer that reports channel operations that
// cancelling a context cannot wake.
//
// # Analyzer ctxblock
//
// ctxblock: report channel operations that block for good once their peer goes away, with a context in scope they do not watch
//
// A goroutine parked in a channel send or receive is readied only by the
// other side of that channel (runtime/chan.go, chansend and chanrecv). A
// context's cancellation only closes its Done channel (context/context.go),
// so it wakes a goroutine only if the goroutine selects on ctx.Done().
//
// This is checklist item 14: with a context.Context in scope (a parameter
// or local of the function or of a function enclosing the func literal,
// or a context field of the method's receiver), a blocking operation whose
// peer can go away and that does not also select on ctx.Done(). ctxblock
// reads the channel model golifecycle reads (internal/chanmodel) and
// reports the same shapes when a context is in scope, with the context in
// the fix:
//
//   - the peer goes away: the function that made the channel returns (an
//     early return, a select case on <-ctx.Done() or a timer) without the
//     receive, send or close the goroutine waits for; the goroutine that
//     should send returns without sending; a run loop serving the channel
//     returns (on its own context, after Stop); every peer is a select
//     case that gives up on a context or a timer;
//   - the channel is returned to the caller and the goroutine sending on
//     it watches the context elsewhere but not at this send: a caller that
//     stops receiving on cancellation leaves it waiting (the Go blog's
//     "pipelines and cancellation");
//   - more sends than the buffer and the receives take (N goroutines send
//     an error into a buffer of one while the receiver leaves on ctx);
//   - nothing can ever complete the operation.
//
// Not when the peer is unconditional: a goroutine started here that sends
// or closes on every path, a buffer that holds every send, a close on
// every path (defer close(ch)). A case on the Done channel of a context
// that only the blocked operation's own side cancels once it is past the
// wait (context.WithCancel(context.Background()) with a deferred cancel,
// or a cancel after the send) is not a way for the peer to go away. A
// polling loop's non-blocking receive still receives.
//
// Flagged (the sender leaks when ctx is cancelled first):
//
//	func fetch(ctx context.Context) (Result, error) {
//		ch := make(chan Result)
//		go func() {
//			ch <- slowFetch()
//		}()
//		select {
//		case r := <-ch:
//			return r, nil
//		case <-ctx.Done():
//			return Result{}, ctx.Err()
//		}
//	}
//
// Instead, give the channel a slot for the one send (make(chan Result, 1)),
// or send in a select that also returns on <-ctx.Done().
//
// Not reported: receiving from ctx.Done() itself (golifecycle reports a
// Done channel nothing can close); operations in a select with a Done case
// or a default; channels other packages may send on, close or receive
// from; test files; functions that never run. Every finding claims a
// goroutine left waiting on some path; where a comment at the operation
// says the wait is meant to last ("blocks forever on purpose", "lives as
// long as the process"), it is a review-tier observation instead. For a
// blocked goroutine the message says how to confirm it at run time with
// the goroutineleak profile (registered by default from Go 1.27, behind
// GOEXPERIMENT=goroutineleakprofile in Go 1.26; the hint follows the
// toolchain version), or go.uber.org/goleak in tests.
//
// The contract holds for every Go version (context since Go 1.7).
package ctxblock
