// Package ctxblock defines an Analyzer that reports channel operations that
// cancelling a context cannot wake.
//
// # Analyzer ctxblock
//
// ctxblock: report channel operations that block for good once their peer gives up on cancellation
//
// A goroutine parked in a channel send or receive is readied only by the
// other side of that channel (runtime/chan.go, chansend and chanrecv). A
// context's cancellation only closes its Done channel (context/context.go),
// so it wakes a goroutine only if the goroutine selects on ctx.Done().
//
// Reporting every channel operation without a Done case in a function that
// has a context would report most correct code: a worker ranging over a
// channel its producer closes, a result channel with a buffer of one, a
// send whose receiver never leaves. So ctxblock reports only the shape in
// which the stall is a consequence of the program's own cancellation
// handling: with a context.Context in scope (a parameter or local of the
// function or of a function enclosing the func literal, or a context
// field of the method's receiver), a blocking operation outside any
// select whose peers, every one of them, give up or go away:
//
//   - a send, when every receive of the channel is in a select that gives
//     up by another case (<-ctx.Done(), a timer, a quit channel), and the
//     buffer can fill: once the receivers have given up, nobody receives;
//   - a receive or a range, when every send is in such a select and nothing
//     closes the channel: once the senders have given up, nothing wakes it;
//   - a send by a goroutine that the function which started it and made
//     the unbuffered channel abandons: it receives only a bounded number
//     of times from goroutines started in a loop (first result wins), or
//     returns on some path without receiving (an early return on error);
//   - a send or receive with no peer at all in the package (when it is not
//     a goroutine body, which golifecycle reports);
//   - a select without default and without such a case, all of whose cases
//     are operations of this kind.
//
// A peer select "gives up" by another case: any case when the select
// runs once; in a loop, a case whose body always leaves the loop (ends in
// return, a labelled break, goto or panic). A case on the Done channel of
// a context that only the blocked function itself cancels
// (context.WithCancel(context.Background()) with a deferred cancel) does
// not count: its peers give up only after it has returned. Receives are
// only reported on unbuffered channels: a buffered channel's senders give
// up only when it is full, and receives that follow a send of the same
// flow are semaphores.
//
// The channel must be made in the package and must not escape it (passed
// to another package, stored in a slice, map or interface, exported), so
// that every peer is in view.
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
// Not reported: receiving from ctx.Done() itself; operations in a select
// with a Done case or a default; sends to a channel whose buffer holds all
// its sends; receives from channels something closes; channels that
// escape; operations whose peers do not give up (they may be slow, but
// they are not abandoned); test files. A send on a channel its own function
// closes (a pipeline stage's defer close(out)) is still reported when its
// receivers give up: the close comes after the blocked send and never runs.
// The analysis is intra-package and flow-insensitive (no SSA): channel
// identity is by variable, struct field and function result, joined
// through assignments, returns and calls within the package.
//
// The contract holds for every Go version (context since Go 1.7). For a
// blocked goroutine the message says how to confirm it at run time with
// the goroutineleak profile: registered by default from Go 1.27, behind
// GOEXPERIMENT=goroutineleakprofile in Go 1.26, absent before; the hint
// follows the toolchain version.
package ctxblock
