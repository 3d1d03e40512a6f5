package timeafter

import (
	"time"
	tm "time"
)

func handle(int) {}

// The common shape: the timeout restarts on every event.
func idle(events <-chan int) {
	for {
		select {
		case ev := <-events:
			handle(ev)
		case <-time.After(5 * time.Second): // want `time\.After in a loop allocates a new timer and channel on every iteration, and the timeout restarts each time, so it never fires while another case keeps winning; a main module that sets godebug asynctimerchan=1 also keeps each timer alive until it fires: create one time\.NewTimer before the loop and Reset it each iteration \(time/sleep\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, go1\.\d+(\.\d+)?\)`
			return
		}
	}
}

// A renamed import, a range loop and a duration parameter.
func renamed(events <-chan int, d tm.Duration) {
	for ev := range events {
		handle(ev)
		select {
		case <-events:
		case <-tm.After(d): // want `time\.After in a loop allocates a new timer`
		}
	}
}

// The received value is kept.
func keepsValue(events <-chan int, d time.Duration) time.Time {
	var last time.Time
	for i := 0; i < 10; i++ {
		select {
		case <-events:
		case t := <-time.After(d): // want `time\.After in a loop allocates`
			last = t
		}
	}
	return last
}

// In a goroutine, with a label on the loop: the timer goes before the label.
func labeled(events <-chan int, done chan struct{}) {
	go func() {
	Loop:
		for {
			select {
			case <-done:
				break Loop
			case ev := <-events:
				handle(ev)
			case <-time.After(time.Minute): // want `time\.After in a loop allocates`
			}
		}
	}()
}

type config struct{ timeout time.Duration }

// A field of a struct value can be read before the loop.
func fieldOfValue(events <-chan int, c config) {
	for {
		select {
		case <-events:
		case <-time.After(c.timeout * 2): // want `time\.After in a loop allocates`
			return
		}
	}
}

// The name timer is taken, so the fix uses another.
func nameTaken(events <-chan int, timer int) {
	for {
		select {
		case <-events:
			handle(timer)
		case <-time.After(time.Second): // want `time\.After in a loop allocates`
		}
	}
}

// Two loops in one function get distinct timers.
func twoLoops(a, b <-chan int) {
	for {
		select {
		case <-a:
		case <-time.After(time.Second): // want `time\.After in a loop allocates`
		}
	}
	for {
		select {
		case <-b:
		case <-time.After(2 * time.Second): // want `time\.After in a loop allocates`
		}
	}
}

// An inner loop that is always left after the select does not hide the
// outer loop that repeats it: the timer goes before the outer loop.
func innerOnce(items []int, out chan<- int) {
	for _, it := range items {
		for {
			select {
			case out <- it:
			case <-time.After(time.Second): // want `time\.After in a loop allocates`
			}
			break
		}
	}
}

// Only one case leaves the loop.
func oneCaseLeaves(events <-chan int) {
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return
			}
		case <-time.After(time.Second): // want `time\.After in a loop allocates`
			return
		}
	}
}

// No fix: the duration is read through a pointer, which may be nil before
// the loop runs.
func throughPointer(events <-chan int, c *config) {
	for {
		select {
		case <-events:
		case <-time.After(c.timeout): // want `time\.After in a loop allocates`
		}
	}
}

// No fix: the duration is declared in the loop.
func declaredInLoop(events <-chan int) {
	for i := 1; ; i++ {
		d := time.Duration(i) * time.Millisecond
		select {
		case <-events:
		case <-time.After(d): // want `time\.After in a loop allocates`
		}
	}
}

// No fix: the duration calls a function.
func calls(events <-chan int, next func() time.Duration) {
	for {
		select {
		case <-events:
		case <-time.After(next()): // want `time\.After in a loop allocates`
		}
	}
}

// No fix: two timers in one select.
func twoTimers(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates`
		case <-time.After(time.Minute): // want `time\.After in a loop allocates`
			return
		}
	}
}

// No fix: a goto in the function.
func withGoto(events <-chan int) {
	n := 0
again:
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates`
			n++
			if n < 3 {
				goto again
			}
			return
		}
	}
}

// The channel is made in the loop and only selected on in that iteration.
func assignedInLoop(events <-chan int) {
	for {
		timeout := time.After(time.Second) // want `time\.After in a loop allocates`
		select {
		case <-events:
		case <-timeout:
		}
	}
}

// time.Tick in a select restarts like a timeout; no fix.
func tick(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.Tick(time.Second): // want `time\.Tick in a loop starts a new ticker on every iteration whose first tick comes a full period later, so it acts as a timeout that restarts each time and never ticks while another case keeps winning; a main module that sets godebug asynctimerchan=1 also keeps every such ticker running forever: for a periodic tick create one time\.NewTicker before the loop \(time/tick\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, go1\.\d+(\.\d+)?\)`
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
		<-tm.Tick(10 * tm.Millisecond) // want `<-time\.Tick in a loop starts a new ticker on every iteration only to wait for its first tick`
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

// A default case comes straight back to the select: a timer per spin.
func spin(events <-chan int) {
	for {
		select {
		case <-events:
			return
		case <-time.After(time.Second): // want `time\.After in a loop allocates`
			return
		default:
		}
	}
}
