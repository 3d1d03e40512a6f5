package gosched

import "runtime"

func documented() {
	runtime.Gosched() //rtlint:ignore gosched benchmark harness wants the other goroutines to get ahead
}
