package main

import "time"

func main() {
	events := make(chan int)
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop allocates a new timer and channel on every iteration, and the timeout restarts each time, so it never fires while another case keeps winning \(with go\.mod go 1\.26 unreferenced timers are collected, but each is still allocated\)`
			return
		}
	}
}
