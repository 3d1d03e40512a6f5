// Package assets has a generated table (gen.go) beside a lockthread
// finding: the LSP tests put a 20 MB table in gen.go's buffer.
package assets

import "runtime"

// Pin locks without unlocking: lockthread.
func Pin(work func()) int {
	runtime.LockOSThread()
	work()
	return len(data)
}
