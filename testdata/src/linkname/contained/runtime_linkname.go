// Package contained keeps its pulls of runtime internals in one place.
//
// Pulled symbols, known to work with go1.22 through go1.26:
//   - runtime.nanotime: monotonic nanoseconds without time.Time
//   - runtime.gcount: the live goroutine count (refused by the go1.23+ linker)
package contained

import (
	_ "unsafe"
)

// Documented and version-checked: no finding.
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

// Documented, but the linker refuses it: still an error.
//
// want +2 `//go:linkname pull of runtime\.gcount: this will fail to link on .*invalid reference to runtime\.gcount"; use runtime\.NumGoroutine`
//
//go:linkname gcount runtime.gcount
func gcount() int32

// Pushed only for compatibility: accepted here, where it is documented
// and version-checked.
//
// want +2 `runtime_linkname\.go pulls runtime\.fastrand but its top-of-file comment does not name it`
//
//go:linkname fastrand runtime.fastrand
func fastrand() uint32
