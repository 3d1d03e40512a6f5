//go:debug asynctimerchan=0

// The package's directive overrides go.mod.
package main

import "time"

func main() {
	events := make(chan int)
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while case <-events \(line \d+\) keeps winning within the duration, this case \(line \d+\) never runs \(with //go:debug asynctimerchan=0 unreferenced timers are collected, but each is still allocated\): create one time\.NewTimer before the loop and Reset it each iteration`
			println("idle")
		}
	}
}
