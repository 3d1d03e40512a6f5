// Package doubleclose defines an Analyzer that reports channels that can
// be closed twice.
//
// # Analyzer doubleclose
//
// doubleclose: report a channel that can be closed twice, which panics
//
// Closing a closed channel panics with "close of closed channel"
// (runtime/chan.go, closechan). The check is made under the channel's
// lock, so of two goroutines racing to close, exactly one wins and the
// other panics. Reported:
//
//   - two closes of the same channel on one path of a function, in place
//     or by a helper of the package that always closes what it is passed
//     (its receiver's field, or a parameter);
//   - a close inside a loop that can come back to it (the channel is
//     declared outside the loop), or a goroutine closing a channel started
//     in such a loop;
//   - "defer close(ch)", or a deferred function literal that closes ch,
//     together with a close of ch on the same path; a deferred close in a
//     loop;
//   - two methods of a type that both close the same field of their
//     receiver whenever they run (themselves, in a goroutine or function
//     literal they start, or through a helper), with no guard, so that
//     calling both panics.
//
// Flagged:
//
//	func (w *Worker) run() {
//		defer close(w.done)       // closes done when the loop exits
//		for j := range w.jobs {
//			...
//		}
//	}
//
//	func (w *Worker) Stop() {
//		close(w.done)             // and so does Stop: whichever runs second panics
//	}
//
// Close a channel in one place, by its owner. When several parties may
// close it, guard the close:
//
//	func (w *Worker) Stop() {
//		w.stopOnce.Do(func() { close(w.done) })
//	}
//
// Recognised guards: sync.Once.Do and sync.OnceFunc (also a method value
// handed to the Once, and functions only called from there); select { case
// <-ch: default: close(ch) }; a closed flag, or any state the function
// stores, checked before the close (typically under a mutex); atomic
// CompareAndSwap and Swap, and any call returning a bool; a nil check of
// the channel; a counter reaching its mark ("if i == last"); mutually
// exclusive branches; a store of a new channel (or nil) between the
// closes; os.Exit, log.Fatal, t.Fatal and panic, which do not come back.
// For two methods, any condition the close depends on counts as a guard:
// only closes that run whenever the method runs are paired, and a doc
// comment that states the contract ("Either Resume or Fail must be called
// at most once", "Not idempotent") leaves the pair to the callers. Test files are
// not checked: tests close twice on purpose to check the panic.
//
// With -doubleclose.unguarded, an exported method that closes a field of
// its receiver with no guard is reported too ("calling Stop twice
// panics"), unless its doc comment speaks of calling it once (or of it not
// being idempotent). It is off by default: on real code most such methods
// are called once by their owner, by design (pebble documents its
// snapshot Close as "Not idempotent"), and reporting every one of them
// would bury the real double closes.
//
// The analysis is path-sensitive and so uses SSA, from the package's
// channel model (internal/chanmodel, built for the non-test files of
// packages that use channels): the closes of one function are related by the paths of
// its control flow graph, along which a store to the field (or variable)
// the channel is read from, or a branch on a guard, ends the search;
// boolean flags kept in local variables are followed along the path.
// Channel identity follows closures, conversions and struct fields. The
// check applies to every Go version: the panic has existed since Go 1.0.
package doubleclose
