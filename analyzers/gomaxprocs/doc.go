// Package gomaxprocs defines an Analyzer that reports libraries setting
// GOMAXPROCS.
//
// # Analyzer gomaxprocs
//
// gomaxprocs: report runtime.GOMAXPROCS(n) and automaxprocs imports outside package main
//
// GOMAXPROCS is a process-wide setting that belongs to whoever owns the
// process: package main, or the GOMAXPROCS environment variable. A library
// that sets it overrides that choice for every other package. Changing the
// value stops the world (runtime/debug.go, GOMAXPROCS: stopTheWorldGC).
// Since Go 1.25 the runtime also derives the default from the container's
// CPU limit and keeps it up to date; any call with n > 0, even one that
// passes the current value back, marks the setting as custom and turns those
// updates off for the life of the process (runtime/debug.go).
//
// Flagged, in a library:
//
//	func init() { runtime.GOMAXPROCS(runtime.NumCPU()) }
//
//	import _ "go.uber.org/automaxprocs"
//
// Tiers: by default every library that sets GOMAXPROCS (or imports
// automaxprocs) is reported, since since Go 1.25 any such call turns off
// the runtime's container-aware updates for the life of the process, even
// when the old value is put back. In review mode (-review) only: a
// temporary change (defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n)), or
// prev := ...; runtime.GOMAXPROCS(prev)) in a file before Go 1.25, which
// restores everything; a call made only when os.Getenv("GOMAXPROCS") (or
// os.LookupEnv) finds the variable unset, which leaves the process owner
// the last word; and any of these in test-support, benchmark or
// sample code outside _test.go files (packages like testutil, e2e, bench,
// examples) or in a function taking a testing.TB, *testing.T or
// *testing.B, which owns the process it runs in.
//
// Instead, leave it to main. runtime.GOMAXPROCS(0) (or any constant n < 1)
// only reads the value and is never reported; neither is a function that
// forwards its own parameter (a setter the caller decides to call), package
// main, or a test file. For files whose Go version is 1.25 or later the
// message also says that the call disables container-aware updates, and that
// automaxprocs duplicates what the runtime now does itself.
package gomaxprocs
