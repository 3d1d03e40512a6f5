//go:debug asynctimerchan=1

// A //go:debug directive brings back pre-1.23 timers: no fix, as Reset
// would need a drain.
package main

import "time"

func main() {
	events := make(chan int)
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates a new timer on every iteration, and with //go:debug asynctimerchan=1 each one stays alive in the runtime until it fires, so they pile up for as long as the duration: create one time\.NewTimer before the loop and Stop, drain and Reset it each iteration \(time/sleep\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, time/sleep\.go:\d+, go1\.\d+(\.\d+)?\)`
			return
		}
	}
}
