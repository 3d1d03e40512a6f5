//go:build lsptag

package tagged

import "runtime"

// Pin locks without unlocking: lockthread, seen only with -tags lsptag.
func Pin(work func()) {
	runtime.LockOSThread()
	work()
}
