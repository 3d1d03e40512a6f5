// Package testutil holds helpers for rtlint's tests.
package testutil

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/rtlint/rtlint/internal/directive"
)

// Testdata returns the absolute path of the repository's testdata directory.
func Testdata() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Root returns the absolute path of the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Review turns review mode on (review-tier observations reported) for the
// rest of the test; it is turned off again when the test ends. Tests that
// use it must not run in parallel with tests that expect the default tier.
func Review(t testing.TB) {
	t.Helper()
	directive.SetReview(true)
	t.Cleanup(func() { directive.SetReview(false) })
}
