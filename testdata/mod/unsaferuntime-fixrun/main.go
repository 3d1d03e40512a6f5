// Command fixrun exercises every header shape unsaferuntime rewrites; its
// output must not change when the fixes are applied.
package main

import (
	"fmt"
	"reflect"
	"unsafe"
)

func s2b(s string) (b []byte) {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	bh.Data = sh.Data
	bh.Cap = sh.Len
	bh.Len = sh.Len
	return b
}

func b2s(b []byte) string {
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	var s string
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	sh.Data = bh.Data
	sh.Len = bh.Len
	return s
}

func view(p unsafe.Pointer, n int) []uint32 {
	var out []uint32
	h := (*reflect.SliceHeader)(unsafe.Pointer(&out))
	// Point at the caller's array.
	h.Data = uintptr(p)
	h.Len = n
	h.Cap = n
	return out
}

func str(p *byte, n int) string {
	return *(*string)(unsafe.Pointer(&reflect.StringHeader{Data: uintptr(unsafe.Pointer(p)), Len: n}))
}

func words(p *uint16, n int) []uint16 {
	return *(*[]uint16)(unsafe.Pointer(&reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: n}))
}

func main() {
	b := s2b("hello, world")
	fmt.Println(string(b), len(b), cap(b), reflect.TypeOf(b)) // keeps reflect imported: FixRun does no import cleanup
	fmt.Println(b2s([]byte("bytes")))
	arr := [4]uint32{1, 2, 3, 4}
	v := view(unsafe.Pointer(&arr[0]), 3)
	fmt.Println(v, len(v), cap(v))
	raw := []byte("raw text")
	fmt.Println(str(&raw[0], 3))
	w := [3]uint16{7, 8, 9}
	fmt.Println(words(&w[0], 2))
	fmt.Println((*reflect.SliceHeader)(unsafe.Pointer(&raw)).Len, (*reflect.StringHeader)(unsafe.Pointer(&raw)).Len)
	fmt.Println((*reflect.SliceHeader)(unsafe.Pointer(&raw)).Data == uintptr(unsafe.Pointer(&raw[0])))
}

func u32sToBytes(u32s []uint32) []byte {
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Len = len(u32s) * 4
	hdr.Cap = hdr.Len
	hdr.Data = uintptr(unsafe.Pointer(&u32s[0]))
	return b
}

func init() {
	fmt.Println(u32sToBytes([]uint32{0x01020304, 0x05060708}))
}
