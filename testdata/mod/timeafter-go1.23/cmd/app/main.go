// A main package of a go 1.23 module runs with collectable timers.
package main

import "time"

func main() {
	events := make(chan int)
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while case <-events \(line \d+\) keeps winning within the duration, this case \(line \d+\) never runs \(with go\.mod go 1\.23 unreferenced timers are collected, but each is still allocated\): create one time\.NewTimer before the loop and Reset it each iteration \(time/sleep\.go:\d+, time/sleep\.go:\d+, go1\.\d+(\.\d+)?\)`
			println("idle")
		case <-time.Tick(time.Hour): // want `time\.Tick in a loop starts a new ticker on every iteration whose first tick comes a full period later, so it acts as a timeout that restarts each time, not as a periodic tick \(with go\.mod go 1\.23 unreferenced tickers are collected, but each is still allocated\): for a periodic tick create one time\.NewTicker before the loop \(time/tick\.go:\d+, go1\.\d+(\.\d+)?\)`
		}
	}
}
