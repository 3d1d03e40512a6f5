// Package golifecycle defines an Analyzer that reports goroutines that
// block for good or can never end.
//
// # Analyzer golifecycle
//
// golifecycle: report goroutines that block for good on a channel, or whose body has no path to an end
//
// A goroutine blocked on a channel is parked by the runtime until the other
// side of that channel readies it (runtime/chan.go, chansend and chanrecv;
// runtime/proc.go, gopark); nothing ever collects it. Its stack is a GC
// root (runtime/mgcmark.go), so it keeps everything it references alive
// until the process exits. golifecycle reports the channel operations that
// can leave their goroutine waiting for good, and the goroutines whose
// loop has no way out. It follows one channel model of the package
// (internal/chanmodel: SSA, where each channel may come from and who else
// can reach it), so it needs no context.Context in scope; where one is in
// scope, ctxblock reports the operation instead, since the fix is to
// select on it.
//
// The shapes, each found whether the code is a program or a library:
//
//   - an abandoned sender or receiver: the function that made the channel
//     and started the goroutine can leave without the receive, send or
//     close it waits for (an early return on an error path, a select case
//     on a quit channel or a timer, a loop that goes round and makes a new
//     channel), or takes fewer values than the goroutines send (first
//     result wins over N senders, a second send on a path with a missing
//     return, a receive loop that stops at the first error) and the buffer
//     does not hold the rest; or the goroutine it waits for can return
//     without sending or closing;
//   - a method contract: a send or receive whose only peer is a select
//     case of one loop in another goroutine (a run loop) that can return
//     (after Stop, on a quit channel): after it has, the operation waits
//     for good (etcd#6857: Status after Stop);
//   - a send before anything can receive: more sends than the buffer holds
//     before the goroutine that receives is started;
//   - a wait nothing can end: a receive from a channel nothing in the
//     package sends on or closes, when no other package can reach it (a
//     receive-only channel handed out by an accessor such as
//     ShouldQuiesce() <-chan struct{} is not an escape: no other package
//     can close or send on a <-chan); a send nothing receives; peers only
//     in functions that never run (a Stop nothing calls); the waiting
//     function's own deferred close; a context whose cancel is never
//     called, or only after the wait; a nil channel; <-make(chan T);
//   - a goroutine that never ends: its loop's only ways out are select
//     cases on channels nothing closes, or it ranges over a channel
//     nothing closes.
//
// The message names the goroutine that stays, the peer that leaves (with
// its line), the fix, and how to confirm the leak at run time: the
// goroutineleak profile is registered by default from Go 1.27 and behind
// GOEXPERIMENT=goroutineleakprofile in Go 1.26 (runtime/pprof/pprof.go,
// lockProfiles; the hint follows the toolchain the citations resolve
// against); in tests, go.uber.org/goleak.
//
// Flagged:
//
//	func fetch(fail bool) int {
//		res := make(chan int)
//		go func() { res <- compute() }()
//		if fail {
//			return -1 // the goroutine blocks on its send for good
//		}
//		return <-res
//	}
//
// Instead, give the channel a buffer for every send (make(chan int, 1)),
// or receive on every path; close a channel its receivers range over on
// every path (defer close(ch)); send a request in a select that also
// waits on a done channel the run loop closes when it returns.
//
// Tiers. The default run reports the operations above, which block for
// good on some path. A goroutine whose loop has no way out but no channel
// evidence (a for {} daemon, a range over time.Tick) is a review-tier
// observation (shown only in review mode) unless it is started once per
// event (by a loop that waits on a channel each time round, or by a
// function called from such a loop), when goroutines pile up; a fixed
// pool started over a slice or up to a count is not. So are goroutines
// started once per process (by init, by package main's main, under a
// sync.Once), a method that blocks only when called after its run loop
// has returned (a contract for its callers to keep, or to document),
// waits in package main on a fresh channel, and anything a comment at the
// site says is meant to last as long as the process ("fine to let it
// exit with the process", "runs for the lifetime of the program", "blocks
// forever on purpose").
// Silence a finding with //rtlint:ignore golifecycle <reason>.
//
// Not reported: test files; functions that never run (unexported, and
// nothing calls them); channels code outside the package may send on,
// close or receive from (exported fields and variables, values passed to
// other packages); buffers that hold every send; loops whose exit a
// select case on a context's Done channel or a timer can take. The
// analysis is intra-package and flow-sensitive where the claim needs it
// (paths from the start of a goroutine to its owner's returns); its work
// is bounded per package, and a function too large to follow is skipped
// rather than guessed about.
//
// The contracts hold for every Go version.
package golifecycle
