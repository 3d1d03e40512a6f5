package gosched

import "runtime"

var ready bool

// Spinning on a condition read without synchronisation: a data race and a
// CPU burnt.
func spinCond() {
	for !ready {
		runtime.Gosched() // want `busy-wait: this loop spins on its condition and yields with runtime\.Gosched, burning a CPU until another goroutine changes it, and reading that state without synchronisation is a data race: block on a channel, sync\.Cond or sync\.WaitGroup instead \(runtime/proc\.go:\d+, runtime/preempt\.go:\d+, go1\.\d+(\.\d+)?\)`
	}
}

var items []int

func spinLen() {
	for len(items) == 0 {
		runtime.Gosched() // want `busy-wait: this loop spins on its condition`
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
