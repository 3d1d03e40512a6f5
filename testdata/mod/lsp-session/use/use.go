// Package use imports package dep and has a lockthread finding.
package use

import (
	"runtime"

	"example.com/lspsession/dep"
)

// Pin locks without unlocking: lockthread.
func Pin(work func()) {
	runtime.LockOSThread()
	dep.Run(work)
}
