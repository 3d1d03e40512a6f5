package ctxblock

import (
	"context"
	"log"
	"time"
)

// Waiting on ctx.Done() itself is the idiom.
func WaitDone(ctx context.Context) {
	<-ctx.Done()
}

// A buffer of one for the one send: the sender never blocks.
func Buffered(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- work() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func work() error { return nil }

// Two sends on exclusive paths: one slot is enough.
func Exclusive(ctx context.Context) {
	c := make(chan error, 1)
	go func() {
		if err := work(); err != nil {
			c <- err
			return
		}
		c <- nil
	}()
	select {
	case <-ctx.Done():
	case <-c:
	}
}

// A buffer sized at run time is taken to be large enough.
func Sized(ctx context.Context, xs []int) {
	out := make(chan int, len(xs))
	for _, x := range xs {
		go func() { out <- x }()
	}
	select {
	case <-out:
	case <-ctx.Done():
	}
}

// The sender selects on ctx.Done() too.
func Guarded(ctx context.Context) (Result, error) {
	ch := make(chan Result)
	go func() {
		select {
		case ch <- slowFetch():
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
}

// A receive from a channel its sender closes when it gives up.
func Closer(ctx context.Context, n int) int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	sum := 0
	for v := range out { // fine: the producer closes out
		sum += v
	}
	return sum
}

// Peers that never give up: slow, maybe, but not abandoned.
func Plain(ctx context.Context) error {
	errc := make(chan error)
	go func() { errc <- work() }()
	return <-errc
}

// A receiver in a loop whose Done case does not leave keeps receiving.
func spin(ctx context.Context, in chan int) {
	for {
		select {
		case v := <-in:
			_ = v
		case <-ctx.Done():
			log.Print("cancelled")
		}
	}
}

func FeedSpin(ctx context.Context) {
	in := make(chan int)
	go spin(ctx, in)
	in <- 1 // fine: spin never stops receiving
}

// A select with a default never waits.
func Poll(ctx context.Context) {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		default:
		}
	}()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// Channels that escape the package may have peers elsewhere.
type Hub struct{ Out chan int }

func (h *Hub) Publish(ctx context.Context, v int) {
	h.Out <- v // fine: exported field, receivers may be anywhere
}

func Escaped(ctx context.Context, sink func(chan int)) {
	ch := make(chan int)
	sink(ch)
	ch <- 1 // fine: sink may receive
}

// No context in scope: out of this check's scope (golifecycle's, when the
// send has no receiver at all).
func NoCtx(d time.Duration) {
	ch := make(chan Result)
	go func() { ch <- slowFetch() }()
	select {
	case <-ch:
	case <-time.After(d):
	}
}

// A local named ctx that is not a context does not count.
func Shadow(d time.Duration) {
	ctx := d
	_ = ctx
	ch := make(chan Result)
	go func() { ch <- slowFetch() }()
	select {
	case <-ch:
	case <-time.After(d):
	}
}

// A Done method of another shape is not a cancellation signal.
type job struct{ done chan bool }

func (j *job) Done() chan bool { return j.done }

func Jobs(ctx context.Context, j *job) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-j.Done():
	}
	<-ch // fine: a plain receiver remains, so the sender is not abandoned
}

// A semaphore: each release follows its own acquire.
func Limited(ctx context.Context, jobs []func()) {
	sem := make(chan struct{}, 4)
	for _, j := range jobs {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		go func() {
			j()
			<-sem // fine: the token was sent before this goroutine started
		}()
	}
}

// The peers give up only on a context this function alone cancels, when
// it returns.
func Supervise(ctx context.Context, n int) int {
	own, cancel := context.WithCancel(context.Background())
	defer cancel()
	exits := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			select {
			case exits <- i:
			case <-own.Done():
			}
		}()
	}
	total := 0
	for v := range exits { // fine: the senders give up only after we return
		total += v
		if total > n {
			return total
		}
	}
	return total
}

// Every path receives before returning.
func AllPaths(ctx context.Context) (Result, error) {
	ch := make(chan Result)
	go func() { ch <- slowFetch() }()
	if err := work(); err != nil {
		<-ch
		return Result{}, err
	}
	return <-ch, nil
}

// As many receives as senders.
func Gather(ctx context.Context, fs []func() Result) []Result {
	ch := make(chan Result)
	for _, f := range fs {
		go func() { ch <- f() }()
	}
	var out []Result
	for range fs {
		out = append(out, <-ch)
	}
	return out
}

// A buffer for the one send: an early return does not strand it.
func EarlyBuffered(ctx context.Context) (Result, error) {
	ch := make(chan Result, 1)
	go func() { ch <- slowFetch() }()
	if err := work(); err != nil {
		return Result{}, err
	}
	return <-ch, nil
}

// A peer that gives up on a quit channel: who closes it, and when,
// decides. Here the loop that sends on gate closes done itself on exit
// (net/http2's readFrames and serve), so no send comes after.
type conn struct {
	ctx      context.Context
	done     chan struct{}
	frames   chan func()
	released chan struct{}
}

func (c *conn) readFrames() {
	gate := make(chan struct{})
	release := func() { gate <- struct{}{} } // fine: only serve calls it, before closing done
	for {
		select {
		case c.frames <- release:
		case <-c.done:
			return
		}
		select {
		case <-gate:
		case <-c.done:
			return
		}
	}
}

func (c *conn) serve() {
	defer close(c.done)
	for f := range c.frames {
		f()
	}
}

func NewConn(ctx context.Context) *conn {
	c := &conn{ctx: ctx, done: make(chan struct{}), frames: make(chan func())}
	go c.readFrames()
	go c.serve()
	return c
}

// A channel returned by an exported method escapes: its receivers are
// in other packages.
type Batch struct{ done chan struct{} }

func (b *Batch) Finished() <-chan struct{} { return b.done }

func Fill(ctx context.Context) *Batch {
	b := &Batch{done: make(chan struct{}, 1)}
	if work() != nil {
		b.done <- struct{}{}
		return b
	}
	go func() {
		b.done <- struct{}{} // fine: Finished hands done to the caller
	}()
	return b
}

// A token semaphore: the send returns the token the receive took.
type resolver struct{ scanSema chan struct{} }

func NewResolver() *resolver {
	r := &resolver{scanSema: make(chan struct{}, 1)}
	r.scanSema <- struct{}{}
	return r
}

func (r *resolver) scan(ctx context.Context) {
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-r.scanSema:
		}
		defer func() { r.scanSema <- struct{}{} }() // fine: gives the token back
	}()
}

// Fine: the stage's send also watches the context.
func SquareWatched(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for {
			select {
			case v, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- v * v:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Review tier, not a finding: the comment at the send says the sender is
// meant to wait for as long as the process runs (a result nobody may ever
// collect, kept by design).
func FetchDetached(ctx context.Context, compute func() int) (int, error) {
	ch := make(chan int)
	go func() {
		// Blocks forever on purpose when the caller has gone: the
		// computation is cheap and runs once per process.
		ch <- compute()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Fine: the goroutine sends its result or, when it panics, an error in
// its place: one send either way, and the buffer holds it when the
// caller has left on ctx.Done().
func QueryReporters(ctx context.Context, reporters []func() string) []string {
	var out []string
	for _, reporter := range reporters {
		reportC := make(chan string, 1)
		go func() {
			defer func() {
				if e := recover(); e != nil {
					reportC <- "failed to query the reporter"
				}
			}()
			reportC <- reporter()
		}()
		select {
		case r := <-reportC:
			out = append(out, r)
		case <-ctx.Done():
			return out
		}
	}
	return out
}
