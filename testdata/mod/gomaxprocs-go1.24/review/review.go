// Package review is a library on go 1.24 that changes GOMAXPROCS for a
// while: before Go 1.25 putting the old value back restores everything,
// so this is a review-tier observation.
package review

import "runtime"

func Serial(f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // want `a library that changes GOMAXPROCS for a while \(restored on line 9\) changes it for every goroutine of the process meanwhile, and each change stops the world: leave it to package main \(runtime/debug\.go:\d+, go1\.\d+(\.\d+)?\)`
	f()
}

func Two(f func()) {
	prev := runtime.GOMAXPROCS(2) // want `restored on line 16`
	f()
	runtime.GOMAXPROCS(prev)
}
