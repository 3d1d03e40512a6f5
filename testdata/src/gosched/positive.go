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
		runtime.Gosched() // want `busy-wait`
	}
}

func spinReturn(n *atomic.Int32) int32 {
	for {
		if v := n.Load(); v > 0 {
			return v
		}
		rt.Gosched() // want `runtime\.Gosched is only a hint`
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
