package doubleclose

import (
	"context"
	"log"
	"sync"
	"sync/atomic"
	"time"
)

// Guarded by sync.Once in both methods.
type onceStopper struct {
	once sync.Once
	done chan struct{}
}

func (s *onceStopper) run() {
	defer s.once.Do(func() { close(s.done) }) // fine: the Once runs one close
}

func (s *onceStopper) Stop() {
	s.once.Do(func() { close(s.done) }) // fine: the Once runs one close
}

// A method value handed to the Once.
type onceMethod struct {
	once sync.Once
	done chan struct{}
}

func (s *onceMethod) closeDone() { close(s.done) } // fine: only ever run by s.once

func (s *onceMethod) Close() { s.once.Do(s.closeDone) }

func (s *onceMethod) Stop() { s.once.Do(s.closeDone) }

// sync.OnceFunc.
type onceFunc struct {
	stop func()
	done chan struct{}
}

func newOnceFunc() *onceFunc {
	o := &onceFunc{done: make(chan struct{})}
	o.stop = sync.OnceFunc(func() { close(o.done) }) // fine: OnceFunc runs it once
	return o
}

// The select-default idiom: close only if not closed yet.
type selectGuard struct {
	done chan struct{}
}

func (s *selectGuard) Stop() {
	select {
	case <-s.done:
	default:
		close(s.done) // fine: skipped when already closed
	}
}

func (s *selectGuard) Close() {
	select {
	case <-s.done:
		return
	default:
	}
	close(s.done) // fine: returns when already closed (racy, but not a double close on one path)
}

// A closed flag under a mutex.
type flagGuard struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

func (s *flagGuard) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	close(s.done) // fine: the flag is checked under the lock
}

func (s *flagGuard) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done) // fine
	}
}

// atomic.Bool CompareAndSwap and Swap, and the old-style functions.
type atomicGuard struct {
	closed  atomic.Bool
	stopped int32
	done    chan struct{}
}

func (s *atomicGuard) Close() {
	if s.closed.CompareAndSwap(false, true) {
		close(s.done) // fine: one caller wins the swap
	}
}

func (s *atomicGuard) Stop() {
	if !s.closed.Swap(true) {
		close(s.done) // fine
	}
}

func (s *atomicGuard) Shutdown() {
	if atomic.CompareAndSwapInt32(&s.stopped, 0, 1) {
		close(s.done) // fine
	}
}

// Mutually exclusive branches.
func exclusive(ok bool, ch chan int) {
	if ok {
		close(ch) // fine: the else branch is the other path
	} else {
		close(ch) // fine
	}
	switch {
	case ok:
	}
}

func exclusiveSwitch(n int, ch chan int) {
	switch n {
	case 0:
		close(ch) // fine
	case 1:
		close(ch) // fine
	default:
		close(ch) // fine
	}
}

// A fresh channel after the close.
type restarter struct {
	done chan struct{}
}

func (r *restarter) restart() {
	close(r.done)
	r.done = make(chan struct{})
	close(r.done) // fine: a new channel (closing it at once is odd, but not twice)
}

func freshLocal() {
	ch := make(chan int)
	close(ch)
	ch = make(chan int)
	close(ch) // fine: another channel
}

// A loop that leaves after closing.
func leaveLoop(items []int, done chan struct{}) {
	for _, it := range items {
		if it < 0 {
			close(done) // fine: return follows
			return
		}
	}
}

func breakLoop(in <-chan int, done chan struct{}) {
loop:
	for {
		select {
		case v := <-in:
			if v == 0 {
				close(done) // fine: the labelled break leaves the loop
				break loop
			}
		}
	}
}

// A different channel on each iteration.
type member struct{ done chan struct{} }

func closeAll(ms []*member, chans []chan int) {
	for _, m := range ms {
		close(m.done) // fine: each member's own channel
	}
	for _, c := range chans {
		close(c) // fine
	}
	for i := range chans {
		close(chans[i]) // fine
	}
	for range 3 {
		ch := make(chan int)
		close(ch) // fine: made in the loop
	}
}

func deferEach(chans []chan int) {
	for _, c := range chans {
		defer close(c) // fine: a different channel each time
	}
}

// A local flag.
func localFlag(fail bool, ch chan int) {
	closed := false
	if fail {
		close(ch)
		closed = true
	}
	if !closed {
		close(ch) // fine: not when it was closed above
	}
}

func loopFlag(items []int, ch chan int) {
	done := false
	for _, it := range items {
		if it < 0 && !done {
			close(ch) // fine: once
			done = true
		}
	}
}

// The last iteration closes.
func lastIteration(items []int, ch chan int) {
	for i := range items {
		if i == len(items)-1 {
			close(ch) // fine: i reaches the mark once
		}
	}
}

func ticks(tick <-chan time.Time, cancel chan struct{}) {
	n := 0
	for range tick {
		n++
		if n == 3 {
			close(cancel) // fine: once
		}
	}
}

// A nil check, and nil after the close.
type nilGuard struct{ done chan struct{} }

func (g *nilGuard) Stop() {
	if g.done != nil {
		close(g.done)
		g.done = nil
	}
}

func (g *nilGuard) Close() {
	if g.done != nil {
		close(g.done) // fine: nil checked, nil stored
		g.done = nil
	}
}

// Fatal paths do not come back.
func fatal(ch chan int, err error) {
	if err != nil {
		close(ch)
		log.Fatal(err)
	}
	close(ch) // fine: log.Fatal does not return
}

func panics(ch chan int, err error) {
	if err != nil {
		close(ch)
		panic(err)
	}
	close(ch) // fine
}

// Two methods closing different fields.
type twoFields struct {
	a, b chan struct{}
}

func (t *twoFields) CloseA() { close(t.a) } // fine: a
func (t *twoFields) CloseB() { close(t.b) } // fine: b

// Not the builtin: a local function and a method named close.
type closer struct{ ch chan int }

func (c *closer) close(ch chan int) {}

func shadowed(ch chan int) {
	close := func(chan int) {}
	close(ch)
	close(ch) // fine: not the builtin
}

func method(c *closer) {
	c.close(c.ch)
	c.close(c.ch) // fine: a method
}

// A method closing under a condition (an unguarded Stop is not reported
// by default; see testdata/mod/doubleclose-unguarded).
type lone struct{ done chan struct{} }

func (l *lone) Stop() { close(l.done) } // fine by default: one method closes done

// Closes inside functions handed to others run as often as those decide.
type handed struct{ done chan struct{} }

func (h *handed) Start(ctx context.Context) {
	context.AfterFunc(ctx, func() { close(h.done) }) // fine: not run by Start itself
}

func (h *handed) Stop() { close(h.done) } // fine: the other close is in a callback

// The receiver closes a field of another value.
type peer struct {
	done  chan struct{}
	other *peer
}

func (p *peer) closeOther() { close(p.other.done) } // fine: another value's field
func (p *peer) Close()      { close(p.done) }       // fine

// Generic code with a guard.
type Group[T any] struct {
	once sync.Once
	done chan T
}

func (g *Group[T]) Stop()  { g.once.Do(func() { close(g.done) }) } // fine
func (g *Group[T]) Close() { g.once.Do(func() { close(g.done) }) } // fine

// An event loop closes when the one-time event comes.
type eventKind int

const (
	evNone eventKind = iota
	evReady
	evData
)

type conn struct {
	ready chan struct{}
	next  func() eventKind
}

func (c *conn) handleEvents() {
	for {
		switch c.next() {
		case evNone:
			return
		case evReady:
			close(c.ready) // fine: the protocol sends evReady once
		case evData:
		}
	}
}

// Goroutines started in a loop, each closing its own channel.
func spawnEach(ms []*member) {
	for _, m := range ms {
		go func() {
			close(m.done) // fine: m is a new variable on each iteration
		}()
	}
	var once sync.Once
	done := make(chan struct{})
	for range ms {
		go func() {
			once.Do(func() { close(done) }) // fine: the Once
		}()
	}
}

// Helpers that close under a guard, or that make a fresh channel.
type guardedHelper struct {
	mu     sync.Mutex
	closed bool
	quit   chan struct{}
}

func (g *guardedHelper) shutdown() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.closed {
		g.closed = true
		close(g.quit)
	}
}

func (g *guardedHelper) renew() {
	close(g.quit)
	g.quit = make(chan struct{})
}

func useHelpers(g *guardedHelper) {
	g.shutdown()
	g.shutdown() // fine: the helper checks its flag
	g.renew()
	g.renew() // fine: each call closes the channel the previous one made
}

// A helper called on two different values.
func twoValues(a, b *guardedHelper) {
	a.renew()
	b.renew() // fine: another value (and renew makes a fresh channel anyway)
}

func closeIt(ch chan int) { close(ch) }

func twoChannels(a, b chan int) {
	closeIt(a)
	closeIt(b) // fine: two channels
}

// The contract is documented: one of the two, once.
type hold struct{ blockCh chan error }

// Resume unblocks the dialer. Either Resume or Fail must be called at most
// once on a hold.
func (h *hold) Resume() {
	h.blockCh <- nil
	close(h.blockCh)
}

// Fail fails the attempt. Either Resume or Fail must be called at most once.
func (h *hold) Fail(err error) {
	h.blockCh <- err
	close(h.blockCh) // fine: documented as mutually exclusive
}

// An exported method closing through its own helper is one closer.
type single struct{ done chan struct{} }

func (s *single) close() { close(s.done) }

func (s *single) Close() { s.close() } // fine: Close closes through close, nothing else closes

// Two methods calling a guarded helper.
type guardedSession struct {
	once sync.Once
	done chan struct{}
}

func (s *guardedSession) finish() { s.once.Do(func() { close(s.done) }) }

func (s *guardedSession) readLoop() { defer s.finish() }

func (s *guardedSession) Close() { s.finish() } // fine: the helper's Once

// Fine: each batch taken from the buffer is a new one; the one put back
// is replaced by Flush before this loop can take another (a protocol the
// model cannot see, so a close of a channel reached through the value
// the loop receives is not a close of the same channel next time round).
type batch struct {
	items   chan int
	started chan struct{}
	done    chan struct{}
}

type Transport struct{ buffer chan batch }

func (t *Transport) worker() {
	for b := range t.buffer {
		close(b.started)
		t.buffer <- b
		for range b.items {
		}
		close(b.done)
	}
}

func (t *Transport) Start() { go t.worker() }

func (t *Transport) Flush() {
	b := <-t.buffer
	close(b.items)
	t.buffer <- batch{items: make(chan int), started: make(chan struct{}), done: make(chan struct{})}
	<-b.done
}
