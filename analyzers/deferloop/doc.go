// Package deferloop defines an Analyzer that reports defer statements in
// loop bodies.
//
// # Analyzer deferloop
//
// deferloop: report defer statements that run once per loop iteration but wait for the function to return
//
// A deferred call runs when the surrounding function returns, not when
// the loop iteration ends. A defer in a loop body therefore piles up one
// pending call per iteration: files stay open, locks stay held, and
// memory held by the deferred closures stays live until the function
// returns. It also costs more than a defer elsewhere:
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
// A suggested fix wraps the body in func() { ... }() where that keeps its
// meaning: the body has no return, goto, or break or continue that leaves
// it, and calls no recover; and nothing the defers clean up is seen to
// outlive the iteration (captured by a goroutine or func literal, stored
// outside the loop, appended, sent, or its address taken), since the fix
// makes the cleanup run at the end of the iteration. Otherwise the message
// explains and the change is left to the author.
//
// Not reported: a defer in a func literal inside the loop (it runs when
// the literal returns); a loop body that always leaves the loop after the
// defer (return, panic, a break out of the loop), where the defer runs
// once per call; a defer that is the last thing the iteration does, like
// mu.Lock(); defer mu.Unlock() at the end of the body, which can only
// mean "hold until the function returns"; a defer in an if block that
// sets what its condition tests (if t == nil { t = newT(); defer t.Stop() }),
// which runs once per call; test files. Loops made of goto
// statements count as loops for the compiler but are not reported here.
package deferloop
