package gomaxprocs

import (
	"runtime"
	rt "runtime"

	_ "go.uber.org/automaxprocs" // want `importing automaxprocs from a library sets GOMAXPROCS for the whole process, which since Go 1\.25 turns off the runtime's own container-aware updates that make it redundant: remove the import \(runtime/debug\.go:\d+, go1\.\d+(\.\d+)?\)`
)

func init() {
	runtime.GOMAXPROCS(runtime.NumCPU()) // want `a library that sets GOMAXPROCS overrides the process owner's choice and, since Go 1\.25, turns off the runtime's container-aware updates for the whole process, even if it later puts the old value back \(a changed value also stops the world\): leave it to package main; GOMAXPROCS\(0\) only reads it \(runtime/debug\.go:\d+, runtime/debug\.go:\d+, go1\.\d+(\.\d+)?\)`
}

func constant() {
	rt.GOMAXPROCS(4) // want `a library that sets GOMAXPROCS`
}

// Passing the current value back still marks the setting custom.
func sameValue() {
	runtime.GOMAXPROCS(runtime.GOMAXPROCS(0)) // want `a library that sets GOMAXPROCS`
}

// The restore idiom: the call that changes the value is reported, the
// restore is not. Since Go 1.25 putting the value back does not bring the
// container-aware updates back.
func withOneProc(f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // want `a library that sets GOMAXPROCS`
	prev := runtime.GOMAXPROCS(2)                   // want `a library that sets GOMAXPROCS`
	f()
	runtime.GOMAXPROCS(prev)
}

var procs = 8

func fromVar() {
	runtime.GOMAXPROCS(procs) // want `a library that sets GOMAXPROCS`
}
