package closeowner

import (
	"context"
	"os"
	"os/signal"
	"sync"
)

// The producer closes after its sends.
func producer(items []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out) // fine: the sender closes
		for _, it := range items {
			out <- it
		}
	}()
	return out
}

func producerExplicit(items []int, out chan int) {
	for _, it := range items {
		out <- it
	}
	close(out) // fine: the sender closes after its last send
}

// Broadcast: nobody sends on done.
type worker struct {
	jobs chan int
	done chan struct{}
}

func (w *worker) loop() {
	for {
		select {
		case <-w.jobs:
		case <-w.done:
			return
		}
	}
}

func (w *worker) Stop() {
	close(w.done) // fine: done is never sent on
}

func (w *worker) Add(v int) { w.jobs <- v }

// The receiver closes done, which nobody sends on, not the jobs channel.
func (w *worker) consume() {
	for j := range w.jobs {
		if j < 0 {
			close(w.done) // fine: a broadcast channel
			return
		}
	}
}

// All sends are in the function that closes.
func selfContained() int {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	sum := 0
	for v := range ch {
		sum += v
		if sum > 2 {
			close(ch) // fine: only this function sends, and it is done sending
			break
		}
	}
	return sum
}

// A handshake: one send, one receive, then the receiver closes.
type advancer struct{ done chan struct{} }

func (a *advancer) start() {
	go func() {
		a.done <- struct{}{} // the only send
	}()
}

func (a *advancer) stop() {
	<-a.done
	close(a.done) // fine: the one send has been received
}

// One receive per sender, then close: every sender is done.
func countAll(n int) {
	done := make(chan bool)
	for range n {
		go func() { done <- true }()
	}
	for range n {
		<-done
	}
	close(done) // fine: all n sends were received
}

// The closer waits for the senders first.
func waitFirst(n int) {
	results := make(chan int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- i
		}()
	}
	for r := range results {
		if r == n-1 {
			break
		}
	}
	wg.Wait()
	close(results) // fine: the senders have finished
}

// Senders that recover from the panic on purpose.
func recoveringSenders(ctx context.Context) {
	ch := make(chan int)
	go func() {
		defer func() { recover() }()
		for i := 0; ; i++ {
			ch <- i // fine: the sender recovers
		}
	}()
	for v := range ch {
		if v > 3 {
			close(ch)
			return
		}
	}
}

// A receive-only parameter cannot be closed; a copy sent elsewhere is a
// different channel.
func differentChannels(in <-chan int, out chan int) {
	for v := range in {
		if v < 0 {
			close(out) // fine: out is not received from here
			return
		}
	}
}

func feed(out chan int) { out <- 1 }

// Not the builtin.
type closer struct{ ch chan int }

func (c *closer) close(ch chan int) {}

func (c *closer) loop() {
	for v := range c.ch {
		if v < 0 {
			c.close(c.ch) // fine: a method named close
			return
		}
	}
}

func (c *closer) send() { c.ch <- 1 }

// Told to stop, the consumer closes and drains what is buffered: it states
// that the senders are done (they stop before signalling).
type sorted struct {
	reqs   chan int
	closer chan struct{}
}

func (s *sorted) Write(v int) { s.reqs <- v }

func (s *sorted) handle() {
	for {
		select {
		case r := <-s.reqs:
			_ = r
		case <-s.closer:
			close(s.reqs) // fine: close, then drain the rest
			for r := range s.reqs {
				_ = r
			}
			return
		}
	}
}

// Fine: the deferred Stop is registered after the deferred close, so it
// runs first.
func waitInterruptStopped(done chan struct{}) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	defer close(c)
	defer signal.Stop(c)
	select {
	case <-c:
	case <-done:
	}
}

// Fine: Stop, then close.
func stopCatch(c chan os.Signal) {
	signal.Stop(c)
	close(c)
}

func catch() chan os.Signal {
	c := make(chan os.Signal, 1)
	signal.Notify(c)
	return c
}
