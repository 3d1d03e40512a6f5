//go:build go1.22 && !go1.99

// Package pinned pulls runtime.nanotime (tested with Go 1.22 to 1.26); its
// build constraint stands in for a runtime.Version() check.
package pinned

import (
	_ "unsafe"
)

//go:linkname nanotime runtime.nanotime
func nanotime() int64

func Now() int64 { return nanotime() }
