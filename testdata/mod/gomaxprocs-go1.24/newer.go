//go:build go1.25

package gomaxprocs

import "runtime"

// A file whose build constraint raises its Go version to 1.25 gets the
// 1.25 message.
func tune() {
	runtime.GOMAXPROCS(3) // want `since Go 1\.25, turns off the runtime's container-aware updates`
}
