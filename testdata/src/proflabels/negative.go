package proflabels

import (
	"context"
	"runtime/pprof"
	"sync"
	"time"
)

// The idiom: the callback's parameter shadows the outer context.
func idiom(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("a", "1"), func(ctx context.Context) {
		pprof.Do(ctx, pprof.Labels("b", "2"), work)
		go work(ctx)
	})
}

// Cancellation is the same on both contexts.
func cancellation(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("a", "1"), func(context.Context) {
		<-ctx.Done()
		_ = ctx.Err()
	})
}

// WithLabels then SetGoroutineLabels, in a goroutine of its own.
func worker(ctx context.Context) {
	go func() {
		ctx := pprof.WithLabels(ctx, pprof.Labels("worker", "1"))
		pprof.SetGoroutineLabels(ctx)
		work(ctx)
	}()
}

// A function started with go owns its goroutine.
func loop(ctx context.Context) {
	pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("loop", "main")))
	for {
		work(ctx)
	}
}

func startLoop(ctx context.Context) { go loop(ctx) }

// A helper called only at the start of goroutines.
func setLabels(labels ...string) {
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(labels...)))
}

func spawn(f func()) {
	go func() {
		setLabels("k", "v")
		f()
	}()
}

// A func literal in a local variable started with go.
func viaVar(ctx context.Context) {
	f := func() {
		pprof.SetGoroutineLabels(ctx)
		work(ctx)
	}
	go f()
}

// sync.WaitGroup.Go runs its function in a new goroutine.
func waitGroup(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() {
		pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("k", "v")))
	})
	wg.Wait()
}

// time.AfterFunc runs its function in a goroutine of its own, and a helper
// called only from there labels that goroutine.
type consumer struct{ name string }

func (c *consumer) deleteNotActive() {
	setLabels("consumer", c.name)
}

func (c *consumer) arm() {
	time.AfterFunc(time.Second, c.deleteNotActive)
}

// Restored with a deferred call, or later.
func restored(ctx context.Context) {
	pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("k", "v")))
	defer pprof.SetGoroutineLabels(ctx)
	work(ctx)
}

func resetLater(ctx context.Context) {
	pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("k", "v")))
	work(ctx)
	pprof.SetGoroutineLabels(ctx)
}

// Inside pprof.Do's function, Do restores the labels.
func insideDo(ctx context.Context) {
	pprof.Do(ctx, pprof.Labels("a", "1"), func(ctx context.Context) {
		pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels("b", "2")))
	})
}

// The labelled context is returned or stored: the caller may apply it.
func labelled(ctx context.Context) context.Context {
	return pprof.WithLabels(ctx, pprof.Labels("k", "v"))
}

type job struct{ ctx context.Context }

func store(ctx context.Context) *job {
	return &job{ctx: pprof.WithLabels(ctx, pprof.Labels("k", "v"))}
}

// Passed to a function of the package that applies it.
func apply(ctx context.Context) {
	pprof.SetGoroutineLabels(ctx)
	defer pprof.SetGoroutineLabels(context.Background())
}

func callsApply(ctx context.Context) {
	apply(pprof.WithLabels(ctx, pprof.Labels("k", "v")))
}

// Read back with pprof.Label.
func readBack(ctx context.Context) string {
	lctx := pprof.WithLabels(ctx, pprof.Labels("k", "v"))
	v, _ := pprof.Label(lctx, "k")
	return v
}

// Passed to a function value: it may apply the labels.
func callback(ctx context.Context, f func(context.Context)) {
	f(pprof.WithLabels(ctx, pprof.Labels("k", "v")))
}

// Background with no context in scope.
func noContext() {
	pprof.Do(context.Background(), pprof.Labels("k", "v"), work)
}

// A detached goroutine started with fresh labels on purpose.
func detached(ctx context.Context) {
	go func() {
		pprof.Do(context.Background(), pprof.Labels("bg", "1"), work)
	}()
	work(ctx)
}

// A local context that is not labelled and not a parameter.
func localContext() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pprof.Do(context.Background(), pprof.Labels("k", "v"), work)
	work(ctx)
}

// Same-named functions of another package are not pprof's.
type fake struct{}

func (fake) SetGoroutineLabels(ctx context.Context) {}
func (fake) WithLabels(ctx context.Context) context.Context {
	return ctx
}

func lookalike(ctx context.Context) {
	var p fake
	p.SetGoroutineLabels(ctx)
	p.WithLabels(ctx)
}
