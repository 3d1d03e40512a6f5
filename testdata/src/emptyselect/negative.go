package emptyselect

import "context"

// A select with cases can be woken.
func withCases(ch chan int, done chan struct{}) {
	select {
	case <-ch:
	case <-done:
	}
}

// A select with only a default never blocks.
func onlyDefault() {
	select {
	default:
	}
}

// Blocking on the caller's context is the remedy.
func untilCancelled(ctx context.Context) {
	<-ctx.Done()
}

// Silenced on the line above, with a reason.
func debugServe() {
	//rtlint:ignore emptyselect debug-only serve mode, blocks until the process is killed
	select {}
}

// Silenced on the same line.
func lifetime() {
	select {} //rtlint:ignore emptyselect this goroutine lives as long as the process
}

// A directive for another analyzer does not silence this one, but the file
// has no other empty select to show it: see positive.go.

// The process is crashing: a panic in a goroutine of its own cannot be
// recovered, and the select keeps this goroutine in the crash dump.
func crashWithWaiters(err error) {
	go panic(err)
	select {}
}
