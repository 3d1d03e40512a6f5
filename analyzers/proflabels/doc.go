// Package proflabels defines an Analyzer that reports profiler labels that
// never reach a goroutine, get lost, or leak onto other work.
//
// # Analyzer proflabels
//
// proflabels: report pprof labels that are never applied, lost inside pprof.Do, or leaked by SetGoroutineLabels
//
// Profiler labels live on the goroutine (runtime/proflabel.go stores them
// in g.labels). They get there only through pprof.Do or
// pprof.SetGoroutineLabels; pprof.WithLabels only returns a context. A new
// goroutine copies its creator's labels at the go statement
// (runtime/proc.go newproc1). pprof.Do builds its label set from the
// context it is given, not from the goroutine's current labels, and sets
// the goroutine's labels back from that context when f returns
// (runtime/pprof/runtime.go). The analyzer reports four mistakes.
//
// A context returned by pprof.WithLabels that never reaches
// SetGoroutineLabels or Do: no profile sample carries those labels. The
// context is followed through variables, contexts derived from it by the
// standard library (context.WithCancel), and parameters of the package's
// own functions, four calls deep; it is never reported when it is
// returned, stored, or passed to code of another module, which may apply
// it:
//
//	ctx = pprof.WithLabels(ctx, pprof.Labels("job", name))
//	go run(ctx) // run never applies the labels
//
// Inside pprof.Do's function, a use of the outer context instead of the
// function's own parameter: code that reads labels from the context (a
// nested pprof.Do, SetGoroutineLabels, pprof.Label) loses the new labels.
// Calls of ctx.Done, Err, Deadline and Value are the same on both contexts
// and not reported. A suggested fix names an unnamed or blank parameter
// after the outer context, or replaces the uses with the parameter:
//
//	pprof.Do(ctx, labels, func(context.Context) {
//		pprof.Do(ctx, more, work) // drops labels
//	})
//
// A call of SetGoroutineLabels in a function that is not a goroutine
// entry and does not restore the labels (with a deferred
// SetGoroutineLabels, or a later one): the labels stay on the goroutine
// after the function returns and mark the caller's later work, and
// goroutines it starts. Goroutine entries are func literals and functions
// started by go statements, (*sync.WaitGroup).Go or errgroup's Go,
// main.main, init, the function passed to pprof.Do (which restores), and
// unexported functions called only from those. Use pprof.Do instead.
//
// pprof.Do(context.Background(), ...) (or context.TODO()) where a context
// that carries labels is in scope: one assigned from pprof.WithLabels, the
// parameter of an enclosing pprof.Do function, or a context parameter of
// the function making the call. Do does not merge with the goroutine's
// labels, so those labels are dropped for the call, and when Do returns
// the goroutine has no labels at all. Pass the context instead. A
// Background in a func literal that only captures a context is not
// reported: a goroutine started with fresh labels may mean it.
//
// Test files are not analyzed. These semantics hold since Go 1.9, when
// labels were introduced.
//
// Tiers: every finding is default tier (labels lost or leaked onto other
// work); in test-support, benchmark or sample code outside _test.go files
// (packages like testutil, e2e, bench, examples) it is a review-tier
// observation, shown in review mode (-review).
package proflabels
