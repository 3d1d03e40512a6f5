package proflabels

import (
	"context"
	"runtime/pprof"
	prof "runtime/pprof"
)

func work(ctx context.Context) {}

func run(ctx context.Context) {
	_ = ctx.Err()
}

// The labelled context only reaches a function that never applies it.
func startJob(ctx context.Context, name string) {
	ctx = pprof.WithLabels(ctx, pprof.Labels("job", name)) // want `the context from pprof\.WithLabels never reaches pprof\.SetGoroutineLabels or pprof\.Do, so no profile sample carries these labels: WithLabels only returns a context; run the work in pprof\.Do\(ctx, labels, func\(ctx context\.Context\) \{ \.\.\. \}\) \(runtime/pprof/label\.go:\d+, runtime/proflabel\.go:\d+, go1\.\d+(\.\d+)?\)`
	go run(ctx)
}

// Discarded.
func discarded(ctx context.Context) {
	prof.WithLabels(ctx, prof.Labels("k", "v")) // want `the context from pprof\.WithLabels never reaches`
}

// Through a derived context and the standard library.
func derived(ctx context.Context) {
	lctx := pprof.WithLabels(ctx, pprof.Labels("k", "v")) // want `the context from pprof\.WithLabels never reaches`
	cctx, cancel := context.WithCancel(lctx)
	defer cancel()
	<-cctx.Done()
}

// The outer context used inside Do's function.
func nested(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("a", "1"), func(context.Context) {
		pprof.Do(ctx, pprof.Labels("b", "2"), work) // want `inside pprof\.Do's function, ctx is the context without the new labels, so code that reads labels from it \(a nested pprof\.Do, SetGoroutineLabels, pprof\.Label\) loses them: use the function's context parameter, the labelled copy Do passes in \(runtime/pprof/runtime\.go:\d+, go1\.\d+(\.\d+)?\)`
	})
}

func named(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("a", "1"), func(lctx context.Context) {
		work(ctx) // want `inside pprof\.Do's function, ctx is the context without the new labels.*use lctx, the labelled copy`
		_ = ctx.Err()
		work(ctx)
	})
}

func blank(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("a", "1"), func(_ context.Context) {
		go work(ctx) // want `inside pprof\.Do's function, ctx is the context without the new labels`
	})
}

// SetGoroutineLabels in an ordinary function leaks onto the caller.
func handle(ctx context.Context, method string) {
	pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("method", method))) // want `SetGoroutineLabels changes the labels of whatever goroutine runs this function, and nothing here restores them, so the caller's later work \(and goroutines it starts\) carries them too: use pprof\.Do\(ctx, labels, f\), which restores the labels when f returns, or restore them with a deferred SetGoroutineLabels of the incoming context \(runtime/pprof/runtime\.go:\d+, runtime/proc\.go:\d+, go1\.\d+(\.\d+)?\)`
	work(ctx)
}

// Exported: callers are not known to be goroutine entries.
func Label(ctx context.Context) {
	pprof.SetGoroutineLabels(ctx) // want `SetGoroutineLabels changes the labels`
}

// Background where a labelled context is in scope.
func background(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("a", "1"), func(ctx context.Context) {
		pprof.Do(context.Background(), pprof.Labels("b", "2"), work) // want `pprof\.Do starts from the labels of the context it is given, not the goroutine's, and ctx is labelled here: with context\.Background\(\) those labels are dropped for the call, and when Do returns the goroutine is left with no labels at all; pass ctx \(runtime/pprof/runtime\.go:\d+, runtime/pprof/runtime\.go:\d+, go1\.\d+(\.\d+)?\)`
	})
}

func backgroundParam(ctx context.Context) {
	pprof.Do(context.TODO(), pprof.Labels("b", "2"), work) // want `and ctx may carry labels from the caller: with context\.TODO\(\) those labels are dropped`
	work(ctx)
}
