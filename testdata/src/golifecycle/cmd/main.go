// Package main: goroutines started by main, init and the functions only
// they call live as long as the process, by design.
package main

import "time"

func init() {
	go tickForever() // fine: started by init (a review-tier observation)
}

func main() {
	go tickForever() // fine: started by main
	startMetrics()
	for range requests() {
		startWorker() // called for each request: each call leaks one more goroutine
	}
	register(startLater)
	<-make(chan struct{}) // fine: package main blocking for ever on purpose
}

func tickForever() {
	for range time.Tick(time.Second) {
	}
}

// startMetrics is called only by main, once.
func startMetrics() {
	go func() { // fine: runs once, for the life of the process
		for {
			time.Sleep(time.Second)
		}
	}()
}

func startWorker() {
	go tickForever() // want `the goroutine running tickForever never ends: its range over time\.Tick\(time\.Second\) \(line \d+\) never stops`
}

// startLater runs once, through register: a review-tier observation.
func startLater() {
	go tickForever()
}

func register(f func()) { f() }

// requests produces for as long as the process lives (started once, by
// main).
func requests() chan int {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ {
			ch <- i
		}
	}()
	return ch
}
