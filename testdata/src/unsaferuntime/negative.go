package unsaferuntime

import (
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// The replacements themselves are fine.
func modern(b []byte, s string, p *byte, n int) ([]byte, string, *byte, *byte) {
	return unsafe.Slice(p, n), unsafe.String(p, n), unsafe.StringData(s), unsafe.SliceData(b)
}

// Passing a pointer to a system call is not a peek at the runtime.
func ioctl(fd uintptr, arg *[4]byte) error {
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, 0x5401, uintptr(unsafe.Pointer(arg)))
	if errno != 0 {
		return errno
	}
	return nil
}

// Swapping a map atomically treats the pointer-shaped value as a pointer.
func swap(dst *map[string]int, m map[string]int) {
	atomic.StorePointer((*unsafe.Pointer)(unsafe.Pointer(dst)), *(*unsafe.Pointer)(unsafe.Pointer(&m)))
}

// Casting between the program's own struct types.
type pointA struct{ x, y int }
type pointB struct{ x, y int }

func cast(a pointA) pointB { return *(*pointB)(unsafe.Pointer(&a)) }

// A hash map of the program's own, with a few hmap-like names but no
// runtime-only field.
type ownMap struct {
	count   int
	flags   uint8
	buckets []unsafe.Pointer
}

// A (pointer, length) pair that is never made from a runtime value.
type span struct {
	data unsafe.Pointer
	len  int
}

func newSpan(b []byte) span { return span{unsafe.Pointer(unsafe.SliceData(b)), len(b)} }

// A dump of all goroutines, parsed goleak-style: not an ID lookup.
func countGoroutines() int {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	return strings.Count(string(buf[:n]), "goroutine ")
}

// The current stack for a log line: no "goroutine " parsing.
func here() string {
	buf := make([]byte, 4096)
	return string(buf[:runtime.Stack(buf, false)])
}

// A function named like a goroutine-ID helper that does not read the
// runtime: it hands out IDs of its own.
var nextID atomic.Int64

func goid() int64 { return nextID.Add(1) }

// A type parameter's core type is not a runtime representation.
func generic[T any](v T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&v))
}

// Reinterpreting an interface as the same interface type is a no-op.
func same(v any) any { return *(*any)(unsafe.Pointer(&v)) }

// Converting a func to another func type is not a peek at its words.
func retype(f func(int)) func(int32) { return *(*func(int32))(unsafe.Pointer(&f)) }

// A local type named hchan with unrelated fields.
type queue struct {
	first, last *int
}

// Checking that a trace starts with the header is a format check, not an
// ID lookup (the runtime's own tests do this).
func startsWithHeader() bool {
	buf := make([]byte, 1024)
	n := runtime.Stack(buf, false)
	return strings.HasPrefix(string(buf[:n]), "goroutine ")
}

// A hash table of the program's own that borrows the runtime's bucket
// design (and its field names): not a copy of runtime memory.
type bucket struct {
	tophash  [8]uint8
	keys     [8]string
	values   [8]int
	overflow *bucket
}
