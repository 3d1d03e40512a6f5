// Package closeowner defines an Analyzer that reports a channel closed by a
// goroutine that receives from it while other goroutines send on it.
//
// # Analyzer closeowner
//
// closeowner: report a channel closed by its receiver while others send on it
//
// A send on a closed channel panics with "send on closed channel"
// (runtime/chan.go, chansend), and close wakes every sender already blocked
// on the channel so that each of them panics too (closechan: "release all
// writers (they will panic)"); a select with a send case panics the same
// way (runtime/select.go). Only the sender knows when it has sent its last
// value, so the sender closes; a receiver that closes races with the sends
// it does not control. Flagged:
//
//	jobs := make(chan Job)
//	for range n {
//		go func() { jobs <- produce() }()  // producers
//	}
//	for j := range jobs {
//		if err := j.Run(); err != nil {
//			close(jobs)                    // the consumer closes: producers panic
//			return err
//		}
//	}
//
// Instead, tell the producers to stop through a channel nobody sends on,
// and let the goroutine that owns the sends close the data channel:
//
//	done := make(chan struct{})
//	go func() { ...; select { case jobs <- j: case <-done: return } }()
//	...
//	close(done)                            // broadcast: safe, nobody sends on done
//
// Reported: a close, in place or deferred, by a function that receives from
// the same channel in a loop, when the close runs inside that loop or after
// leaving it early (a break or return in its body, a case of a for-select),
// while a function running in another goroutine sends on the channel. The
// channel is followed by identity, not by name: a local variable shared by
// several goroutines, a struct field, a package-level variable, or a
// channel passed as an argument to an unexported function or a function
// literal.
//
// A channel registered with signal.Notify has a sender outside the
// program's code: os/signal's delivery sends on it (with a non-blocking
// select, which panics on a closed channel all the same) until
// signal.Stop. Closing it before signal.Stop runs is reported too,
// including "defer signal.Stop(c)" written before "defer close(c)":
// deferred calls run last in, first out, so the close comes first.
//
// Not reported: the producer closing after its sends (including with
// defer); the broadcast idiom, where a done or quit channel that nobody
// sends on is closed; a channel whose sends are all in the function that
// closes it; a receiver that closes after a single receive (a handshake)
// or after a loop that ran to its end, such as one receive per sender; a
// close after sync.WaitGroup.Wait (or errgroup's Wait), once the senders
// have finished; a close followed by a loop draining the channel, which
// says the senders were told to stop first; senders that recover from the
// panic; test files.
//
// Which goroutine runs which function is found from the package's channel
// model (internal/chanmodel, on SSA: function literals started with go are
// goroutines of their own; literals that are only called or deferred run
// in the goroutine of the function declaring them); the loops are those of
// its control flow graph. Sends in test files do not count as senders. The check applies to every Go
// version: the panic has existed since Go 1.0.
package closeowner
