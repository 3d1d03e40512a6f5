package golifecycle

import (
	"context"
	"time"
)

// A goroutine sends a request to a run loop that can return (after
// Stop): once it has, the goroutine blocks for good (etcd#6857).
type Node struct {
	reqs chan chan int
	stop chan struct{}
}

func NewNode() *Node {
	n := &Node{reqs: make(chan chan int), stop: make(chan struct{})}
	go n.run()
	return n
}

func (n *Node) run() {
	for {
		select {
		case c := <-n.reqs:
			c <- 1
		case <-n.stop:
			return
		}
	}
}

func (n *Node) Stop() { close(n.stop) }

func (n *Node) status() int {
	c := make(chan int)
	n.reqs <- c // want `the goroutine running \(\*Node\)\.status blocks for good on this send: its only receiver is the loop in \(\*Node\)\.run \(line \d+\), which returns at line \d+ on <-n\.stop; after that nothing receives from n\.reqs; send in a select that also waits on a done channel \(\*Node\)\.run closes when it returns`
	return <-c
}

func Poll(n *Node) { go n.status() }

// A goroutine reports to a loop that can already have returned.
type Agent struct {
	status chan int
	live   int
}

func NewAgent() *Agent { return &Agent{status: make(chan int)} }

func (a *Agent) Run() {
	for {
		select {
		case <-a.status:
			a.live--
			if a.live == 0 {
				return
			}
		case <-time.After(time.Second):
		}
	}
}

func (a *Agent) Restart() {
	a.live++
	go a.report()
}

// Reload restarts the agent's workers, one reporter each.
func (a *Agent) Reload(n int) {
	for range n {
		a.Restart()
	}
}

func (a *Agent) report() {
	a.status <- 0 // want `the goroutine running \(\*Agent\)\.report blocks for good on this send: its only receiver is the loop in \(\*Agent\)\.Run \(line \d+\), which returns at line \d+`
}

// A channel handed out receive-only, that nothing closes: no other
// package can close or send on a <-chan.
type Stopper struct {
	quiesce chan struct{}
}

func NewStopper() *Stopper { return &Stopper{quiesce: make(chan struct{})} }

func (s *Stopper) ShouldQuiesce() <-chan struct{} { return s.quiesce }

func (s *Stopper) Wait() {
	<-s.quiesce // want `\(\*Stopper\)\.Wait blocks for good on this receive: nothing in this package sends on or closes s\.quiesce, and no other package can reach it; close s\.quiesce \(or send on it\) where the wait should end`
}

// A worker whose only way out is a channel only Stop closes, and nothing
// calls Stop.
type worker struct {
	in   chan int
	done chan struct{}
}

func (w worker) start() {
	go func() { // want `the goroutine started at line \d+ never ends: its only way out of the loop at line \d+ is the case <-w\.done \(line \d+\), and only worker\.stop closes w\.done \(line \d+\), and nothing calls it`
		for {
			select {
			case v := <-w.in:
				_ = v
			case <-w.done:
				return
			}
		}
	}()
}

func (w worker) stop() { close(w.done) }

func UseWorker(items []int) {
	w := worker{in: make(chan int), done: make(chan struct{})}
	w.start()
	for _, it := range items {
		w.in <- it
	}
}

// A wait whose only close is the waiting function's own deferred close.
func WaitOwn(register func(<-chan struct{})) {
	stopped := make(chan struct{})
	defer close(stopped)
	register(stopped)
	<-stopped // want `WaitOwn blocks for good on this receive: the only close of stopped is the deferred close at line \d+ in the same function, which runs only once that function returns`
}

// A nil channel: a field nothing ever assigns.
type Conn struct {
	closed chan struct{}
}

func (c *Conn) WaitClosed() {
	<-c.closed // want `\(\*Conn\)\.WaitClosed blocks for good on this receive: nothing in this package ever assigns a channel to c\.closed, so it is nil, and a receive from a nil channel blocks forever; make the channel where its owner is created \(runtime/chan\.go:\d+`
}

// A receive from a channel made right there.
func Forever() {
	<-make(chan struct{}) // want `Forever blocks for good on this receive: the channel is made right here, so nothing else can ever send on or close it`
}

// A send before the goroutine that receives is started.
type Compactor struct{ ch chan struct{} }

func (c *Compactor) Start(stop chan struct{}) {
	c.ch <- struct{}{} // want `\(\*Compactor\)\.Start blocks for good on this send: it is send number 2 on c\.ch since it was made at line \d+, and its buffer holds 1, while nothing can receive from it yet`
	go func() {
		for {
			select {
			case <-c.ch:
			case <-stop:
				return
			}
		}
	}()
}

func RunCompactor(stop chan struct{}) {
	c := &Compactor{ch: make(chan struct{}, 1)}
	c.ch <- struct{}{}
	c.Start(stop)
}

// A range over a channel of the package that nothing closes, started per
// value.
type Feed struct{ events chan string }

func NewFeed() *Feed {
	f := &Feed{events: make(chan string)}
	go f.consume() // want `the goroutine running \(\*Feed\)\.consume never ends: its range over f\.events \(line \d+\) stops only when f\.events is closed, and nothing in this package closes it`
	return f
}

func (f *Feed) consume() {
	for e := range f.events {
		_ = e
	}
}

func (f *Feed) Publish(e string) { f.events <- e }

// A send nothing receives.
func Lost(f func() int) {
	res := make(chan int)
	go func() {
		res <- f() // want `the goroutine started at line \d+ blocks for good on this send: nothing in this package receives from res, and no other package can reach it, so this send blocks`
	}()
}

// A ticker loop started for every event: goroutines pile up.
func Tickers(events chan int, f func()) {
	for range events {
		go func() { // want `the goroutine started at line \d+ never ends: its range over time\.Tick\(time\.Second\) \(line \d+\) never stops: the runtime never closes a timer or ticker channel`
			for range time.Tick(time.Second) {
				f()
			}
		}()
	}
}

// A drain after the timer's value was already taken by another case:
// Stop returns false and the channel stays empty (istio#18454).
func Debounce(reset chan struct{}, quit chan struct{}) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
		case <-reset:
			if !t.Stop() {
				<-t.C // want `Debounce blocks for good on this receive: when the case at line \d+ has already received the timer's value and nothing has reset it since, Stop returns false and t\.C stays empty; drop the drain`
			}
			t.Reset(time.Second)
		case <-quit:
			return
		}
	}
}

// A goroutine waits on a context nothing cancels: its cancel function is
// called only by rollback, which nothing calls, and its parent is
// Background (cockroach#13197).
type txn struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func beginTxn() *txn {
	ctx, cancel := context.WithCancel(context.Background())
	t := &txn{ctx: ctx, cancel: cancel}
	go t.awaitDone()
	return t
}

func (t *txn) awaitDone() {
	<-t.ctx.Done() // want `the goroutine running \(\*txn\)\.awaitDone blocks for good on this receive: nothing that runs cancels t\.ctx, and its parent is never done`
}

func (t *txn) rollback() { t.cancel() }

func RunTxn() { beginTxn() }
