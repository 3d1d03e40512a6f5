// Package clean has nothing to report.
package clean

import (
	"context"
	"runtime"
)

// Pin is the idiom.
func Pin(work func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	work()
}

// Wait blocks until the caller cancels.
func Wait(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// Procs only reads the setting.
func Procs() int { return runtime.GOMAXPROCS(0) }
