package unsaferuntime

import (
	"bytes"
	"reflect"
	"runtime"
	"strconv"
	"unsafe"
)

// A partial copy of runtime/chan.go's hchan.
type hchan struct { // want `struct hchan mirrors the runtime's private hchan \(qcount, dataqsiz, buf, elemsize\): reading runtime memory through it breaks silently when the layout changes, and it does change \(hchan gained timer in Go 1\.23 and bubble in Go 1\.25\); use len\(ch\), cap\(ch\) and channel operations.* \(runtime/chan\.go:\d+, go1\.\d+(\.\d+)?\)`
	qcount   uint
	dataqsiz uint
	buf      unsafe.Pointer
	elemsize uint16
}

func queued(ch chan int) uint {
	return (*(**hchan)(unsafe.Pointer(&ch))).qcount // want `a channel value is a pointer to the runtime's private hchan; \(\*\*hchan\)\(unsafe\.Pointer\(&ch\)\) reads that header, whose layout changes between releases \(hchan gained timer in Go 1\.23 and bubble in Go 1\.25\); use len\(ch\), cap\(ch\) and channel operations \(runtime/chan\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// The petermattis/goid way.
type g struct { // want `struct g mirrors the runtime's private g \(stack, stackguard0, stackguard1, panic, defer, \.\.\.\): .*g's fields move in almost every release\); goroutine IDs and scheduler state are hidden on purpose.* \(runtime/runtime2\.go:\d+, go1\.\d+(\.\d+)?\)`
	stack        [2]uintptr
	stackguard0  uintptr
	stackguard1  uintptr
	_panic       uintptr
	_defer       uintptr
	m            uintptr
	sched        [7]uintptr
	syscallsp    uintptr
	syscallpc    uintptr
	stktopsp     uintptr
	param        unsafe.Pointer
	atomicstatus uint32
	stackLock    uint32
	goid         int64
}

func getg() *g

func Goid() int64 { // want `Goid reads the goroutine ID out of the runtime's private g through assembly \(getg\): g's layout changes in almost every release.*runtime/pprof\.Do.* \(runtime/runtime2\.go:\d+, go1\.\d+(\.\d+)?\)`
	return getg().goid
}

var goidOffset uintptr = 152

func getGoroutineID(gp unsafe.Pointer) int64 { // want `getGoroutineID reads the goroutine ID out of the runtime's private g through unsafe`
	return *(*int64)(unsafe.Add(gp, goidOffset))
}

// Two interface words, converted to from an unsafe.Pointer.
type eface struct { // want `struct eface mirrors the runtime's private eface, and is converted to from an unsafe\.Pointer: an interface's two words are the runtime's, not the language's`
	typ, data unsafe.Pointer
}

func typeWord(v any) unsafe.Pointer {
	return (*eface)(unsafe.Pointer(&v)).typ // want `an interface value is two private words, for any the \*_type and a data pointer \(eface\); \(\*eface\)\(unsafe\.Pointer\(&v\)\) reads them.* \(runtime/runtime2\.go:\d+, go1\.\d+(\.\d+)?\)`
}

func itabWord(err error) uintptr {
	return (*[2]uintptr)(unsafe.Pointer(&err))[0] // want `a non-empty interface value is two private words, an \*itab \(not a type\) and a data pointer \(iface\)`
}

func asAny(err error) any {
	return *(*any)(unsafe.Pointer(&err)) // want `a non-empty interface value is two private words`
}

// The pre-1.24 map header.
type hmap struct { // want `struct hmap mirrors the runtime's private hmap \(count, flags, b, noverflow, hash0, \.\.\.\): .*hmap is gone since Go 1\.24, when maps became Swiss tables\); use len\(m\), range and the maps package \(internal/runtime/maps/map\.go:\d+, go1\.\d+(\.\d+)?\)`
	count     int
	flags     uint8
	B         uint8
	noverflow uint16
	hash0     uint32
	buckets   unsafe.Pointer
}

func mapCount(m map[string]int) int {
	return (*(**hmap)(unsafe.Pointer(&m))).count // want `a map value is a pointer to the runtime's private map header; \(\*\*hmap\)\(unsafe\.Pointer\(&m\)\) reads it, and it changed completely in Go 1\.24`
}

func codePointer(f func()) uintptr {
	return **(**uintptr)(unsafe.Pointer(&f)) // want `a func value is a pointer to the runtime's private funcval, code pointer first and closure data after; \(\*\*uintptr\)\(unsafe\.Pointer\(&f\)\) reads that representation; use reflect\.ValueOf\(f\)\.Pointer\(\) .* \(runtime/runtime2\.go:\d+, go1\.\d+(\.\d+)?\)`
}

func chanWord(ch chan int) uintptr {
	return *(*uintptr)(unsafe.Add(unsafe.Pointer(&ch), 0)) // want `a channel value is a pointer to the runtime's private hchan`
}

// A copy of the symbol table header.
type moduledata struct { // want `struct moduledata mirrors the runtime's private moduledata \(pcheader, funcnametab, cutab, filetab, pctab, \.\.\.\).*use runtime\.CallersFrames`
	pcHeader    unsafe.Pointer
	funcnametab []byte
	cutab       []uint32
	filetab     []byte
	pctab       []byte
	pclntable   []byte
	ftab        []uintptr
}

// The goroutine-ID hack of net/http's http2 bundle.
var goroutineSpace = []byte("goroutine ")

func curGoroutineID() uint64 {
	b := make([]byte, 64)
	b = b[:runtime.Stack(b, false)] // want `parses the goroutine ID out of the "goroutine N \[\.\.\.\]" header of a stack trace: Go keeps goroutine IDs hidden on purpose.*runtime/pprof\.Do\) \(runtime/traceback\.go:\d+, go1\.\d+(\.\d+)?\)`
	b = bytes.TrimPrefix(b, goroutineSpace)
	i := bytes.IndexByte(b, ' ')
	n, _ := strconv.ParseUint(string(b[:i]), 10, 64)
	return n
}

func goidFromStack() int {
	var buf [64]byte
	n := runtime.Stack(buf[:], false) // want `parses the goroutine ID out of the "goroutine N`
	s := string(bytes.TrimPrefix(buf[:n], []byte("goroutine ")))
	id, _ := strconv.Atoi(s[:bytes.IndexByte([]byte(s), ' ')])
	return id
}

// string → []byte without copying, the fasthttp way.
func s2b(s string) (b []byte) {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated since Go 1\.21: its Data is a uintptr, which does not keep the array alive, and the struct copies the runtime's private slice header; use unsafe\.Slice and unsafe\.SliceData \(reflect/value\.go:\d+, go1\.\d+(\.\d+)?\)`
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	bh.Data = sh.Data
	bh.Cap = sh.Len
	bh.Len = sh.Len
	return b
}

// []byte → string without copying.
func b2s(b []byte) string {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	var s string
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want `reflect\.StringHeader is deprecated since Go 1\.21: its Data is a uintptr, which does not keep the bytes alive, and the struct copies the runtime's private string header; use unsafe\.String and unsafe\.StringData \(reflect/value\.go:\d+, go1\.\d+(\.\d+)?\)`
	sh.Data = bh.Data
	sh.Len = bh.Len
	return s
}

// A slice over C-style memory.
func view(p unsafe.Pointer, n int) []uint32 {
	var out []uint32
	h := (*reflect.SliceHeader)(unsafe.Pointer(&out)) // want `reflect\.SliceHeader is deprecated`
	h.Data = uintptr(p)
	h.Len = n
	h.Cap = n
	return out
}

func str(p *byte, n int) string {
	return *(*string)(unsafe.Pointer(&reflect.StringHeader{Data: uintptr(unsafe.Pointer(p)), Len: n})) // want `reflect\.StringHeader is deprecated`
}

func lengths(b []byte, s string) (int, int, uintptr) {
	l := (*reflect.SliceHeader)(unsafe.Pointer(&b)).Len  // want `reflect\.SliceHeader is deprecated`
	c := (*reflect.StringHeader)(unsafe.Pointer(&s)).Len // want `reflect\.StringHeader is deprecated`
	d := (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data // want `reflect\.SliceHeader is deprecated`
	return l, c, d
}

// Headers whose use is not mechanical to rewrite: reported, no fix.
func header(b *[]byte) *reflect.SliceHeader { // want `reflect\.SliceHeader is deprecated`
	return (*reflect.SliceHeader)(unsafe.Pointer(b)) // want `reflect\.SliceHeader is deprecated`
}

func grow(b []byte) []byte {
	h := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated`
	h.Len = h.Cap                                   // reads and writes the same header: not a construction
	return b
}

func parallel(s string) []byte {
	var b []byte
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))  // want `reflect\.SliceHeader is deprecated`
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want `reflect\.StringHeader is deprecated`
	bh.Data, bh.Len, bh.Cap = sh.Data, sh.Len, sh.Len // a parallel assignment: not rewritten
	return b
}

func capDiffers(p unsafe.Pointer, n, c int) []byte {
	var b []byte
	h := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated`
	h.Data = uintptr(p)
	h.Len = n
	h.Cap = c // unsafe.Slice would set cap to n: not rewritten
	return b
}

// badger's shape: the capacity read back from the length just set.
func u32sToBytes(u32s []uint32) []byte {
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated`
	hdr.Len = len(u32s) * 4
	hdr.Cap = hdr.Len
	hdr.Data = uintptr(unsafe.Pointer(&u32s[0]))
	return b
}

// A non-empty interface's words.
type iface struct { // want `struct iface mirrors the runtime's private iface, and is converted to from an unsafe\.Pointer: a non-empty interface's two words are the runtime's, an \*itab and a data pointer.* \(runtime/runtime2\.go:\d+, go1\.\d+(\.\d+)?\)`
	tab  unsafe.Pointer
	data unsafe.Pointer
}

func errData(err error) unsafe.Pointer {
	return (*iface)(unsafe.Pointer(&err)).data // want `a non-empty interface value is two private words`
}
