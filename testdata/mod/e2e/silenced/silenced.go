// Package silenced has findings that directives silence, and one malformed
// directive that the directives analyzer reports.
package silenced

import "runtime"

// Serve is documented as process-lifetime.
func Serve() {
	//rtlint:ignore emptyselect Serve is documented to block for the life of the process
	select {}
}

// Yield is silenced on its own line.
func Yield() {
	runtime.Gosched() //rtlint:ignore gosched the benchmark wants the other goroutines to get ahead
}

// Pin has a directive without a reason: it silences nothing.
func Pin() {
	//rtlint:ignore lockthread
	runtime.LockOSThread()
}
