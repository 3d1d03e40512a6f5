package lib

import (
	"reflect"
	"unsafe"
)

// go 1.16 has none of unsafe.Slice, unsafe.String, unsafe.StringData or
// unsafe.SliceData: no fix may use them.

func s2b(s string) (b []byte) {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))  // want `reflect\.SliceHeader is deprecated since Go 1\.21: .*use unsafe\.Slice and unsafe\.SliceData, which need Go 1\.17 and 1\.20 \(this file is go1\.16\): raise the module's go line`
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want `reflect\.StringHeader is deprecated since Go 1\.21: .*use unsafe\.String and unsafe\.StringData, which need Go 1\.20 \(this file is go1\.16\): raise the module's go line`
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
