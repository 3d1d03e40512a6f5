// Package p has findings for the flag parity test: each line a finding is
// expected on carries "parity:ANALYZER[:WHEN]", WHEN saying which flag
// brings it (no WHEN: every run).
package p

import "runtime"

// Pin locks without unlocking: a fixable finding.
func Pin(work func()) {
	runtime.LockOSThread() // parity:lockthread
	work()
}

// Block parks forever.
func Block() {
	select {} // parity:emptyselect
}

// Yield gives the processor away once: a review-tier observation.
func Yield() {
	runtime.Gosched() // parity:gosched:review
}
