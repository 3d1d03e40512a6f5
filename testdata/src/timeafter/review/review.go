// Package review holds the timers made in loops that timeafter reports
// only in review mode: the restart is what the code wants, and only the
// allocations are at stake.
package review

import (
	"context"
	"time"
)

func handle(int) {}

// An idle timeout: the restart on every event is the point.
func idle(events <-chan int) {
	for {
		select {
		case ev := <-events:
			handle(ev)
		case <-time.After(5 * time.Second): // want `time\.After in a loop allocates a new timer and channel on every iteration and restarts the timeout each time, which is what an idle timeout that ends the loop wants; a main module that sets godebug asynctimerchan=1 also keeps each timer alive until it fires: one time\.NewTimer made before the loop and Reset each iteration saves the allocations \(time/sleep\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, go1\.\d+(\.\d+)?\)`
			return
		}
	}
}

// A per-item timeout: each message gets its own deadline, and every case
// leaves the select.
func forward(in []int, out chan<- int) (dropped int) {
	for _, m := range in {
		select {
		case out <- m:
		case <-time.After(time.Second): // want `which is what a timeout for this iteration's own work wants`
			dropped++
		}
	}
	return dropped
}

// A per-item timeout in a nested select.
func relay(ctx context.Context, in <-chan int, out chan<- int) {
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-in:
			select {
			case out <- m:
			case <-time.After(time.Second): // want `which is what a timeout for this iteration's own work wants`
				handle(m)
			}
		}
	}
}

// The rival case falls through to the loop head's ctx check: it can win
// only once.
func pollUntilDone(ctx context.Context, poll func()) {
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second): // want `which is what a wait that only cancellation interrupts wants`
			poll()
		}
	}
}

// Work around the select makes the timeout one for that work.
func stepWise(events <-chan int, step func()) {
	for {
		step()
		select {
		case <-events:
		case <-time.After(time.Second): // want `which is what a timeout for this iteration's own work wants`
			handle(0)
		}
	}
}

// The timeout case does nothing: the timer only bounds the wait.
func bounded(events <-chan int, check func()) {
	for {
		select {
		case ev := <-events:
			handle(ev)
		case <-time.After(time.Second): // want `which is what a timeout that only bounds the wait wants`
		}
		check()
	}
}

// A deadline per attempt, received by the attempt's select.
func attempts(events <-chan int) {
	for {
		timeout := time.After(time.Second) // want `which is what a timeout for this iteration's own work wants`
		select {
		case <-events:
		case <-timeout:
			handle(0)
		}
	}
}

// Waiting with <-time.After in a loop.
func poll(ready func() bool, d time.Duration) {
	for !ready() {
		<-time.After(d) // want `<-time\.After in a loop allocates a new timer and channel on every iteration only to wait; time\.Sleep waits as long on the goroutine's one reusable timer \(time/sleep\.go:\d+, runtime/time\.go:\d+, go1\.\d+(\.\d+)?\)`
	}
}

func pollTick(ready func() bool) {
	for !ready() {
		<-time.Tick(10 * time.Millisecond) // want `<-time\.Tick in a loop starts a new ticker on every iteration only to wait for its first tick`
	}
}

// No fix: the value is used.
func pollValue(ready func(time.Time) bool, d time.Duration) {
	for {
		if ready(<-time.After(d)) { // want `<-time\.After in a loop allocates`
			return
		}
	}
}

// Another tool's suppression of the same concern demotes a finding.
func dismissed(events <-chan int) {
	for {
		select {
		case ev := <-events:
			handle(ev)
		case <-time.Tick(time.Second): //nolint:staticcheck // SA1015: a fresh tick per wait is intended // want `time\.Tick in a loop starts a new ticker`
		}
	}
}

// A fallback poll: the rival case does the timeout's work too, so nothing
// starves while it keeps winning.
func fallbackPoll(notify <-chan struct{}, process func()) {
	for {
		select {
		case <-notify:
			process()
		case <-time.After(time.Minute): // want `which is what a timeout that only bounds the wait wants`
			process()
		}
	}
}

// The timeout gives up by setting what the loop's condition reads: the
// loop ends, nothing starves.
func confirmations(ch <-chan struct{}, want int) {
	for received := 0; received < want; {
		select {
		case <-ch:
			received++
		case <-time.After(2 * time.Second): // want `which is what an idle timeout that ends the loop wants`
			received = want
		}
	}
}
