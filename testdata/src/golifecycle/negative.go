package golifecycle

import (
	"context"
	"log"
	"os"
	"os/signal"
	"runtime"
	"time"
)

type svc struct {
	in   chan int
	quit chan struct{}
	done chan struct{}
}

func newSvc(ctx context.Context) *svc {
	s := &svc{in: make(chan int), quit: make(chan struct{}), done: make(chan struct{})}
	go s.watchCtx(ctx) // fine: returns on ctx.Done()
	go s.watchQuit()   // fine: Stop closes quit
	go s.drain()       // fine: Stop closes in
	go s.okLoop()      // fine: returns when in is closed
	go s.labelled()    // fine: a labelled break leaves the loop
	return s
}

func (s *svc) Stop() {
	close(s.quit)
	close(s.in)
}

func (s *svc) watchCtx(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case v := <-s.in:
			_ = v
		}
	}
}

func (s *svc) watchQuit() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-s.quit:
			return
		}
	}
}

func (s *svc) drain() {
	for v := range s.in {
		_ = v
	}
}

func (s *svc) okLoop() {
	for {
		v, ok := <-s.in
		if !ok {
			return
		}
		_ = v
	}
}

func (s *svc) labelled() {
loop:
	for {
		select {
		case <-s.quit:
			break loop
		case <-time.After(time.Second):
		}
	}
	close(s.done)
}

// Finite bodies, and loops left by panic, Goexit, os.Exit or log.Fatal.
func finite(out chan<- int) {
	go func() {
		for i := 0; i < 3; i++ {
			out <- i
		}
	}()
	go func() {
		for {
			if err := step(); err != nil {
				panic(err)
			}
		}
	}()
	go func() {
		for {
			if step() != nil {
				runtime.Goexit()
			}
		}
	}()
	go func() {
		for {
			if step() != nil {
				log.Fatal("step failed")
			}
		}
	}()
	go mustLoop() // fine: mustLoop ends by os.Exit
}

func step() error { return nil }

func mustLoop() {
	for {
		if step() != nil {
			os.Exit(1)
		}
	}
}

// A producer that closes the channel it feeds: the range ends.
func produce(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	go func() {
		for v := range ch { // fine: the producer closes ch
			_ = v
		}
	}()
	return ch
}

// Channels other packages can reach may be closed there.
type Bus struct {
	Events chan string // exported: another package may close it
}

func (b *Bus) Start() {
	go func() {
		for e := range b.Events {
			_ = e
		}
	}()
}

func Consume(ch <-chan int) { // exported: the caller owns ch
	go func() {
		for v := range ch {
			_ = v
		}
	}()
}

func notify() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt) // escapes to package signal
	go func() {
		for range sig {
		}
	}()
}

// A local function named like time.Tick returns a channel it closes.
func Tick(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

func useTick() {
	go func() {
		for range Tick(3) { // fine: Tick closes its channel
		}
	}()
}

// Interface methods are not followed.
type runner interface{ Run() }

func startRunner(r runner) {
	go r.Run()
}

// A documented process-lifetime goroutine.
func startFlusher(flush func()) {
	//rtlint:ignore golifecycle flushes metrics for the life of the process, by design
	go func() {
		for range time.Tick(time.Minute) {
			flush()
		}
	}()
}

// Sends and receives that have a peer.
func peers() int {
	res := make(chan int)
	go func() { res <- 1 }() // fine: received below
	return <-res
}
