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
//   - two closes of the same channel on one path of a function;
//   - a close inside a loop that can come back to it (the channel is
//     declared outside the loop);
//   - "defer close(ch)" together with a close of ch on the same path, or
//     a deferred close in a loop;
//   - two methods of a type that both close the same field of their
//     receiver with no guard, so that calling both panics:
//
//	func (w *Worker) run() {
//		defer close(w.done)       // closes done when the loop exits
//		...
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
// Recognised guards: sync.Once.Do and sync.OnceFunc; select { case <-ch:
// default: close(ch) }; a closed flag (or any state) checked before the
// close; atomic CompareAndSwap and Swap; any condition the close depends
// on; mutually exclusive branches; a store of a new channel (or nil) after
// the close.
//
// With -doubleclose.unguarded, an exported method that closes a field of
// its receiver with no guard is reported too ("calling Stop twice
// panics"). It is off by default: most such methods document that they
// must be called once, and their callers honour it.
//
// The analysis is path-sensitive and so uses SSA, built only for packages
// that call close: the closes of one function are related by the paths of
// its control flow graph, along which a store to the field (or variable)
// the channel is read from, or a branch on a flag, ends the search. Channel
// identity follows closures, conversions and struct fields. The check
// applies to every Go version: the panic has existed since Go 1.0.
package doubleclose
