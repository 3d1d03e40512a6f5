// Package finalizer is a module on go 1.24: SetFinalizer gets the
// AddCleanup hint.
package finalizer

import (
	"runtime"
	"syscall"
)

type res struct{ fd int }

func release(r *res) {
	runtime.SetFinalizer(r, func(r *res) { syscall.Close(r.fd) }) // want `since Go 1\.24 runtime\.AddCleanup serves better than SetFinalizer: it does not resurrect the object.*\(runtime/mfinal\.go:\d+, runtime/mfinal\.go:\d+, runtime/mfinal\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// The replacement is not reported.
func cleanup(r *res) {
	runtime.AddCleanup(r, func(fd int) { syscall.Close(fd) }, r.fd)
}
