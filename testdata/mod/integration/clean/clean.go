// Package clean has nothing to report.
package clean

import "runtime"

// Pin locks the thread for work and unlocks it after.
func Pin(work func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	work()
}
