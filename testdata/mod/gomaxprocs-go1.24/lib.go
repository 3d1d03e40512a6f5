// Package gomaxprocs is a library on go 1.24: there are no container-aware
// updates to lose, so the message speaks only of the override and the
// stop-the-world.
package gomaxprocs

import (
	"runtime"

	_ "go.uber.org/automaxprocs" // want `importing automaxprocs from a library sets GOMAXPROCS for the whole process at init, overriding main and the GOMAXPROCS environment variable: import it in package main if at all \(runtime/debug\.go:\d+, go1\.\d+(\.\d+)?\)`
)

func init() {
	runtime.GOMAXPROCS(2) // want `a library that sets GOMAXPROCS overrides the process owner's choice for every package, and a changed value stops the world: leave it to package main; GOMAXPROCS\(0\) only reads it \(runtime/debug\.go:\d+, go1\.\d+(\.\d+)?\)`
}
