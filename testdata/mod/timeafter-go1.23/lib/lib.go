// A library on go 1.23: every main module using it is on 1.23 or later.
package lib

import "time"

func Wait(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while case <-events \(line \d+\) keeps winning within the duration, this case \(line \d+\) never runs; a main module that sets godebug asynctimerchan=1 also keeps each timer alive until it fires: create one time\.NewTimer before the loop and Reset it each iteration`
			println("idle")
		}
	}
}
