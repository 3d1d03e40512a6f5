// Package testutil is test-support code outside _test.go files: findings
// here are review-tier observations.
package testutil

import (
	"bytes"
	"runtime"
	"strconv"
)

// GoroutineID tells goroutines apart in test logs.
func GoroutineID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)] // want `parses the goroutine ID out of the "goroutine N \[\.\.\.\]" header of a stack trace`
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return id
}
