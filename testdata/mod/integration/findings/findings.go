// Package findings has findings of three analyzers for the integration
// tests (golangci-lint plugin, pre-commit, LSP, SARIF, go tool).
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

// Pin locks without unlocking: lockthread, with a fix.
func Pin(work func()) {
	runtime.LockOSThread()
	work()
}
