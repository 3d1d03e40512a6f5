package lockthread

import (
	"errors"
	"runtime"
	rt "runtime"
)

func noUnlock() {
	runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred runtime\.UnlockOSThread: when this goroutine exits still locked, the runtime \w+ its OS thread instead of reusing it; defer the unlock \(or, if the thread's state was changed on purpose, say so in a comment: // Do not \w+: the thread is in another namespace\) \(runtime/proc\.go:\d+, go1\.\d+(\.\d+)?\)`
	work()
}

func renamed() {
	rt.LockOSThread() // want `runtime\.LockOSThread without a deferred runtime\.UnlockOSThread`
	work()
}

func inGoroutine() {
	go func() {
		runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred`
		work()
	}()
}

// The early return leaves the goroutine locked.
func earlyReturn(fail bool) error {
	runtime.LockOSThread() // want `runtime\.UnlockOSThread is not deferred, and the function can leave before it \(line 30\), still locked; when a locked goroutine exits the runtime kills its OS thread: defer runtime\.UnlockOSThread\(\) right after the lock \(runtime/proc\.go:\d+, go1\.\d+(\.\d+)?\)`
	if fail {
		return errors.New("failed")
	}
	runtime.UnlockOSThread()
	return nil
}

// Lock calls nest: two locks need two unlocks.
func nested() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred`
	work()
}

// The unlock deferred in a nested func literal that is not itself deferred
// does not run when this function returns.
func unlockInGoroutine() {
	runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred`
	go func() {
		defer runtime.UnlockOSThread()
	}()
}

func work() {}

// A comment about the lock that does not say the thread is meant to die
// silences nothing.
func commented() {
	go func() {
		// Lock the thread: the C library keeps per-thread state.
		runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred`
		work()
	}()
}

// Pin locks without unlocking: this describes the code and excuses
// nothing.
func Pin(work func()) {
	runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred`
	work()
}

// A comment that reports the bug does not excuse it either.
func reported() {
	go func() {
		runtime.LockOSThread() // want `runtime\.LockOSThread without a deferred`
		// BUG: the thread is not unlocked on error.
		work()
	}()
}
