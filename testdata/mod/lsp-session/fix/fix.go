// Package fix has findings whose fixes copy text from the file
// (timeafter copies the duration) or read it (lockthread reads the
// indentation): the LSP tests edit it without saving and apply the fixes
// to the unsaved buffer.
package fix

import (
	"runtime"
	"time"
)

func handle(int) {}

// Flush never flushes while events keep coming: timeafter, with a fix.
func Flush(events <-chan int, flush func()) {
	for {
		select {
		case ev := <-events:
			handle(ev)
		case <-time.After(10 * time.Millisecond):
			flush()
		}
	}
}

// Pin locks without unlocking: lockthread, with a fix.
func Pin(work func()) {
	runtime.LockOSThread()
	work()
}
