package unsaferuntime

import (
	"reflect"
	"unsafe"
)

// The fix removes the file's only uses of reflect, and its import.
func toBytes(s string) []byte {
	var b []byte
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b)) // want `reflect\.SliceHeader is deprecated`
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	bh.Data = sh.Data
	bh.Len = sh.Len
	bh.Cap = sh.Len
	return b
}
