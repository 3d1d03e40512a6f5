// The module's own programs run with old timers: no fix.
package lib

import "time"

func Wait(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates a new timer and channel on every iteration, and the timeout restarts each time, so it never fires while another case keeps winning; this module's go\.mod sets asynctimerchan=1, so its programs also keep each timer alive until it fires: create one time\.NewTimer before the loop and Stop, drain and Reset it each iteration`
			return
		}
	}
}
