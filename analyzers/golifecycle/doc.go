// Package golifecycle defines an Analyzer that reports goroutines that
// can never end.
//
// # Analyzer golifecycle
//
// golifecycle: report goroutines whose body has no path to an end
//
// A goroutine blocked on a channel, a timer or a lock is parked by the
// runtime until something readies it (runtime/proc.go, gopark); nothing
// ever collects it. Its stack is a GC root (runtime/mgcmark.go), so the
// goroutine keeps everything it references alive until the process exits.
// A goroutine whose loop has no way out is a leak each time it is started.
//
// The analyzer follows the body of each go statement (and of the function
// given to sync.WaitGroup.Go or errgroup.Group.Go) through the control-flow
// graph, into the functions and methods of the same package it calls (go
// s.loop() is the usual shape), and reports it when no path reaches a
// return, a panic, runtime.Goexit or os.Exit:
//
//   - a loop (for {}, for { select {...} }, for range time.Tick(d)) with no
//     return, no break out of it and no select case that leads out;
//   - a for v := range ch over a channel that nothing in the package closes
//     and that no other package can reach (a timer or ticker channel is
//     never closed at all);
//   - a send or receive that has no peer in the package (a send on an
//     unbuffered channel nothing receives from, a receive from a channel
//     nothing sends on or closes); a select case of that kind does not
//     count as a way out.
//
// When the body can end on some paths but a path reaches such a dead
// operation, or a call of a package function that never returns, the
// goroutine is reported as never ending once it reaches that line. The
// same-package functions that start a func parameter as a goroutine
// (go func() { defer wg.Done(); f() }()) are followed too.
//
// Flagged:
//
//	func NewCache() *Cache {
//		c := &Cache{}
//		go c.janitor()
//		return c
//	}
//
//	func (c *Cache) janitor() {
//		for range time.Tick(time.Minute) {
//			c.evict()
//		}
//	}
//
// Instead, give the goroutine a way to end that its owner controls:
//
//	func (c *Cache) janitor(ctx context.Context) {
//		t := time.NewTicker(time.Minute)
//		defer t.Stop()
//		for {
//			select {
//			case <-t.C:
//				c.evict()
//			case <-ctx.Done():
//				return
//			}
//		}
//	}
//
// or close the channel a worker ranges over once the producer is done.
//
// Not reported: goroutines started by package main's main or init, which
// live as long as the process by design, goroutines in test files, and
// bodies that can end on some path. A library goroutine meant to live as
// long as the process is legitimate when documented: say so with
// //rtlint:ignore golifecycle <reason>. The analysis is intra-package and
// uses go/cfg control-flow graphs (a path question: can control reach an
// end); channels that escape to other packages are assumed to be closed
// there.
//
// The contract holds for every Go version. Where the goroutine waits on
// a channel, the message says how to confirm the leak at run time with
// the goroutineleak profile: registered by default from Go 1.27, behind
// GOEXPERIMENT=goroutineleakprofile in Go 1.26 (runtime/pprof/pprof.go,
// lockProfiles), absent before. The hint follows the toolchain the
// citations resolve against, since the profile belongs to the runtime the
// program links, not to the module's language version.
package golifecycle
