// go.mod says godebug default=go1.22, which selects pre-1.23 timers.
package main

import "time"

func main() {
	events := make(chan int)
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates a new timer on every iteration, and with godebug default=go1\.22 in go\.mod each one stays alive in the runtime until it fires.* \(time/sleep\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, time/sleep\.go:\d+, go1\.\d+(\.\d+)?\)`
			return
		}
	}
}
