// Package pool is a small worker pool with the runtime mistakes rtlint
// exists to catch. Run rtlint on this module to see them reported, each with
// the Go source line that proves it.
package pool

import "runtime"

// A Pool runs jobs on a fixed set of workers.
type Pool struct {
	jobs chan func()
	up   bool
}

func init() {
	// A library deciding the process's parallelism (gomaxprocs).
	runtime.GOMAXPROCS(runtime.NumCPU())
}

// New returns a pool with n workers.
func New(n int) *Pool {
	p := &Pool{jobs: make(chan func())}
	for i := 0; i < n; i++ {
		go p.worker()
	}
	return p
}

func (p *Pool) worker() {
	// Pinned for a C library that keeps per-thread state, but never
	// unlocked (lockthread).
	runtime.LockOSThread()
	p.up = true
	for job := range p.jobs {
		job()
	}
}

// WaitStarted spins until a worker is up, reading the flag without
// synchronisation (gosched).
func (p *Pool) WaitStarted() {
	for !p.up {
		runtime.Gosched()
	}
}

// Run submits a job and then blocks forever: callers can never stop it
// (emptyselect).
func (p *Pool) Run(job func()) {
	p.jobs <- job
	select {}
}
