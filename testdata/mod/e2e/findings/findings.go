// Package findings has one finding for each of the first four analyzers.
package findings

import (
	"runtime"
	"sync/atomic"
)

// Serve blocks forever: emptyselect.
func Serve() {
	go func() {}()
	select {}
}

// WaitReady spins: gosched.
func WaitReady(ready *atomic.Bool) {
	for !ready.Load() {
		runtime.Gosched()
	}
}

// Tune sets GOMAXPROCS from a library: gomaxprocs.
func Tune() {
	runtime.GOMAXPROCS(runtime.NumCPU())
}

// Pin locks without unlocking: lockthread, with a fix.
func Pin(work func()) {
	runtime.LockOSThread()
	work()
}
