// Package lockthread defines an Analyzer that reports runtime.LockOSThread
// without a deferred runtime.UnlockOSThread.
//
// # Analyzer lockthread
//
// lockthread: report runtime.LockOSThread not paired with a deferred UnlockOSThread in the same function
//
// Since Go 1.10, a goroutine that exits while locked to its OS thread takes
// the thread with it: instead of returning the thread to the pool, the
// runtime terminates it (runtime/proc.go, LockOSThread doc and gdestroy), and
// a replacement has to be created later. Lock calls nest and are counted, so
// each LockOSThread needs its own UnlockOSThread. An unlock that is not
// deferred is skipped by a panic or an early return, with the same result.
//
// Flagged:
//
//	func withNetns(fd int, f func() error) error {
//		runtime.LockOSThread()
//		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
//			return err                    // returns still locked
//		}
//		err := f()
//		runtime.UnlockOSThread()
//		return err
//	}
//
// Instead, defer the unlock right after the lock:
//
//	runtime.LockOSThread()
//	defer runtime.UnlockOSThread()
//
// When the function has no unlock at all, a suggested fix inserts that
// deferred unlock. An explicit, non-deferred unlock is reported only when a
// return or runtime.Goexit lies between the lock and the unlock (an
// unrecovered panic ends the process, thread and all). Not reported:
// LockOSThread in an init function or in main.main (pinning the main
// goroutine to the main thread is the idiom for GUI and OS APIs that need
// it; the runtime never exits the main thread, it wedges it), and test files
// (a test binary's threads die with it). A goroutine that changes its
// thread's state (setns, unshare, seccomp) and deliberately exits locked
// so the tainted thread is destroyed is correct code. Say so in a comment
// in the function (from the line above the lock on) or in its doc
// comment, in the words code uses for it, and the finding is silenced:
//
//	// Do not unlock: the thread is in another namespace.
//	// Don't call UnlockOSThread; this thread is terminated when done.
//	// Intentionally not unlocked / leave the thread locked.
//	// defer runtime.UnlockOSThread()      (the unlock written and disabled)
//
// or any comment that says the thread is meant to die, be destroyed,
// killed, terminated, discarded or tainted, or not be reused.
// //rtlint:ignore lockthread <reason> and //nolint:lockthread work too.
//
// Tiers: both findings are default tier (a thread killed unintentionally);
// in test-support, benchmark or sample code outside _test.go files
// (packages like testutil, e2e, bench, examples) they are review-tier
// observations.
//
// The thread-exit behaviour holds since Go 1.10; before that a locked
// goroutine's exit simply unlocked the thread.
package lockthread
