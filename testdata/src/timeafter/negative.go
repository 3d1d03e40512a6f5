package timeafter

import (
	"context"
	"time"
)

// Outside a loop a timer is made once.
func once(events <-chan int) {
	select {
	case <-events:
	case <-time.After(time.Second):
	}
}

// A range expression is evaluated once, before the loop.
func rangeTick(stop <-chan struct{}) {
	for range time.Tick(time.Second) {
		select {
		case <-stop:
			return
		default:
		}
	}
}

// An overall deadline made before the loop is the right idiom.
func deadline(events <-chan int) {
	timeout := time.After(time.Minute)
	for {
		select {
		case <-events:
		case <-timeout:
			return
		}
	}
}

// Every case leaves the loop: the select runs once per call
// (go-critic and semgrep-go report this shape).
func allLeave(ctx context.Context, events <-chan int) int {
	for {
		select {
		case <-ctx.Done():
			return 0
		case ev := <-events:
			return ev
		case <-time.After(time.Second):
			return -1
		}
	}
}

// The body leaves after the select, whichever case ran.
func leavesAfter(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second):
		}
		break
	}
}

// A labeled break out of the loop from every case.
func labeledBreak(events <-chan int) {
Loop:
	for {
		select {
		case <-events:
			break Loop
		case <-time.After(time.Second):
			panic("timeout")
		}
	}
}

// A continue before the select does not bring control back after it.
func continueBefore(events <-chan int, skip func() bool) {
	for {
		if skip() {
			continue
		}
		select {
		case <-events:
			return
		case <-time.After(time.Second):
			return
		}
	}
}

// A per-attempt deadline used by an inner loop is made once per attempt
// on purpose.
func perAttempt(attempts int, events <-chan int) {
	for i := 0; i < attempts; i++ {
		timeout := time.After(time.Second)
		for {
			select {
			case <-events:
				continue
			case <-timeout:
			}
			break
		}
	}
}

// A channel passed on is not judged here.
func passedOn(wait func(<-chan time.Time)) {
	for i := 0; i < 3; i++ {
		wait(time.After(time.Second))
	}
}

// Each goroutine waits once: the call is in a func literal, not the loop.
func goroutines(n int) {
	for i := 0; i < n; i++ {
		go func() {
			<-time.After(time.Second)
		}()
	}
}

// A reused timer is the fix.
func reused(events <-chan int) {
	timer := time.NewTimer(time.Second)
	for {
		timer.Reset(time.Second)
		select {
		case <-events:
		case <-timer.C:
			return
		}
	}
}

// Same-named functions and methods of other packages are not time.After.
type clock struct{}

func (clock) After(d time.Duration) <-chan time.Time { return nil }

func After(d time.Duration) <-chan time.Time { return nil }

func lookalikes(events <-chan int) {
	var c clock
	for {
		select {
		case <-events:
		case <-c.After(time.Second):
		case <-After(time.Second):
		}
	}
}

// A local variable named time shadows the package.
func shadowed(events <-chan int) {
	time := clock{}
	for {
		select {
		case <-events:
		case <-time.After(1):
		}
	}
}

// Suppressed with a reason.
func suppressed(events <-chan int) {
	for {
		select {
		case <-events:
		//rtlint:ignore timeafter the restart is the idle timeout we want
		case <-time.After(time.Second):
		}
	}
}

// An interruptible sleep: every other case leaves the loop, so each timer
// fires before the next one is made (semgrep-go#60).
func interruptibleSleep(ctx context.Context, poll func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
			poll()
		}
	}
}

// The same as a backoff wait in a retry loop.
func backoff(stop <-chan struct{}, try func() error) {
	delay := time.Millisecond
	for {
		if err := try(); err == nil {
			return
		}
		select {
		case <-stop:
			return
		case <-time.After(delay):
			delay *= 2
			continue
		}
	}
}
