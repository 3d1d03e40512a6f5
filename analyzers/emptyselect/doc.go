// Package emptyselect defines an Analyzer that reports select {} outside
// package main.
//
// # Analyzer emptyselect
//
// emptyselect: report select {} that parks a goroutine forever outside package main
//
// The compiler turns an empty select statement into a call to runtime.block,
// which parks the goroutine with no way to wake it: no channel, no timer, no
// unlock function (runtime/select.go, block). The goroutine and everything
// its stack references stay alive until the process exits. In package main
// that is the idiom for "serve until killed"; in a library it is a leak the
// caller cannot stop, and in a test it hangs until the test timeout.
//
// Flagged:
//
//	func (s *Server) Run() {
//		go s.loop()
//		select {}
//	}
//
// Instead, block on something the caller controls:
//
//	func (s *Server) Run(ctx context.Context) error {
//		go s.loop(ctx)
//		<-ctx.Done()
//		return ctx.Err()
//	}
//
// Package main and test files are never reported (a test that parks a
// goroutine on purpose ends with the test binary), nor a select {} right
// after go panic(v): a panic in a goroutine of its own cannot be
// recovered, so the process is crashing and the select only keeps this
// goroutine in the crash dump (golang.org/x/sync/singleflight). Reported only in review
// mode (-review), because the goroutine is the process's own: a select {}
// in a command-line command's entry outside package main (a function with
// the parameters of a cobra Run or RunE, or of a urfave/cli action, such
// as a cmdRun registered as the "run" subcommand), in test-support,
// benchmark or sample code outside _test.go files (packages like
// testutil, e2e, bench, examples), or in a function taking a testing.TB. The contract holds for every Go version.
package emptyselect
