// Package containedbad pulls runtime.nanotime.
package containedbad

import (
	_ "unsafe"
)

// want +2 `the top-of-file comment of runtime_linkname\.go names no Go version` `package containedbad pulls standard-library internals in runtime_linkname\.go but never checks runtime\.Version\(\).* \(runtime/extern\.go:\d+, go1\.\d+(\.\d+)?\)`
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

func Now() int64 { return nanotime() }
