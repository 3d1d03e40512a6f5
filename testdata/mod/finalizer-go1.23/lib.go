// Package finalizer is a module on go 1.23: AddCleanup does not exist for
// it, so SetFinalizer gets no hint; the flush finding stays.
package finalizer

import (
	"bufio"
	"os"
	"runtime"
	"syscall"
)

type res struct{ fd int }

// No hint before Go 1.24.
func release(r *res) {
	runtime.SetFinalizer(r, func(r *res) { syscall.Close(r.fd) })
}

// A closure capturing its object is staticcheck's SA5005: not repeated.
func capture(r *res) {
	runtime.SetFinalizer(r, func(*res) { syscall.Close(r.fd) })
}

type log struct{ w *bufio.Writer }

// Relying on a finalizer to flush is wrong in every version.
func flush(f *os.File) *log {
	l := &log{w: bufio.NewWriter(f)}
	runtime.SetFinalizer(l, func(l *log) { l.w.Flush() }) // want `this finalizer flushes data \(\(\*bufio\.Writer\)\.Flush\): finalizers need not run, not even at program exit, so that data can be lost; make callers Close explicitly and keep a finalizer, if any, only to report the leak \(runtime/mfinal\.go:\d+, runtime/mfinal\.go:\d+, go1\.\d+(\.\d+)?\)`
	return l
}
