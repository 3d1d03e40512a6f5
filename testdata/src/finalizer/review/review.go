// Package review holds what finalizer reports only in review mode: the
// hint that AddCleanup serves better than SetFinalizer, given only where
// the finalizer needs no more of its object than values a cleanup could
// be handed as arg.
package review

import (
	"log"
	"runtime"
	"syscall"
)

type res struct {
	fd     int
	closed bool
}

// A finalizer that only releases a descriptor gets the AddCleanup hint in a
// file of Go 1.24 or later (this GOPATH package counts as the newest).
func hint(r *res) {
	runtime.SetFinalizer(r, func(r *res) { syscall.Close(r.fd) }) // want `since Go 1\.24 runtime\.AddCleanup serves better than SetFinalizer: it does not resurrect the object \(a finalized object, and all it references, survives one more GC cycle\), allows several cleanups per object, and still runs when the object is part of a reference cycle, where a finalizer never runs; attach a cleanup and pass it what it releases as arg \(runtime/mfinal\.go:\d+, runtime/mfinal\.go:\d+, runtime/mfinal\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// An unnamed object is not looked at either.
func unnamed(r *res, fd int) {
	runtime.SetFinalizer(r, func(*res) { syscall.Close(fd) }) // want `since Go 1\.24 runtime\.AddCleanup serves better`
}

func (r *res) Close() error {
	r.closed = true
	return syscall.Close(r.fd)
}

// No hint: the finalizer calls a method of its object, which reads the
// object's state when it runs.
func method(r *res) {
	runtime.SetFinalizer(r, func(r *res) { r.Close() })
}

// No hint: a method expression runs with the object as receiver.
func methodExpr(r *res) {
	runtime.SetFinalizer(r, (*res).Close)
}

// No hint: the finalizer hands the object on.
func report(r *res) { log.Printf("leaked %p", r) }

func handsOn(r *res) {
	runtime.SetFinalizer(r, func(r *res) { report(r) })
}

// No hint: the finalizer re-registers itself, keeping the object alive
// until it is done with it.
func rearm(r *res) {
	var fin func(*res)
	fin = func(r *res) {
		if !r.closed {
			runtime.SetFinalizer(r, fin)
		}
	}
	runtime.SetFinalizer(r, fin)
}

// No hint: the finalizer's body is in another package.
func elsewhere(r *res) {
	runtime.SetFinalizer(r, log.Print)
}
