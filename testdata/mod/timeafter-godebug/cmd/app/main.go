// go.mod says godebug asynctimerchan=1.
package main

import "time"

func main() {
	events := make(chan int)
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates a new timer on every iteration, and with godebug asynctimerchan=1 in go\.mod each one stays alive in the runtime until it fires`
			return
		}
	}
}
