// Package testutil holds helpers for rtlint's tests.
package testutil

import (
	"fmt"
	"os"
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

// CI reports whether the tests run in CI (the CI environment variable is
// set, as .ci/run and every CI service do).
func CI() bool { return os.Getenv("CI") != "" }

// SkipUnlessCI skips the test for a reason of the environment (a program
// or toolchain that cannot be had here), saying so; in CI, where
// ./test.sh installs everything the tests need, it fails the test instead:
// a check that did not run must not pass there.
func SkipUnlessCI(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if CI() {
		t.Fatalf("%s (CI is set, so this fails instead of skipping)", msg)
	}
	t.Skipf("%s; skipping (in CI this fails)", msg)
}
