package golifecycle

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
