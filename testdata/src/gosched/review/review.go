// Package review holds the runtime.Gosched calls that gosched reports only
// in review mode: hints, spins on atomics, and racy spins in test support
// code or under a test switch.
package review

import (
	"runtime"
	rt "runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func yield() {
	runtime.Gosched() // want `runtime\.Gosched is only a hint: the goroutine stays runnable on the global run queue and may run again at once, so it orders nothing, and since Go 1\.14 preemption is asynchronous; synchronise with a channel, mutex or WaitGroup instead \(runtime/proc\.go:\d+, runtime/preempt\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// A renamed import is the same function.
func renamed() {
	rt.Gosched() // want `runtime\.Gosched is only a hint`
}

func spinBreak(flag *atomic.Bool) {
	for {
		if flag.Load() {
			break
		}
		runtime.Gosched() // want `busy-wait: this loop spins until another goroutine changes an atomic value`
	}
}

func spinReturn(n *atomic.Int32) int32 {
	for {
		if v := n.Load(); v > 0 {
			return v
		}
		rt.Gosched() // want `busy-wait: this loop spins until another goroutine changes an atomic value`
	}
}

var seq atomic.Uint64

func spinAssign(want uint64) {
	for {
		got := seq.Load()
		if got == want {
			break
		}
		runtime.Gosched() // want `busy-wait: this loop spins until another goroutine changes an atomic value`
	}
}

var counter int32

func spinAtomicFunc() {
	for atomic.LoadInt32(&counter) == 0 {
		runtime.Gosched() // want `busy-wait: this loop spins until another goroutine changes an atomic value`
	}
}

// A loop whose condition does work (here: evicts a batch under a lock) is
// not a spin, but the yield is still only a hint.
func evictAll(evictSome func() bool) {
	for evictSome() {
		runtime.Gosched() // want `runtime\.Gosched is only a hint`
	}
}

// A loop that does work between yields is not a spin, but still a hint.
func yieldingWorker(work func() bool) {
	for work() {
		process()
		runtime.Gosched() // want `runtime\.Gosched is only a hint`
	}
}

func process() {}

func inGoroutine() {
	go func() {
		runtime.Gosched() // want `runtime\.Gosched is only a hint`
	}()
}

// A counted loop of yields is a backoff, not a wait on another goroutine:
// only the general hint.
func backoff(n int) {
	for i := 0; i < n; i++ {
		runtime.Gosched() // want `runtime\.Gosched is only a hint`
	}
}

// A loop on this goroutine's own variable is not a wait on another.
func ownState(step func(int) int) {
	x := 10
	for x > 0 {
		x = step(x)
		runtime.Gosched() // want `runtime\.Gosched is only a hint`
	}
}

// A fairness yield between Unlock and Lock.
type queue struct {
	mu sync.Mutex
	n  int
}

func (q *queue) drain() {
	q.mu.Lock()
	for q.n > 0 {
		q.n--
		q.mu.Unlock()
		runtime.Gosched() // want `runtime\.Gosched is only a hint`
		q.mu.Lock()
	}
	q.mu.Unlock()
}

// A racy spin that only runs under a test switch.
type server struct {
	testing bool
	started bool
}

func (s *server) waitStarted() {
	if s.testing {
		for !s.started {
			runtime.Gosched() // want `busy-wait: this loop spins on its condition`
		}
	}
}

// A racy spin in a test helper declared outside a _test.go file.
func WaitFor(t testing.TB, flag *bool) {
	t.Helper()
	for !*flag {
		runtime.Gosched() // want `busy-wait: this loop spins on its condition`
	}
}
