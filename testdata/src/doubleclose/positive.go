package doubleclose

import (
	"errors"
	"sync"
)

func work() error { return errors.New("x") }

// Two closes on one path.
func twice() {
	ch := make(chan int)
	close(ch)
	close(ch) // want `ch was already closed at line 13 on a path that reaches this close: it panics with "close of closed channel" in this goroutine; close the channel once \(runtime/chan\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// An error path that closes, then falls through to the normal close.
func errorPath(done chan struct{}) {
	if err := work(); err != nil {
		close(done)
	}
	close(done) // want `done was already closed at line 20`
}

// A close in a loop that does not leave the loop.
func inLoop(items []int, done chan struct{}) {
	for _, it := range items {
		if it < 0 {
			close(done) // want `done is closed inside a loop that can come back to this close: the next close panics with "close of closed channel" in this goroutine; close after the loop, or leave the loop once it is closed`
		}
	}
}

// In a for-select loop, break leaves the select, not the loop.
func selectLoop(in <-chan int, quit chan struct{}) {
	for {
		select {
		case v := <-in:
			if v < 0 {
				close(quit) // want `quit is closed inside a loop`
				break
			}
		}
	}
}

// A close in every iteration.
func retry(n int, done chan struct{}) {
	for i := 0; i < n; i++ {
		if work() == nil {
			continue
		}
		close(done) // want `done is closed inside a loop`
	}
}

// A deferred close and an explicit one.
func deferAndExplicit(out chan int) error {
	defer close(out)
	if err := work(); err != nil {
		close(out) // want `out is closed here and again by the deferred close at line 59: when the function returns, the deferred close panics with "close of closed channel"; keep one of the two`
		return err
	}
	return nil
}

// The explicit close first, the defer afterwards.
func explicitThenDefer(out chan int) {
	close(out) // want `out is closed here and again by the deferred close at line 70`
	defer close(out)
}

type server struct {
	mu   sync.Mutex
	done chan struct{}
	in   chan int
}

// A deferred function literal closes the field when the method returns.
func (s *server) serve() error {
	defer func() {
		close(s.done)
	}()
	if err := work(); err != nil {
		close(s.done) // want `s\.done is closed here and again by a deferred function \(its close at line 82\): when the function returns, that close panics`
		return err
	}
	return nil
}

// A deferred close in a loop.
func deferInLoop(chs []chan int, last chan int) {
	for range chs {
		defer close(last) // want `last is deferred to be closed on every iteration of the loop: when the function returns, the second deferred close panics`
	}
}

// A struct field closed twice through the receiver; the lock between
// changes nothing.
func (s *server) reset() {
	close(s.in)
	s.mu.Lock()
	s.mu.Unlock()
	close(s.in) // want `s\.in was already closed at line 101`
}

// Two methods close the same field with no guard.
type worker struct {
	quit chan struct{}
	jobs chan int
}

func (w *worker) run() {
	defer close(w.quit)
	for j := range w.jobs {
		_ = j
	}
}

func (w *worker) Stop() {
	close(w.quit) // want `\(\*worker\)\.Stop and \(\*worker\)\.run \(line 114\) both close w\.quit with no guard: if both run, the second close panics with "close of closed channel"; close it in one place, or guard every close with a sync\.Once`
}

// A goroutine started by one method (value receiver) closes what another
// method closes.
type pump struct {
	done chan struct{}
}

func (p pump) Start() {
	go func() {
		close(p.done)
	}()
}

func (p pump) Close() {
	close(p.done) // want `pump\.Close and pump\.Start \(line 132\) both close p\.done`
}

// Generic code.
type Queue[T any] struct {
	closed chan struct{}
	items  chan T
}

func (q *Queue[T]) Shutdown() {
	close(q.closed)
}

func (q *Queue[T]) Abort() {
	close(q.closed) // want `\(\*Queue\)\.Abort and \(\*Queue\)\.Shutdown \(line 147\) both close q\.closed`
}

// Ranging over a channel ends when it is closed: closing it again panics.
func drainTwice[T any](ch chan T) {
	close(ch)
	for range ch {
	}
	close(ch) // want `ch was already closed at line 156`
}

// A package-level channel.
var quit = make(chan struct{})

func shutdown(fast bool) {
	if fast {
		close(quit)
	}
	work()
	close(quit) // want `quit was already closed at line 167`
}

// A channel captured by a closure that runs in place.
func captured() {
	ch := make(chan int)
	stop := func() {
		close(ch)
	}
	defer stop()
	close(ch) // want `ch is closed here and again by a deferred function \(its close at line 177\)`
}

// A channel passed to a helper that closes it is closed there; the close
// here comes second.
func viaParam(done chan struct{}) {
	finish(done, true)
}

func finish(done chan struct{}, twice bool) {
	close(done)
	if twice {
		close(done) // want `done was already closed at line 190`
	}
}

// Goroutines started in a loop all close the same channel.
func spawnInLoop(n int) {
	done := make(chan struct{})
	for range n {
		go func() {
			work()
			close(done) // want `the goroutine started here closes done, and the loop starts another one: the second close panics with "close of closed channel"`
		}()
	}
	<-done
}

// A goroutine and the function itself both close.
func goroutineAndSelf() {
	done := make(chan struct{})
	go func() {
		close(done)
	}()
	close(done) // want `done is also closed at line 212, and one of the two closes runs in another goroutine`
}

// Helpers that close.
type link struct{ quit chan struct{} }

func (c *link) shutdown() { close(c.quit) }

func closeChan(ch chan int) { close(ch) }

func helpers(c *link, ch chan int, fail bool) {
	c.shutdown()
	if fail {
		c.shutdown() // want `c\.quit \(closed in \(\*link\)\.shutdown\) was already closed at line 225`
	}
	close(ch)
	closeChan(ch) // want `ch \(closed in closeChan\) was already closed at line 229`
}

func deferHelper(c *link) error {
	defer c.shutdown()
	if err := work(); err != nil {
		close(c.quit) // want `c\.quit is closed here and again by the deferred close at line 234`
		return err
	}
	return nil
}

// Two methods close through the same unguarded helper.
type session struct{ done chan struct{} }

func (s *session) finish() { close(s.done) }

func (s *session) readLoop() {
	defer s.finish()
	work()
}

func (s *session) Close() error {
	s.finish() // want `\(\*session\)\.Close and \(\*session\)\.readLoop \(line 248\) both close s\.done \(in \(\*session\)\.finish\) with no guard`
	return nil
}
