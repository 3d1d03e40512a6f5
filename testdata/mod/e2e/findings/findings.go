// Package findings has one finding for each of the first four analyzers.
package findings

import (
	"runtime"
)

// Serve blocks forever: emptyselect.
func Serve() {
	go func() {}()
	select {}
}

// WaitReady spins on a flag it reads without synchronisation: gosched.
func WaitReady(ready *bool) {
	for !*ready {
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
