// Package gosched defines an Analyzer that reports runtime.Gosched in
// non-test code.
//
// # Analyzer gosched
//
// gosched: report runtime.Gosched, a scheduling hint that usually hides missing synchronisation
//
// runtime.Gosched does not suspend the caller: the goroutine stays runnable
// and resumes automatically. The runtime puts it on the global run queue
// under the scheduler lock (runtime/proc.go, goschedImpl: globrunqput), from
// where any P may pick it up, possibly at once. It guarantees no ordering, so
// code that needs it to make another goroutine run first is racy. Since
// Go 1.14 the runtime preempts long-running goroutines asynchronously
// (runtime/preempt.go), so tight loops no longer need it for fairness either.
//
// A loop that spins on a condition and calls Gosched gets a sharper report:
//
//	for !ready {            // a data race unless ready is read atomically
//		runtime.Gosched()   // and a CPU burnt until another goroutine sets it
//	}
//
// Instead, wait for the event:
//
//	<-readyCh             // or sync.WaitGroup.Wait, sync.Cond.Wait
//
// A loop is a spin when its body only tests a condition, leaves when it
// holds, and yields, and the condition only reads state another goroutine
// can change (package variables, captured variables, fields, memory behind
// a pointer, atomic loads). Spinning on atomics is reported without the data
// race. A counted loop of yields (a backoff), a loop on the goroutine's own
// variables, or one whose condition calls a function that does work gets
// the general message.
//
// # Tiers
//
// Reported by default: only the spin on state read without
// synchronisation, a data race that also burns a CPU.
//
// Reported only in review mode (-review), as the checklist's "each
// Gosched" item: every other Gosched, including a spin on atomics (correct,
// but it burns a CPU), a fairness yield between Unlock and Lock, and a
// counted backoff; and a racy spin in test-support, benchmark or sample
// code outside _test.go files (packages like testutil, e2e, bench,
// examples), in a function taking a testing.TB, *testing.T or *testing.B,
// or in the body of an if whose condition is a test switch
// (if s.testing { ... }, testing.Testing()).
//
// Test files are not reported: tests use Gosched to shake out interleavings.
// The global-queue behaviour has held since the Go 1.1 scheduler; note that
// some texts wrongly say Gosched puts the goroutine at the tail of the local
// run queue, which is what the runtime-internal goyield does.
package gosched
