// A library on a go line before 1.23: a main module as old keeps each
// timer alive, and Reset needs a drain there, so no fix is offered.
package lib

import "time"

func Wait(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while case <-events \(line \d+\) keeps winning within the duration, this case \(line \d+\) never runs; a main module on a go line before 1\.23 \(or with asynctimerchan=1\) also keeps each timer alive until it fires: create one time\.NewTimer before the loop and Stop, drain and Reset it each iteration \(time/sleep\.go:\d+, cmd/go/internal/load/godebug\.go:\d+, time/sleep\.go:\d+, go1\.\d+(\.\d+)?\)`
			println("idle")
		}
	}
}
