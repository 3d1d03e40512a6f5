// A main package of a go 1.21 module runs with pre-1.23 timers.
package main

import "time"

func main() {
	events := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			events <- i
		}
		close(events)
	}()
	for {
		select {
		case _, ok := <-events:
			if !ok {
				return
			}
		case <-time.After(time.Minute): // want `time\.After in a loop allocates a new timer on every iteration, and with go\.mod go 1\.21 each one stays alive in the runtime until it fires, so they pile up for as long as the duration: create one time\.NewTimer before the loop and Stop, drain and Reset it each iteration \(time/sleep\.go:\d+, internal/godebugs/table\.go:\d+, time/sleep\.go:\d+, go1\.\d+(\.\d+)?\)`
			return
		case <-time.Tick(time.Hour): // want `time\.Tick in a loop starts a new ticker on every iteration, and with go\.mod go 1\.21 tickers are never collected: each one keeps running for the life of the process; its first tick also comes a full period later, so it acts as a timeout that restarts each time, not as a periodic tick: for a periodic tick create one time\.NewTicker before the loop \(time/tick\.go:\d+, internal/godebugs/table\.go:\d+, go1\.\d+(\.\d+)?\)`
		}
	}
}

func poll(ready func() bool) {
	for !ready() {
		<-time.Tick(time.Millisecond) // want `<-time\.Tick in a loop starts a new ticker on every iteration only to wait for its first tick, and with go\.mod go 1\.21 tickers are never collected: each one keeps running for the life of the process; use time\.Sleep`
	}
}
