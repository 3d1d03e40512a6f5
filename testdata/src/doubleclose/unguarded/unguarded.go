// Package unguarded is checked with -doubleclose.unguarded.
package unguarded

import "sync"

type Worker struct {
	done chan struct{}
	once sync.Once
}

func (w *Worker) Stop() {
	close(w.done) // want `\(\*Worker\)\.Stop closes w\.done with no guard: a second call panics with "close of closed channel"; guard the close with a sync\.Once, or document that it must be called once \(runtime/chan\.go:\d+, go1\.\d+(\.\d+)?\)`
}

type Server struct {
	quit chan struct{}
	mu   sync.Mutex
}

// Shutdown closes quit under the lock, which does not stop a second call.
func (s *Server) Shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.quit) // want `\(\*Server\)\.Shutdown closes s\.quit with no guard`
}

type Guarded struct {
	done chan struct{}
	once sync.Once
}

func (g *Guarded) Stop() {
	g.once.Do(func() { close(g.done) }) // fine: the Once
}

type Documented struct{ done chan struct{} }

// Close releases the resources. Not idempotent.
func (d *Documented) Close() {
	close(d.done) // fine: the contract is documented
}

// Stop must be called only once.
func (d *Documented) Stop() {}

type internal struct{ done chan struct{} }

func (i *internal) stop() { close(i.done) } // fine: unexported method

type Checked struct {
	mu     sync.Mutex
	closed bool
	done   chan struct{}
}

func (c *Checked) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	close(c.done) // fine: the flag
}

type Conn struct{ done chan struct{} }

func (c *Conn) shutdown() { close(c.done) }

func (c *Conn) Close() error {
	c.shutdown() // want `\(\*Conn\)\.Close closes c\.done \(in \(\*Conn\)\.shutdown\) with no guard`
	return nil
}
