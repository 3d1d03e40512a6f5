package ctxblock

import (
	stdctx "context"
	"time"

	"golang.org/x/sync/errgroup"
)

type Result struct{ n int }

func slowFetch() Result { return Result{} }

// The sender leaks when ctx is cancelled first (runtime testdata: Timeout).
func fetch(ctx stdctx.Context) (Result, error) {
	ch := make(chan Result)
	go func() {
		ch <- slowFetch() // want `the goroutine started at line \d+ blocks for good on this send once every receiver of ch has given up \(on <-ctx\.Done\(\) at line \d+\): cancelling ctx does not wake a parked sender; send in a select with case <-ctx\.Done\(\), or give ch a buffer for every send.*\(runtime/chan\.go:\d+, context/context\.go:\d+, .*go1\.\d+(\.\d+)?\)`
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
}

// The receiver gives up on a timer.
func fetchTimeout(ctx stdctx.Context, d time.Duration) (Result, bool) {
	ch := make(chan Result)
	go func() {
		ch <- slowFetch() // want `blocks for good on this send once every receiver of ch has given up \(on <-time\.After\(d\) at line \d+\)`
	}()
	select {
	case r := <-ch:
		return r, true
	case <-time.After(d):
		return Result{}, false
	}
}

// The sender gives up on ctx without closing: the receiver is stuck.
func await(ctx stdctx.Context) Result {
	ch := make(chan Result)
	go func() {
		select {
		case ch <- slowFetch():
		case <-ctx.Done():
		}
	}()
	return <-ch // want `await blocks for good on this receive once every sender on ch has given up \(on <-ctx\.Done\(\) at line \d+\) and nothing closes ch`
}

// A producer that gives up without closing: the range never ends.
func consume(ctx stdctx.Context, n int) int {
	out := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			select {
			case out <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	sum := 0
	for v := range out { // want `consume never leaves this range once every sender on out has given up \(on <-ctx\.Done\(\) at line \d+\), because nothing closes out`
		sum += v
	}
	return sum
}

// A context held by the receiver: its loop stops on s.ctx, Do's send does not.
type server struct {
	ctx  stdctx.Context
	reqs chan int
}

func newServer(ctx stdctx.Context) *server {
	s := &server{ctx: ctx, reqs: make(chan int)}
	go s.loop()
	return s
}

func (s *server) loop() {
	for {
		select {
		case r := <-s.reqs:
			_ = r
		case <-s.ctx.Done():
			return
		}
	}
}

func (s *server) Do(r int) {
	s.reqs <- r // want `\(\*server\)\.Do blocks for good on this send once every receiver of s\.reqs has given up \(on <-s\.ctx\.Done\(\) at line \d+\): cancelling s\.ctx does not wake a parked sender`
}

// A pipeline stage that closes its own output still blocks on a send
// nobody takes: the close runs after the send.
func stage(ctx stdctx.Context, in []int) int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, v := range in {
			out <- v * 2 // want `the goroutine started at line \d+ blocks for good on this send once every receiver of out has given up`
		}
	}()
	total := 0
	for {
		select {
		case v, ok := <-out:
			if !ok {
				return total
			}
			total += v
		case <-ctx.Done():
			return total
		}
	}
}

// errgroup-style code: the consumer leaves on ctx, the producer does not.
func group(parent stdctx.Context, xs []int) error {
	g, ctx := errgroup.WithContext(parent)
	out := make(chan int)
	g.Go(func() error {
		for _, x := range xs {
			out <- x // want `the goroutine started at line \d+ blocks for good on this send once every receiver of out has given up \(on <-ctx\.Done\(\) at line \d+\)`
		}
		return nil
	})
	g.Go(func() error {
		for {
			select {
			case v := <-out:
				_ = v
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	})
	return g.Wait()
}

// A generic first-result-wins: every other sender leaks.
func first[T any](ctx stdctx.Context, fs []func() T) (T, error) {
	ch := make(chan T)
	for _, f := range fs {
		go func() {
			ch <- f() // want `the goroutine started at line \d+ blocks for good on this send`
		}()
	}
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// Two sends that both run fill a buffer of one.
func twice(ctx stdctx.Context) {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
		ch <- 2 // want `blocks for good on this send once every receiver of ch has given up`
	}()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// A receive nothing can complete, in a function with a context.
func never(ctx stdctx.Context) {
	done := make(chan struct{})
	<-done // want `never blocks for good here: nothing in this package sends on or closes done, and cancelling ctx does not wake a parked receiver`
}

// A select all of whose peers give up, in a nested func literal that
// captures ctx.
func both(ctx stdctx.Context) func() {
	a, b := make(chan int), make(chan int)
	go func() {
		select {
		case a <- 1:
		case <-ctx.Done():
		}
	}()
	go func() {
		select {
		case b <- 2:
		case <-ctx.Done():
		}
	}()
	return func() {
		select { // want `this select has no default and no case <-ctx\.Done\(\), and the peers of all its channels give up \(on <-ctx\.Done\(\) at line \d+\)`
		case <-a:
		case <-b:
		}
	}
}

func validate(ctx stdctx.Context) error { return nil }

// An early return abandons the sender (runtime testdata: EarlyReturn).
func early(ctx stdctx.Context) (Result, error) {
	ch := make(chan Result)
	go func() {
		ch <- slowFetch() // want `the goroutine started at line \d+ blocks for good on this send when early returns at line \d+ without receiving from ch: cancelling ctx does not wake a parked sender; give ch a buffer of one`
	}()
	if err := validate(ctx); err != nil {
		return Result{}, err
	}
	return <-ch, nil
}

// First result wins: the other senders are abandoned (runtime testdata:
// NCastLeak).
func race(ctx stdctx.Context, fs []func() Result) Result {
	ch := make(chan Result)
	for _, f := range fs {
		go func() {
			ch <- f() // want `the goroutines started in the loop at line \d+ block for good on this send: race receives from ch only once`
		}()
	}
	return <-ch
}

// A polling loop (select with default) still stops receiving at its Done
// case.
type pauser struct{ pauseC chan struct{} }

func newPauser(ctx stdctx.Context) *pauser {
	p := &pauser{pauseC: make(chan struct{})}
	go p.run(ctx)
	return p
}

func (p *pauser) run(ctx stdctx.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.pauseC:
		default:
		}
	}
}

func (p *pauser) pause(ctx stdctx.Context) {
	p.pauseC <- struct{}{} // want `\(\*pauser\)\.pause blocks for good on this send once every receiver of p\.pauseC has given up \(on <-ctx\.Done\(\) at line \d+\)`
}
