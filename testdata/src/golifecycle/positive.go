package golifecycle

import (
	"sync"
	tm "time"

	"golang.org/x/sync/errgroup"
)

type server struct {
	reqs   chan int
	events chan string
	quit   chan struct{} // nothing closes it or sends on it
}

func newServer() *server {
	s := &server{reqs: make(chan int), events: make(chan string), quit: make(chan struct{})}
	go s.loop()    // want `the goroutine running \(\*server\)\.loop never ends: the loop at line \d+ has no return, break or select case that leaves it, so it and everything it references stay until the process exits; return from it on <-ctx\.Done\(\) or on a quit channel its owner closes \(if it is meant to live as long as the process, say so: //rtlint:ignore golifecycle <reason>\).*\(runtime/proc\.go:\d+, runtime/mgcmark\.go:\d+, .*go1\.\d+(\.\d+)?\)`
	go s.consume() // want `the goroutine running \(\*server\)\.consume never ends: its range over s\.events \(line \d+\) stops only when s\.events is closed, and nothing in this package closes it.*close s\.events from the producer`
	return s
}

// loop's only way out is a case on quit, which can never fire.
func (s *server) loop() {
	for {
		select {
		case r := <-s.reqs:
			_ = r
		case <-s.quit:
			return
		}
	}
}

func (s *server) consume() {
	for e := range s.events {
		_ = e
	}
}

func (s *server) publish(e string) {
	s.events <- e
	s.reqs <- len(e)
}

// A timer channel is never closed; the import is renamed.
func janitor(evict func()) {
	go func() { // want `the goroutine started here never ends: its range over tm\.Tick\(tm\.Minute\) \(line \d+\) never stops, because the runtime never closes a timer or ticker channel`
		for range tm.Tick(tm.Minute) {
			evict()
		}
	}()
}

func tickerLoop(evict func()) *tm.Ticker {
	t := tm.NewTicker(tm.Second)
	go func() { // want `its range over t\.C \(line \d+\) never stops`
		for range t.C {
			evict()
		}
	}()
	return t
}

// Goroutines started in a loop: a worker pool over a channel nobody closes.
func pool(n int, jobs []int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go worker(ch) // want `the goroutine running worker never ends: its range over ch \(line \d+\) stops only when ch is closed`
	}
	for _, j := range jobs {
		ch <- j
	}
}

func worker(ch chan int) {
	for j := range ch {
		_ = j
	}
}

// The goroutine calls a function of the package that never returns.
func run(s *server, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() { // want `the goroutine started here never ends: it calls \(\*server\)\.loop \(line \d+\), which never returns: the loop at line \d+`
		defer wg.Done()
		s.loop()
	}()
}

// A goroutine started in a nested func literal.
func nested(work func()) func() {
	return func() {
		go func() { // want `the goroutine started here never ends: the loop at line \d+ has no return`
			for {
				work()
				tm.Sleep(tm.Second)
			}
		}()
	}
}

// Generic functions and methods of generic types.
func drain[T any](ch chan T) {
	for v := range ch {
		_ = v
	}
}

func startDrain() {
	ch := make(chan int)
	go drain(ch) // want `the goroutine running drain never ends: its range over ch`
	ch <- 1
}

type box[T any] struct{ c chan T }

func (b *box[T]) run() {
	for v := range b.c {
		_ = v
	}
}

func newBox[T any]() *box[T] {
	b := &box[T]{c: make(chan T)}
	go b.run() // want `the goroutine running \(\*box\)\.run never ends: its range over b\.c`
	return b
}

func (b *box[T]) put(v T) { b.c <- v }

// errgroup-style: errgroup.Group.Go and sync.WaitGroup.Go start goroutines.
func group(in chan int) error {
	var g errgroup.Group
	g.Go(func() error { // want `the goroutine started here never ends: its range over in \(line \d+\) stops only when in is closed`
		for v := range in {
			_ = v
		}
		return nil
	})
	var wg sync.WaitGroup
	wg.Go(func() { // want `the goroutine started here never ends: the loop at line \d+ has no return`
		for {
			in <- 1
		}
	})
	return g.Wait()
}

func feed() { _ = group(make(chan int)) }

// A receive nothing can complete, on one path only.
func maybeWait(ok bool) {
	done := make(chan struct{})
	go func() { // want `the goroutine started here never ends once it reaches line \d+: it waits on done \(line \d+\), on which nothing in this package sends and which nothing closes`
		if ok {
			<-done
		}
	}()
}

// A send no one receives.
func lostResult(f func() int) {
	res := make(chan int)
	go func() { // want `the goroutine started here never ends: its send on res \(line \d+\) can never complete, because nothing in this package receives from res`
		res <- f()
	}()
}

// A library init is not exempt: the goroutine must be documented.
func init() {
	go func() { // want `the goroutine started here never ends: the loop at line \d+`
		for {
			tm.Sleep(tm.Hour)
		}
	}()
}

// A spawner: a function of the package that starts its func parameter.
type group2 struct{ wg sync.WaitGroup }

func (g *group2) goAttach(f func()) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		f()
	}()
}

func (g *group2) start(ch chan int) {
	g.goAttach(func() { // want `the goroutine started here never ends: its range over ch \(line \d+\) stops only when ch is closed`
		for v := range ch {
			_ = v
		}
	})
}

func useGroup2() {
	g := &group2{}
	ch := make(chan int)
	g.start(ch)
	ch <- 1
}
