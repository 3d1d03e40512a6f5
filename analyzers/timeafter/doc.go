// Package timeafter defines an Analyzer that reports time.After and
// time.Tick evaluated on every iteration of a loop.
//
// # Analyzer timeafter
//
// timeafter: report time.After and time.Tick evaluated on every iteration of a loop
//
// time.After(d) is NewTimer(d).C: each call allocates a timer and its
// channel (time/sleep.go). In a select inside a loop a new timer is made on
// every iteration, and the timeout starts over each time: in
//
//	for {
//		select {
//		case ev := <-events:
//			handle(ev)
//		case <-time.After(idle):
//			flush()
//		}
//	}
//
// flush never runs while events keep arriving within idle of each other.
// What else happens depends on the Go version the program's timers run
// with, which is chosen by the GODEBUG setting asynctimerchan
// (internal/godebugs/table.go):
//
//   - With asynctimerchan=0, the default when the main module's go.mod says
//     go 1.23 or later, an unreferenced timer is collected even before it
//     fires, and Timer.Reset needs no drain of t.C (time/sleep.go).
//   - Before Go 1.23, and with asynctimerchan=1 (the default for a main
//     module whose go line is older, or set by a godebug line in go.mod or
//     a //go:debug directive), each timer stays in the runtime until it
//     fires: a loop that turns over quickly with a long d keeps thousands
//     of timers alive. A time.Tick ticker is then never collected at all
//     and keeps running for the life of the process.
//
// The setting is taken from the main module only; a library's go line
// does not choose it (cmd/go/internal/load/godebug.go). So the message is
// exact for a main package, computed from its module's go line, godebug
// lines and //go:debug directives. For a library it states the Go 1.23
// cost and notes what a main module on an older go line (or with
// asynctimerchan=1) adds; when the library's own go line is 1.23 or later,
// every main module that uses it is too, since the go command refuses to
// build a main module whose go line is older than a dependency's. go.work
// files and GODEBUG set in the environment are not seen. Go 1.27 removed
// asynctimerchan (internal/godebugs/table.go): when the toolchain you build
// with is 1.27 or later, every program runs with Go 1.23 timers whatever
// its go line, and the messages say so.
//
// Instead, create one timer before the loop and reset it each iteration:
//
//	timer := time.NewTimer(idle)
//	for {
//		timer.Reset(idle)
//		select {
//		case ev := <-events:
//			handle(ev)
//		case <-timer.C:
//			flush()
//		}
//	}
//
// A suggested fix makes that change where it keeps the code's behaviour:
// Go 1.23 timers (the file's Go version is 1.23 or later and, for a main
// package, asynctimerchan=0; for a library, its module's go line is 1.23 or
// later), a duration that can be evaluated before the loop without effects
// (constants, variables, fields not reached through pointers), a select
// with no other timer, and no goto in the function. On older timers
// Reset needs Stop and a drain first, and the message says so instead.
//
// Also reported: c := time.After(d) in a loop body when c is only received
// in that iteration's selects (no fix), time.Tick in a select in a loop
// (no fix: a periodic tick was probably meant, which would change the
// behaviour), and <-time.After(d) outside a select in a loop, which
// allocates a timer only to wait: time.Sleep(d) waits on the goroutine's
// own reused timer, and a fix makes that replacement.
//
// # Tiers
//
// Reported by default, as a timeout that starves, a timer that never
// fires, or timers piling up:
//
//   - a time.After case whose work (a non-empty body that stays in the
//     loop) starves: the select is all the iteration does, and another
//     case can keep winning (a receive from a channel that lives across
//     iterations); the message names that case and both lines;
//   - time.After in a select with a default case: the select never waits,
//     so the timer can never fire;
//   - any time.After or time.Tick in a loop of a main package that runs
//     with pre-1.23 timers (each one stays alive until it fires; tickers
//     forever);
//   - time.Tick in a select in a loop: a new ticker per iteration is never
//     the periodic tick it is meant to be.
//
// Reported only in review mode (-review), where the restart is what the
// code wants and only allocations are at stake (Go 1.23 timers are
// collected once unreferenced):
//
//   - an idle timeout: the timer's case leaves the loop, or sets what the
//     loop's condition reads (received = want);
//   - a per-item timeout: the other cases send (case out <- m), receive a
//     reply made in the iteration, or only a cancellation signal
//     (ctx.Done(), a Done() <-chan struct{}) after which the loop ends at
//     its head; or the select shares the iteration with other work, or is
//     nested in another select;
//   - a timer case with an empty body, which only bounds the wait, or one
//     whose statements the rival case runs too (a fallback poll);
//   - <-time.After(d) outside a select (time.Sleep does it; a fix makes
//     the change), and <-time.Tick(d) unless the timers are pre-1.23;
//   - the default-tier shapes in test-support, benchmark or sample code
//     (packages like testutil, e2e, bench, examples), or under another
//     tool's suppression of the same concern (//nolint:staticcheck, a bare
//     //nolint, //lint:ignore SA1015).
//
// Not reported: calls outside loops or in a loop's header (for range
// time.Tick(d) evaluates it once), loops whose body always leaves after
// the select (return, panic, a break out of the loop), a select whose
// other cases all leave the loop (an interruptible sleep such as
// case <-ctx.Done(): return, where each timer fires before the next is
// made), channels stored or passed on, and test files.
package timeafter
