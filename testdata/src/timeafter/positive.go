package timeafter

import (
	"time"
	tm "time"
)

func handle(int) {}

func flush() {}

// The common shape: a periodic flush that starves while events keep
// arriving.
func starved(events <-chan int) {
	for {
		select {
		case ev := <-events:
			handle(ev)
		case <-time.After(5 * time.Second): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while case ev := <-events \(line 17\) keeps winning within the duration, this case \(line 19\) never runs; a main module that sets godebug asynctimerchan=1 also keeps each timer alive until it fires: create one time\.NewTimer before the loop and Reset it each iteration \(time/sleep\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, go1\.\d+(\.\d+)?\)`
			flush()
		}
	}
}

// A renamed import, a range loop and a duration parameter.
func renamed(events <-chan int, d tm.Duration) {
	for range events {
		select {
		case <-events:
		case <-tm.After(d): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while case <-events \(line 29\)`
			flush()
		}
	}
}

// The received value is kept.
func keepsValue(events <-chan int, d time.Duration) time.Time {
	var last time.Time
	for i := 0; i < 10; i++ {
		select {
		case <-events:
		case t := <-time.After(d): // want `time\.After in a loop starts a new timer`
			last = t
		}
	}
	return last
}

// In a goroutine, with a label on the loop: the timer goes before the
// label. The done case leaves the loop and does not starve anything.
func labeled(events <-chan int, done chan struct{}) {
	go func() {
	Loop:
		for {
			select {
			case <-done:
				break Loop
			case ev := <-events:
				handle(ev)
			case <-time.After(time.Minute): // want `while case ev := <-events \(line 58\) keeps winning`
				flush()
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
		case <-time.After(c.timeout * 2): // want `time\.After in a loop starts a new timer`
			flush()
		}
	}
}

// The name timer is taken, so the fix uses another.
func nameTaken(events <-chan int, timer int) {
	for {
		select {
		case <-events:
			handle(timer)
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer`
			flush()
		}
	}
}

// Two loops in one function get distinct timers.
func twoLoops(a, b <-chan int) {
	for {
		select {
		case <-a:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer`
			flush()
		}
	}
	for {
		select {
		case <-b:
		case <-time.After(2 * time.Second): // want `time\.After in a loop starts a new timer`
			flush()
		}
	}
}

// A ticker that fires more often than the timeout starves it too.
func tickerRival(t *time.Ticker) {
	for {
		select {
		case <-t.C:
			handle(1)
		case <-time.After(time.Minute): // want `while case <-t\.C \(line 114\) keeps winning`
			flush()
		}
	}
}

// No fix: the duration is read through a pointer, which may be nil before
// the loop runs.
func throughPointer(events <-chan int, c *config) {
	for {
		select {
		case <-events:
		case <-time.After(c.timeout): // want `time\.After in a loop starts a new timer`
			flush()
		}
	}
}

// No fix: the duration is declared in the loop.
func declaredInLoop(events <-chan int) {
	for i := 1; ; i++ {
		select {
		case <-events:
		case <-time.After(time.Duration(i) * time.Millisecond): // want `time\.After in a loop starts a new timer`
			flush()
		}
	}
}

// No fix: the duration calls a function.
func calls(events <-chan int, next func() time.Duration) {
	for {
		select {
		case <-events:
		case <-time.After(next()): // want `time\.After in a loop starts a new timer`
			flush()
		}
	}
}

// No fix: two timers in one select. The one that ends the loop is an idle
// timeout (review tier); the other starves.
func twoTimers(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer`
			flush()
		case <-time.After(time.Minute):
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
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer`
			n++
			if n < 3 {
				goto again
			}
		}
	}
}

// time.Tick in a select restarts like a timeout; no fix.
func tick(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.Tick(time.Second): // want `time\.Tick in a loop starts a new ticker on every iteration whose first tick comes a full period later, so it acts as a timeout that restarts each time, not as a periodic tick; a main module that sets godebug asynctimerchan=1 also keeps every such ticker running forever: for a periodic tick create one time\.NewTicker before the loop \(time/tick\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, go1\.\d+(\.\d+)?\)`
		}
	}
}

// A default case comes straight back to the select: the timer never fires.
func spin(events <-chan int) {
	for {
		select {
		case <-events:
			return
		case <-time.After(time.Second): // want `time\.After in a select with a default case: the select never waits, so the timer, new on every iteration, can never fire and its case never runs; wait on one time\.NewTimer made before the loop, or drop the default case \(time/sleep\.go:\d+, go1\.\d+(\.\d+)?\)`
			return
		default:
		}
	}
}
