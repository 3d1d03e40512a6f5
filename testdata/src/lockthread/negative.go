package lockthread

import (
	"runtime"
	. "runtime"
)

// The idiom.
func paired() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	work()
}

// A deferred func literal that unlocks counts.
func deferredLiteral() {
	runtime.LockOSThread()
	defer func() {
		work()
		runtime.UnlockOSThread()
	}()
}

// A dot import is the same function.
func dotImport() {
	LockOSThread()
	defer UnlockOSThread()
}

// An explicit unlock with no way out in between is fine: an unrecovered
// panic ends the process anyway.
func straightLine() {
	runtime.LockOSThread()
	work()
	runtime.UnlockOSThread()
}

// Lock and unlock per iteration cannot be deferred; nothing leaves between.
func perIteration(jobs []func()) {
	for _, job := range jobs {
		runtime.LockOSThread()
		job()
		runtime.UnlockOSThread()
	}
}

// A return right after an explicit unlock leaves unlocked.
func unlockThenReturn(fail bool) {
	runtime.LockOSThread()
	if fail {
		runtime.UnlockOSThread()
		return
	}
	work()
	runtime.UnlockOSThread()
}

// The unlock handed to something that calls it later, as testing's Cleanup
// does, is deferred by other means.
type cleaner interface{ Cleanup(func()) }

func lockForTest(tb cleaner) {
	runtime.LockOSThread()
	tb.Cleanup(runtime.UnlockOSThread)
}

// Pinning the main goroutine to the main thread in init is the idiom.
func init() {
	runtime.LockOSThread()
}

// A goroutine that taints its thread and exits locked on purpose, saying so.
func taintThread() {
	go func() {
		// Exit without unlocking, so the tainted thread is destroyed and never reused.
		runtime.LockOSThread()
		work()
	}()
}

// killThread locks the goroutine to its thread and returns, which makes
// the runtime terminate the thread.
func killThread() {
	runtime.LockOSThread()
}

func silenced() {
	//rtlint:ignore lockthread the thread entered a network namespace; let it die
	runtime.LockOSThread()
}

// Same-named functions and methods are not the runtime's.
type thread struct{}

func (thread) LockOSThread() {}

func LockOSThreadLocal() {}

func sameNames() {
	var t thread
	t.LockOSThread()
	LockOSThreadLocal()
}

// The phrasings real code uses to say the thread must not be unlocked.
func doNotUnlock(enter func() error) {
	go func() {
		runtime.LockOSThread()
		// Do not unlock: the thread is in another namespace now.
		_ = enter()
	}()
}

func dontUnlock(enter func() error) {
	go func() {
		runtime.LockOSThread() // Don't unlock
		_ = enter()
	}()
}

func dontCall(enter func() error) {
	go func() {
		runtime.LockOSThread()
		// Don't call UnlockOSThread. This thread will be terminated after the task is done.
		_ = enter()
	}()
}

func disabledUnlock(enter func() error) {
	go func() {
		runtime.LockOSThread()
		// defer runtime.UnlockOSThread()
		_ = enter()
	}()
}

func intentionally(enter func() error) {
	go func() {
		runtime.LockOSThread()
		_ = enter()
		// Intentionally not unlocking: the goroutine exits and takes the
		// thread with it.
	}()
}

// Silenced by a golangci-lint directive naming the analyzer.
func nolinted() {
	go func() {
		runtime.LockOSThread() //nolint:lockthread // the thread is dirty after unshare
	}()
}

// Documented above the goroutine: the namespace switch runs on a thread
// of its own that is left locked to die if switching back fails.
func inNewNamespace(enter, leave func() error) error {
	var err error
	done := make(chan struct{})
	// Run in a new goroutine so that if we later fail to switch the
	// namespace back, we can safely leave the thread locked to die.
	var entered bool
	go func() {
		defer close(done)
		runtime.LockOSThread()
		if err = enter(); err != nil {
			return
		}
		entered = true
		if err = leave(); err != nil {
			return
		}
		runtime.UnlockOSThread()
	}()
	<-done
	_ = entered
	return err
}

// Documented after the lock, for the explicit unlock a return skips.
func dialInNamespace(set, restore func() error) error {
	runtime.LockOSThread()
	if err := set(); err != nil {
		// No thread-local manipulation: unlock.
		runtime.UnlockOSThread()
		return err
	}
	// Beyond this point the thread's namespace is poisoned. Do not unlock
	// the OS thread until the namespace is restored.
	if err := restore(); err != nil {
		return err
	}
	runtime.UnlockOSThread()
	return nil
}
