// Package findings has findings of three analyzers for the integration
// tests (golangci-lint plugin, pre-commit, LSP, SARIF, go tool).
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

// Pin locks without unlocking: lockthread, with a fix.
func Pin(work func()) {
	runtime.LockOSThread()
	work()
}
