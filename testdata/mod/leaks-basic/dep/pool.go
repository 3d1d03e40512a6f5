// Package leaksdep stands for a dependency of the leaks test program: a
// pool whose Get blocks until something is put back, which nothing does.
package leaksdep

// A Pool hands out tokens.
type Pool struct{ tokens chan struct{} }

// NewPool returns an empty pool.
func NewPool() *Pool { return &Pool{tokens: make(chan struct{})} }

// Get takes a token, waiting for one.
func (p *Pool) Get() { <-p.tokens } // DEP:get

// Put returns a token.
func (p *Pool) Put() { p.tokens <- struct{}{} }
