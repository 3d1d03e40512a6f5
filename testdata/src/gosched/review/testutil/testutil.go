// Package testutil is test-support code outside _test.go files.
package testutil

import "runtime"

var Ready bool

// WaitReady spins racily, but only tests call it.
func WaitReady() {
	for !Ready {
		runtime.Gosched() // want `busy-wait: this loop spins on its condition`
	}
}
