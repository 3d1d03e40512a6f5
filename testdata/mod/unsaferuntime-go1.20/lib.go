package lib

import (
	"reflect"
	"unsafe"
)

// go 1.20 has unsafe.Slice, unsafe.String, unsafe.StringData and
// unsafe.SliceData: every mechanical rewrite is offered.

func s2b(s string) (b []byte) {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated since Go 1\.21: .*use unsafe\.Slice and unsafe\.SliceData \(reflect/value\.go:\d+, go1\.\d+(\.\d+)?\)`
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	bh.Data = sh.Data
	bh.Len = sh.Len
	bh.Cap = sh.Len
	return b
}

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

func data(b []byte) uintptr {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data // want `reflect\.SliceHeader is deprecated`
}
