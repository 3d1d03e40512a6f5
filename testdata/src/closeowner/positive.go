package closeowner

import (
	"errors"
	"os"
	"os/signal"
	"sync"
)

type job int

func (j job) run() error { return errors.New("x") }

// The consumer closes the channel on error while producers keep sending.
func consumer(n int) error {
	jobs := make(chan job)
	for i := range n {
		go func() {
			jobs <- job(i)
		}()
	}
	for j := range jobs {
		if err := j.run(); err != nil {
			close(jobs) // want `jobs is closed by a goroutine that receives from it \(line 22\) while a goroutine in consumer sends on it \(positive\.go:19\): a send after the close, or one already blocked, panics with "send on closed channel" in the sending goroutine; let the sender close the channel, or stop the senders with a separate done channel \(runtime/chan\.go:\d+, runtime/chan\.go:\d+, go1\.\d+(\.\d+)?\)`
			return err
		}
	}
	return nil
}

// A struct field: the loop goroutine closes its input.
type server struct {
	in   chan int
	quit chan struct{}
}

func (s *server) Submit(v int) {
	s.in <- v
}

func (s *server) loop() {
	for {
		select {
		case v := <-s.in:
			_ = v
		case <-s.quit:
			close(s.in) // want `s\.in is closed by a goroutine that receives from it \(line 44\) while \(\*server\)\.Submit sends on it \(positive\.go:38\)`
			return
		}
	}
}

// A package-level channel.
var events = make(chan string, 16)

func Emit(e string) {
	select {
	case events <- e:
	default:
	}
}

func dispatch() {
	for e := range events {
		if e == "stop" {
			break
		}
	}
	close(events) // want `events is closed by a goroutine that receives from it .* \(runtime/chan\.go:\d+, runtime/chan\.go:\d+, runtime/select\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// A channel passed as a parameter to an unexported function.
func pipeline() {
	results := make(chan int)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i
		}()
	}
	go collect(results)
	wg.Wait()
}

func collect(results chan int) {
	defer close(results) // want `results is closed by a goroutine that receives from it`
	for r := range results {
		if r < 0 {
			return
		}
	}
}

// A closure started with go receives and closes; the parent sends.
func parentSends(items []int) {
	ch := make(chan int)
	go func() {
		for v := range ch {
			if v < 0 {
				close(ch) // want `ch is closed by a goroutine that receives from it`
				return
			}
		}
	}()
	for _, it := range items {
		ch <- it
	}
}

// Generic code.
type Pool[T any] struct {
	work chan T
}

func (p *Pool[T]) Put(v T) { p.work <- v }

func (p *Pool[T]) serve(f func(T) bool) {
	for v := range p.work {
		if !f(v) {
			close(p.work) // want `p\.work is closed by a goroutine that receives from it .* while \(\*Pool\)\.Put sends on it`
			return
		}
	}
}

// A deferred literal closes when the consumer gives up.
func deferredLiteral(src chan int) {
	go func() {
		for i := 0; ; i++ {
			src <- i
		}
	}()
	go drain(src)
}

func drain(src chan int) {
	defer func() {
		close(src) // want `src is closed by a goroutine that receives from it`
	}()
	for v := range src {
		if v > 10 {
			return
		}
	}
}

// os/signal sends on c until signal.Stop: the deferred close runs first,
// since defers run last in, first out.
func waitInterrupt(done chan struct{}) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	defer signal.Stop(c)
	defer close(c) // want `c is closed while os/signal may still send on it: signal\.Notify \(line \d+\) makes the runtime's signal delivery a sender, and the deferred signal\.Stop\(c\) at line \d+ runs only after this deferred close \(defers run last in, first out\); a signal arriving then panics with "send on closed channel" and kills the process; call signal\.Stop\(c\) before closing it \(runtime/chan\.go:\d+`
	select {
	case <-c:
	case <-done:
	}
}

// Closing with no signal.Stop at all.
func forwardSignals(out chan os.Signal) {
	c := make(chan os.Signal, 1)
	signal.Notify(c)
	for s := range c {
		out <- s
		if s == os.Interrupt {
			close(c) // want `c is closed while os/signal may still send on it: signal\.Notify \(line \d+\) makes the runtime's signal delivery a sender, and nothing calls signal\.Stop\(c\) before it`
			return
		}
	}
}
