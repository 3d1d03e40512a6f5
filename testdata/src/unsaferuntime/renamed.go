package unsaferuntime

import (
	r "reflect"
	u "unsafe"
)

// Renamed imports: the fix spells unsafe as u, and drops r.
func toString(b []byte) string {
	var s string
	sh := (*r.StringHeader)(u.Pointer(&s)) // want `reflect\.StringHeader is deprecated`
	// The data and the length.
	sh.Data = uintptr(u.Pointer(&b[0]))
	sh.Len = len(b)
	return s
}
