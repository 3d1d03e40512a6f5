// Package testutil is test-support code outside _test.go files: a
// finalizer that flushes is a review-tier observation here.
package testutil

import (
	"bufio"
	"os"
	"runtime"
)

type Log struct{ w *bufio.Writer }

func NewLog(f *os.File) *Log {
	l := &Log{w: bufio.NewWriter(f)}
	runtime.SetFinalizer(l, func(l *Log) { l.w.Flush() }) // want `this finalizer flushes data`
	return l
}
