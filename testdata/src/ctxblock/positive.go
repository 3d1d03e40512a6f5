package ctxblock

import (
	stdctx "context"
	"time"

	"golang.org/x/sync/errgroup"
)

type Result struct{ n int }

func slowFetch() Result { return Result{} }

// The receiver leaves on cancellation: the sender stays (runtime
// testdata: Timeout).
func Fetch(ctx stdctx.Context) (Result, error) {
	ch := make(chan Result)
	go func() {
		ch <- slowFetch() // want `the goroutine started at line \d+ blocks for good on this send: Fetch takes the select case at line \d+ and returns at line \d+ without receiving from ch, and cancelling ctx does not wake a parked sender; send in a select with case <-ctx\.Done\(\), or give ch a buffer for every send \(make\(chan T, 1\)\).*\(runtime/chan\.go:\d+, runtime/mgcmark\.go:\d+, context/context\.go:\d+, .*go1\.\d+(\.\d+)?\)`
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
}

// The receiver gives up on a timer.
func FetchTimeout(ctx stdctx.Context, d time.Duration) (Result, bool) {
	ch := make(chan Result)
	go func() {
		ch <- slowFetch() // want `FetchTimeout takes the select case at line \d+ and returns at line \d+ without receiving from ch`
	}()
	select {
	case r := <-ch:
		return r, true
	case <-time.After(d):
		return Result{}, false
	}
}

// The sender gives up on ctx without closing: the receiver stays.
func Await(ctx stdctx.Context) Result {
	ch := make(chan Result)
	go func() {
		select {
		case ch <- slowFetch():
		case <-ctx.Done():
		}
	}()
	return <-ch // want `Await blocks for good on this receive: the goroutine started at line \d+ returns at line \d+ without sending on or closing ch, and cancelling ctx does not wake a parked receiver; receive in a select with case <-ctx\.Done\(\), or close ch on every path of the goroutine`
}

// A producer that gives up without closing: the range Never ends.
func Consume(ctx stdctx.Context, n int) int {
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
	for v := range out { // want `Consume blocks for good on this range: the goroutine started at line \d+ returns at line \d+ without closing out`
		sum += v
	}
	return sum
}

// A method that sends a request to a loop that stops on its context, and
// does not watch the context itself.
type server struct {
	ctx  stdctx.Context
	reqs chan chan int
}

func NewServer(ctx stdctx.Context) *server {
	s := &server{ctx: ctx, reqs: make(chan chan int)}
	go s.loop()
	return s
}

func (s *server) loop() {
	for {
		select {
		case c := <-s.reqs:
			c <- 1
		case <-s.ctx.Done():
			return
		}
	}
}

func (s *server) Do(ctx stdctx.Context) int {
	c := make(chan int)
	s.reqs <- c // want `\(\*server\)\.Do blocks for good on this send: its only receiver is the loop in \(\*server\)\.loop \(line \d+\), which returns at line \d+ on <-s\.ctx\.Done\(\); after that nothing receives from s\.reqs, and cancelling ctx does not wake a parked sender; send in a select with case <-ctx\.Done\(\)`
	return <-c
}

// A pipeline Stage that closes its own output still blocks on a send
// nobody takes once the consumer has left.
func Stage(ctx stdctx.Context, in []int) int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, v := range in {
			out <- v * 2 // want `the goroutine started at line \d+ blocks for good on this send: Stage takes the select case at line \d+ and returns at line \d+ without receiving from out`
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

// errgroup: the consumer leaves on the Group's context, the producer
// does not watch it.
func Group(parent stdctx.Context, xs []int) error {
	g, ctx := errgroup.WithContext(parent)
	out := make(chan int)
	g.Go(func() error {
		for _, x := range xs {
			out <- x // want `the goroutine started at line \d+ blocks for good on this send: its only receiver is the loop in a func literal in Group \(line \d+\), which returns at line \d+ on <-ctx\.Done\(\); after that nothing receives from out, and cancelling ctx does not wake a parked sender`
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

// N goroutines send an error into a buffer of one while the receiver
// leaves on cancellation.
func FirstErr(ctx stdctx.Context, jobs []func() error) error {
	errc := make(chan error, 1)
	for _, j := range jobs {
		go func() {
			errc <- j() // want `FirstErr takes the select case at line \d+ and returns at line \d+ without receiving from errc`
		}()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Two sends that both run fill a buffer of one.
func Twice(ctx stdctx.Context) {
	ch := make(chan int, 1)
	go func() {
		ch <- 1
		ch <- 2 // want `Twice takes the select case at line \d+ and returns at line \d+ without receiving from ch`
	}()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// A receive nothing can complete, in a function with a context.
func Never(ctx stdctx.Context) {
	done := make(chan struct{})
	<-done // want `Never blocks for good on this receive: the channel is made right here, so nothing else can ever send on or close it, and cancelling ctx does not wake a parked receiver; receive in a select with case <-ctx\.Done\(\)`
}

func validate(ctx stdctx.Context) error { return nil }

// An Early return abandons the sender (runtime testdata: EarlyReturn).
func Early(ctx stdctx.Context) (Result, error) {
	ch := make(chan Result)
	go func() {
		ch <- slowFetch() // want `Early returns at line \d+ without receiving from ch, and cancelling ctx does not wake a parked sender`
	}()
	if err := validate(ctx); err != nil {
		return Result{}, err
	}
	return <-ch, nil
}

// First result wins: the other senders are abandoned (runtime testdata:
// NCastLeak).
func Race(ctx stdctx.Context, fs []func() Result) Result {
	ch := make(chan Result)
	for _, f := range fs {
		go func() {
			ch <- f() // want `Race receives from ch only once, but the loop at line \d+ starts a goroutine that sends on it each time round`
		}()
	}
	return <-ch
}

// A polling loop (select with default) still stops receiving at its Done
// case.
type pauser struct{ pauseC chan struct{} }

func NewPauser(ctx stdctx.Context) *pauser {
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

func (p *pauser) Pause(ctx stdctx.Context) {
	p.pauseC <- struct{}{} // want `\(\*pauser\)\.Pause blocks for good on this send: its only receiver is the loop in \(\*pauser\)\.run \(line \d+\), which returns at line \d+ on <-ctx\.Done\(\)`
}

// A channel kept in a slice that nothing sends on or closes.
func InSlice(ctx stdctx.Context) {
	chans := []chan int{make(chan int)}
	for _, c := range chans {
		<-c // want `InSlice blocks for good on this receive: nothing in this package sends on or closes c, and no other package can reach it, and cancelling ctx does not wake a parked receiver`
	}
}

// A pipeline stage whose send ignores the context it watches: once the
// caller stops reading, the stage blocks for good (the Go blog's
// "pipelines and cancellation").
func Square(ctx stdctx.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for {
			select {
			case v, ok := <-in:
				if !ok {
					return
				}
				out <- v * v // want `the goroutine started at line \d+ blocks for good on this send: its receiver is Square's caller, to which out is returned \(line \d+\), and a caller that stops receiving \(on cancellation\) leaves it waiting, and cancelling ctx does not wake a parked sender; send in a select with case <-ctx\.Done\(\)`
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
