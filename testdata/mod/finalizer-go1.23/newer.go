//go:build go1.24

package finalizer

import (
	"runtime"
	"syscall"
)

// A file whose build constraint raises its Go version to 1.24 gets the hint.
func releaseNewer(r *res) {
	runtime.SetFinalizer(r, func(r *res) { syscall.Close(r.fd) }) // want `since Go 1\.24 runtime\.AddCleanup serves better than SetFinalizer`
}
