// Package testutil is test-support code outside _test.go files: a thread
// killed there dies with the test binary's goroutine, a review-tier
// observation.
package testutil

import "runtime"

func InNamespace(enter func() error) {
	go func() {
		runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred runtime\.UnlockOSThread`
		_ = enter()
	}()
}
