// Package unsaferuntime defines an Analyzer that reports code reading the
// runtime's private representations through unsafe: copies of runtime
// structs, peeks into channel, map, interface and func values,
// reflect.SliceHeader and reflect.StringHeader, and goroutine-ID hacks.
//
// # Analyzer unsaferuntime
//
// unsaferuntime: report unsafe reads of runtime internals, deprecated reflect headers and goroutine-ID hacks
//
// The runtime's structs (hchan, sudog, g, m, p, the interface words, type
// descriptors, moduledata, the map header) are private and change between
// releases: hchan gained timer in Go 1.23 and bubble in Go 1.25, sudog's
// elem became a wrapper in Go 1.26, maps became Swiss tables in Go 1.24
// and hmap went away, g's fields move in almost every release. Code that
// reads them through unsafe.Pointer keeps compiling and reads garbage.
//
// Flagged:
//
//	type hchan struct { // a copy of runtime/chan.go's hchan
//		qcount   uint
//		dataqsiz uint
//		buf      unsafe.Pointer
//	}
//
//	func queued(ch chan int) uint {
//		return (*(**hchan)(unsafe.Pointer(&ch))).qcount
//	}
//
// Reported:
//
//   - struct types whose field names copy a runtime struct (hchan, waitq,
//     sudog, g, gobuf, m, p, _type, uncommontype, itab, moduledata, _func,
//     hmap, bmap, hiter, the Swiss-table map), and two- and three-word
//     copies of an interface value or a string or slice header that are
//     converted to from an unsafe.Pointer;
//   - conversions (*T)(unsafe.Pointer(&v)) (also through unsafe.Add) where
//     v is a channel, map, interface or func value: they read its runtime
//     representation. Converting to *unsafe.Pointer a channel, map or func
//     value (pointer-shaped; atomic swaps, identity) is not reported;
//   - reflect.SliceHeader and reflect.StringHeader, deprecated in Go 1.21:
//     their Data is a uintptr that does not keep the memory alive. Where
//     the rewrite is mechanical a fix uses unsafe.Slice (Go 1.17),
//     unsafe.String, unsafe.StringData or unsafe.SliceData (Go 1.20), and
//     only if the file's Go version has them: building a slice or string
//     through a header variable, a header literal reinterpreted in one
//     expression, and reading Data, Len or Cap off a header view;
//   - goroutine-ID hacks: runtime.Stack(buf, false) or debug.Stack() in a
//     function that looks for the "goroutine " prefix of the trace header,
//     and functions named like goid or getGoroutineID that read memory
//     through unsafe or call assembly (getg).
//
// Instead: len, cap and channel operations for channels; len, range and
// the maps package for maps; reflect or a type switch for interfaces;
// reflect.ValueOf(f).Pointer() and runtime.FuncForPC for funcs;
// runtime.CallersFrames for symbol tables; context values or pprof labels
// (runtime/pprof.Do) instead of goroutine IDs.
//
// Not reported: unsafe.Slice, unsafe.String, unsafe.StringData and
// unsafe.SliceData themselves, pointer passing to syscalls and cgo,
// atomic pointers, and conversions between the program's own types.
// Standard-library packages (files under $GOROOT/src) are the runtime's
// own representation code and are skipped; the -std flag turns them on.
//
// The layouts and version boundaries cited are those of the user's
// toolchain; the fixes follow the go/types version gates (unsafe.Slice
// from Go 1.17, the rest from Go 1.20).
//
// Tiers: every finding is default tier (code that breaks when the runtime
// changes); in test-support, benchmark or sample code outside _test.go
// files (packages like testutil, e2e, bench, examples) it is a review-tier
// observation, shown in review mode (-review).
package unsaferuntime
