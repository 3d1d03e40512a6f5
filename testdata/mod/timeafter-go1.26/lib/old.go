//go:build go1.22

// The file's Go version is 1.22: no fix, as the issue asks for the fix
// only in files whose version is 1.23 or later.
package lib

import "time"

func Wait(events <-chan int) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer on every iteration`
			println("idle")
		}
	}
}
