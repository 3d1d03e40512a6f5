package golifecycle

import (
	"context"
	"time"
)

// Fine: Do also waits on the channel the run loop closes when it returns.
type Server struct {
	reqs chan chan int
	stop chan struct{}
	done chan struct{}
}

func NewServer() *Server {
	s := &Server{reqs: make(chan chan int), stop: make(chan struct{}), done: make(chan struct{})}
	go s.run()
	return s
}

func (s *Server) run() {
	defer close(s.done)
	for {
		select {
		case c := <-s.reqs:
			c <- 1
		case <-s.stop:
			return
		}
	}
}

func (s *Server) Stop() { close(s.stop) }

func (s *Server) Do() (int, bool) {
	c := make(chan int, 1)
	select {
	case s.reqs <- c:
		return <-c, true
	case <-s.done:
		return 0, false
	}
}

// Fine: Close closes the channel the accessor hands out.
type Quiescer struct {
	quiesce chan struct{}
}

func NewQuiescer() *Quiescer { return &Quiescer{quiesce: make(chan struct{})} }

func (q *Quiescer) ShouldQuiesce() <-chan struct{} { return q.quiesce }

func (q *Quiescer) Close() { close(q.quiesce) }

func (q *Quiescer) Wait() { <-q.quiesce }

// Fine: an exported channel field: other packages may close it.
type Signal struct {
	C chan struct{}
}

func (s *Signal) Wait() { <-s.C }

// Fine: the owner stops the worker when it is done with it.
type pump struct {
	in   chan int
	done chan struct{}
}

func (p pump) start() {
	go func() {
		for {
			select {
			case v := <-p.in:
				_ = v
			case <-p.done:
				return
			}
		}
	}()
}

func (p pump) stop() { close(p.done) }

func UsePump(items []int) {
	p := pump{in: make(chan int), done: make(chan struct{})}
	p.start()
	defer p.stop()
	for _, it := range items {
		p.in <- it
	}
}

// Fine: the receiver is started before the buffer is full.
type Flusher struct{ ch chan struct{} }

func (f *Flusher) Start(stop chan struct{}) {
	go func() {
		for {
			select {
			case <-f.ch:
			case <-stop:
				return
			}
		}
	}()
	f.ch <- struct{}{}
}

func RunFlusher(stop chan struct{}) {
	f := &Flusher{ch: make(chan struct{}, 1)}
	f.ch <- struct{}{}
	f.Start(stop)
}

// Fine: Close closes the channel the consumer ranges over.
type Stream struct{ events chan string }

func NewStream() *Stream {
	s := &Stream{events: make(chan string)}
	go s.consume()
	return s
}

func (s *Stream) consume() {
	for e := range s.events {
		_ = e
	}
}

func (s *Stream) Publish(e string) { s.events <- e }

func (s *Stream) Close() { close(s.events) }

// Fine: a request carries its own buffered reply channel, which its
// handler sends on once.
type request struct{ resp chan int }

type Handler struct{ queue chan *request }

func NewHandler() *Handler {
	h := &Handler{queue: make(chan *request)}
	go h.loop()
	return h
}

func (h *Handler) loop() {
	for r := range h.queue {
		h.handle(r)
	}
}

func (h *Handler) handle(r *request) { r.resp <- 1 }

func (h *Handler) Close() { close(h.queue) }

func (h *Handler) Ask(stop chan struct{}) int {
	r := &request{resp: make(chan int, 1)}
	h.queue <- r
	select {
	case v := <-r.resp:
		return v
	case <-stop:
		return 0
	}
}

// Fine: the wait is on a channel another goroutine closes.
func WaitOther() {
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		_, _ = work()
	}()
	<-stopped
}

// Fine by default: a method that blocks only if called after the run loop
// has returned is a contract to keep or document (a review-tier
// observation, shown in review mode).
type Engine struct {
	reqs chan int
	stop chan struct{}
}

func NewEngine() *Engine {
	e := &Engine{reqs: make(chan int), stop: make(chan struct{})}
	go e.run()
	return e
}

func (e *Engine) run() {
	for {
		select {
		case <-e.reqs:
		case <-e.stop:
			return
		}
	}
}

func (e *Engine) Stop() { close(e.stop) }

func (e *Engine) Do(v int) { e.reqs <- v }

// Fine: a receive behind a length check does not wait (a drain).
type Pipe struct {
	pending chan int
	stop    chan struct{}
}

func NewPipe() *Pipe {
	p := &Pipe{pending: make(chan int, 8), stop: make(chan struct{})}
	go p.serve()
	return p
}

func (p *Pipe) serve() {
	for {
		select {
		case p.pending <- 1:
		case <-p.stop:
			return
		}
	}
}

func (p *Pipe) Close() {
	close(p.stop)
	for len(p.pending) > 0 {
		<-p.pending
	}
}

// Fine: a send behind a nil check, on a channel only tests assign.
type hooks struct{ sync chan string }

type Store struct{ hooks }

func (s *Store) note(msg string) {
	if s.sync != nil {
		s.sync <- msg
	}
}

func (s *Store) Put(k string) { s.note(k) }

// Fine: each request has its own buffered reply channel; the loop sends
// on many of them, once each.
type commit struct{ errc chan error }

type Committer struct{ commits chan commit }

func NewCommitter() *Committer {
	c := &Committer{commits: make(chan commit)}
	go c.loop()
	return c
}

func (c *Committer) loop() {
	var pending []chan error
	for req := range c.commits {
		pending = append(pending, req.errc)
		for _, errc := range pending {
			errc <- nil
		}
		pending = pending[:0]
	}
}

func (c *Committer) Close() { close(c.commits) }

func (c *Committer) Commit(stop chan struct{}) error {
	req := commit{errc: make(chan error, 1)}
	c.commits <- req
	select {
	case err := <-req.errc:
		return err
	case <-stop:
		return nil
	}
}

// Fine: the stop request fits the buffer of one, whatever the loop did.
type Monitor struct{ stopCh chan struct{} }

func NewMonitor(quit chan struct{}) *Monitor {
	m := &Monitor{stopCh: make(chan struct{}, 1)}
	go m.run(quit)
	return m
}

func (m *Monitor) run(quit chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-m.stopCh:
			return
		case <-quit:
			return
		}
	}
}

func (m *Monitor) Stop() { m.stopCh <- struct{}{} }

// Fine: the drain does not block when the timer's value was taken.
func Throttle(reset chan struct{}, quit chan struct{}) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
		case <-reset:
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(time.Second)
		case <-quit:
			return
		}
	}
}

// Fine: Rollback is exported; callers elsewhere cancel the context.
type Txn struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func BeginTxn() *Txn {
	ctx, cancel := context.WithCancel(context.Background())
	t := &Txn{ctx: ctx, cancel: cancel}
	go t.awaitDone()
	return t
}

func (t *Txn) awaitDone() { <-t.ctx.Done() }

func (t *Txn) Rollback() { t.cancel() }
