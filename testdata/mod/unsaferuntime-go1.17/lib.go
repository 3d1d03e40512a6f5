package lib

import (
	"reflect"
	"unsafe"
)

// go 1.17 has unsafe.Slice but not unsafe.String, unsafe.StringData or
// unsafe.SliceData: only the slice view is rewritten.

func s2b(s string) (b []byte) {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))  // want `reflect\.SliceHeader is deprecated since Go 1\.21: .*use unsafe\.Slice and unsafe\.SliceData \(unsafe\.SliceData needs Go 1\.20; this file is go1\.17\)`
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want `reflect\.StringHeader is deprecated since Go 1\.21: .*use unsafe\.String and unsafe\.StringData, which need Go 1\.20 \(this file is go1\.17\): raise the module's go line`
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
