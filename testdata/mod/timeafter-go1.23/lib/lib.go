// A library on go 1.23: every main module using it is on 1.23 or later.
package lib

import "time"

func Wait(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates a new timer and channel on every iteration, and the timeout restarts each time, so it never fires while another case keeps winning; a main module that sets godebug asynctimerchan=1 also keeps each timer alive until it fires: create one time\.NewTimer before the loop and Reset it each iteration`
			return
		}
	}
}
