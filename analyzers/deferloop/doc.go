// Package deferloop defines an Analyzer that reports defer statements in
// loop bodies.
//
// # Analyzer deferloop
//
// deferloop: report defer statements that run once per loop iteration but wait for the function to return
//
// A deferred call runs when the surrounding function returns, not when
// the loop iteration ends. A defer in a loop body therefore piles up one
// pending call per iteration: files stay open, locks stay held, contexts
// keep their timers, and memory held by the deferred closures stays live
// until the function returns. It also costs more than a defer elsewhere:
//
//   - Since Go 1.14 the compiler open-codes defers (inlines the deferred
//     calls at each exit, no runtime call), but only in a function with at
//     most 8 defers, none in a loop, and returns × defers ≤ 15
//     (cmd/compile/internal/walk/walk.go maxOpenDefers,
//     cmd/compile/internal/walk/stmt.go, cmd/compile/internal/ssagen/ssa.go).
//     One defer in a loop turns open coding off for every defer of the
//     function.
//   - A defer in a loop cannot use a stack record either
//     (cmd/compile/internal/escape/call.go): each execution calls
//     runtime.deferproc, which takes a record from the per-P pool or the
//     heap and links it on the goroutine (runtime/panic.go).
//   - Since Go 1.23 a defer in the body of a range-over-func loop belongs
//     to the enclosing function too (runtime.deferrangefunc), with the same
//     costs.
//
// `go build -gcflags=-d=defer` prints which kind each defer gets.
//
// Flagged:
//
//	for _, name := range names {
//		f, err := os.Open(name)
//		if err != nil {
//			return err
//		}
//		defer f.Close()
//		if err := scan(f); err != nil {
//			return err
//		}
//	}
//
// Instead, move the body into a function called once per iteration, so
// its defers run when the iteration ends (and are open-coded again):
//
//	for _, name := range names {
//		err := func() error {
//			f, err := os.Open(name)
//			...
//			defer f.Close()
//			return scan(f)
//		}()
//		if err != nil {
//			return err
//		}
//	}
//
// # Tiers
//
// Reported by default, as resources piling up without bound:
//
//   - a defer in a for loop that nothing leaves (no return, break, goto):
//     the deferred calls never run unless the function panics
//     (staticcheck's SA5003);
//   - a defer in a range over a channel: one call per value received, none
//     run before the channel is closed (SA9001);
//   - a defer in a for loop without init, condition or post (an event or
//     worker loop, which has no bound on its iterations), whatever it
//     defers: one more call, and what its closure holds, per iteration;
//   - a defer that releases what the same iteration acquired and does not
//     keep: a variable the body sets from a call (f, err := os.Open(n);
//     ctx, cancel := context.WithCancel(...); cleanup := setUp()) that the
//     deferred call calls or calls a method on (defer f.Close(),
//     defer cancel(), also inside a deferred func literal), or the Unlock
//     of a Lock taken in the iteration. Where the defer stands in the body
//     does not matter: as the last statement it piles up just the same.
//
// Test-support and benchmark code is no exception: a helper that leaks a
// descriptor per item can exhaust them in a test suite, and a stress
// client that queues a closure per request grows for as long as it runs.
//
// Reported only in review mode (-review), as observations:
//
//   - a loop bounded by a handful of iterations (at most 8: a range over an
//     array, a constant, a short literal or a local variable only set to
//     short literals; a for loop counting between constants);
//   - a deferred func literal that recovers or sets variables of the
//     function (a named result): work that belongs at the function's end;
//   - a defer whose resource is kept after the iteration (appended,
//     stored, sent, captured by a goroutine): closing it when the function
//     returns, typically on an error path, may be the point;
//   - a defer that releases nothing the iteration acquired, in a loop
//     with a condition or a range (defer wg.Done(), locking every mutex of a list until the function returns,
//     a call that is handed what the iteration made, as in
//     defer cfg.apply(tc), which may use it rather than release it);
//   - the cancel of a context with a deadline (context.WithTimeout,
//     WithDeadline), which ends by itself when the deadline passes;
//   - a finding covered by another tool's suppression of the same concern:
//     //nolint:gocritic, //nolint:revive, //nolint:staticcheck, a bare
//     //nolint, //lint:ignore SA5003 or SA9001.
//
// # Fix
//
// A suggested fix wraps the body in func() { ... }() where that keeps its
// meaning: the body has no return, goto, or break or continue that leaves
// it, and calls no recover; nothing the defers clean up is seen to outlive
// the iteration (captured by a goroutine or func literal, stored outside
// the loop, appended, sent, or its address taken); and no deferred call
// looks at the function's state when it runs: a deferred literal that
// reads or sets a variable declared outside the loop or recovers, or a
// call given the address of such a variable. That last rule keeps
// close-on-error cleanups intact: moved into the iteration, a
// "defer func() { if err != nil { f.Close() } }()" would test the
// iteration's err instead of the function's. Otherwise the message
// explains and the change is left to the author.
//
// # Not reported
//
// A defer in a func literal inside the loop (it runs when the literal
// returns); a loop body that always leaves the loop after the defer
// (return, panic, a break out of the loop, also from nested blocks), where
// the defer runs once per call; a defer in an if block that sets what its
// condition tests (if t == nil { t = newT(); defer t.Stop() }), which runs
// once per call; a defer in a select case receiving from the channel of a
// *time.Timer made before the loop and not reset or replaced in it (the
// timer fires once, so the case runs once); test files; //rtlint:ignore deferloop, //nolint:deferloop
// and //nolint:rtlint. Loops made of goto statements count as loops for
// the compiler but are not reported here.
package deferloop
