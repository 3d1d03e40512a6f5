// Package review holds the GOMAXPROCS settings that gomaxprocs reports
// only in review mode: in test helpers declared outside _test.go files.
package review

import (
	"os"
	"runtime"
	"testing"
)

// A test helper owns the test binary's process.
func WithProcs(tb testing.TB, n int, f func()) {
	tb.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n * 2)) // want `a library that sets GOMAXPROCS overrides the process owner's choice`
	f()
}

// Set only when the environment does not say: the process owner keeps the
// last word.
func defaultProcs() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(2) // want `a library that sets GOMAXPROCS`
	}
}

// The same, the environment read in the if's init statement.
func defaultProcsInit() {
	if v, ok := os.LookupEnv("GOMAXPROCS"); !ok || v == "" {
		runtime.GOMAXPROCS(2) // want `a library that sets GOMAXPROCS`
	}
}
