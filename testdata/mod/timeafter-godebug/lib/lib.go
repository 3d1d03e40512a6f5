// The module's own programs run with old timers: no fix.
package lib

import "time"

func Wait(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while case <-events \(line \d+\) keeps winning within the duration, this case \(line \d+\) never runs; this module's go\.mod sets asynctimerchan=1, so its programs also keep each timer alive until it fires: create one time\.NewTimer before the loop and Stop, drain and Reset it each iteration`
			println("idle")
		}
	}
}
