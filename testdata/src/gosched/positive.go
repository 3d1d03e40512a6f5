package gosched

import (
	"runtime"
	rt "runtime"
	"sync/atomic"
)

func yield() {
	runtime.Gosched() // want `runtime\.Gosched is only a hint: the goroutine stays runnable on the global run queue and may run again at once, so it orders nothing, and since Go 1\.14 preemption is asynchronous; synchronise with a channel, mutex or WaitGroup instead \(runtime/proc\.go:\d+, runtime/preempt\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// A renamed import is the same function.
func renamed() {
	rt.Gosched() // want `runtime\.Gosched is only a hint`
}

var ready bool

// Spinning on a condition gets the sharper message.
func spinCond() {
	for !ready {
		runtime.Gosched() // want `busy-wait: this loop spins on its condition and yields with runtime\.Gosched`
	}
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

var items []int

func spinLen() {
	for len(items) == 0 {
		runtime.Gosched() // want `busy-wait: this loop spins on its condition`
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

// A captured variable written by another goroutine is a racy spin.
func capturedSpin() {
	done := false
	go func() { done = true }()
	for !done {
		runtime.Gosched() // want `busy-wait: this loop spins on its condition`
	}
}
