// Package finalizer defines an Analyzer that reports finalizers and
// cleanups that are relied on to save data or can never run.
//
// # Analyzer finalizer
//
// finalizer: report finalizers and cleanups that flush data or can never run, and SetFinalizer where AddCleanup serves better
//
// runtime.SetFinalizer and runtime.AddCleanup are best-effort: "There is no
// guarantee that finalizers will run before a program exits"
// (runtime/mfinal.go), and a cleanup "is not guaranteed to run before
// program exit" (runtime/mcleanup.go). The SetFinalizer documentation says
// it would be a mistake to depend on a finalizer to flush a bufio.Writer.
// The analyzer reports three things.
//
// A finalizer or cleanup that flushes, syncs, commits or writes data, or
// closes a buffering writer (a type with a Flush method), on the object,
// on what it holds or on a captured local variable. The search follows
// calls into functions and methods of the analyzed package, three calls
// deep, so a finalizer that calls the type's own Close, which flushes, is
// found too. The data is lost whenever the finalizer does not run:
//
//	func NewLog(f *os.File) *Log {
//		l := &Log{w: bufio.NewWriter(f)}
//		runtime.SetFinalizer(l, (*Log).Close) // Close flushes l.w
//		return l
//	}
//
// Make callers Close explicitly (defer l.Close()) and keep a finalizer at
// most to report the leak. Closing a file descriptor, freeing memory or
// logging a leak is what finalizers are for, and is not reported.
//
// An AddCleanup whose arg is ptr itself, points into the object ptr points
// to (&p.f), or holds ptr in a composite literal, or whose cleanup function
// captures ptr (a func literal using the variable, or a method value bound
// to it). Either way ptr stays reachable and the cleanup never runs:
//
//	runtime.AddCleanup(c, func(int) { c.pool.release(c.fd) }, 0)
//
// Pass what the cleanup needs as arg and use only the cleanup's parameter:
//
//	runtime.AddCleanup(c, func(fd int) { syscall.Close(fd) }, c.fd)
//
// The runtime itself catches arg == ptr since Go 1.24, and since Go 1.26
// also an arg pointing into the object and a closure that holds ptr
// directly; it never catches ptr reached through another object, and the
// message says which case applies. A SetFinalizer closure that captures
// its object is staticcheck's SA5005 and not repeated here.
//
// In review mode (-review) only, for files whose Go version is 1.24 or
// later, every other SetFinalizer gets a hint that AddCleanup serves
// better: a cleanup does not resurrect
// the object (a finalized object and all it references survive one more GC
// cycle), several cleanups may be attached to one object, and a cleanup
// still runs when its object is part of a reference cycle, where a
// finalizer never does. Files older than Go 1.24 cannot call AddCleanup and
// get no hint. Nor does a finalizer that must look at its object when it
// runs, which a cleanup cannot (it gets only the arg fixed when it is
// attached): one that calls a method of the object, hands it on, compares
// it, writes its fields or re-registers a finalizer on it, a method
// expression such as (*File).close, and one whose body is in another
// package. Reading fields (r.fd) does not count: their values can be passed
// as arg. SetFinalizer(obj, nil) is never reported.
//
// Tiers: the first two (data lost, a cleanup that never runs) are
// default-tier findings, except in test-support, benchmark or sample code
// outside _test.go files (packages like testutil, e2e, bench, examples),
// where they are review-tier observations; the AddCleanup hint is always a
// review-tier suggestion.
//
// Test files are not analyzed: tests of finalizer behaviour misuse these
// APIs on purpose.
package finalizer
