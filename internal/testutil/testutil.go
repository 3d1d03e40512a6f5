// Package testutil holds helpers for rtlint's tests.
package testutil

import (
	"path/filepath"
	"runtime"
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
