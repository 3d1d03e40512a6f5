package linkname

import (
	"runtime"
	"unsafe"
)

// A pushed symbol: links, but is not API.
//
// want +2 `//go:linkname pull of time\.resetTimer reaches into the standard library's internals, which any Go release may rename, change or remove; it links on go1\.\d+\S* \w+/\w+ because runtime pushes it \(runtime/time\.go:\d+\); use a public API; if there is none, keep the pull in a file named runtime_linkname\.go .* \(cmd/link/internal/loader/loader\.go:\d+, go1\.\d+(\.\d+)?\)`
//
//go:linkname resetTimer time.resetTimer
func resetTimer(t unsafe.Pointer, when, period int64) bool

// Pushed for the code that has always pulled it.
//
// want +2 `pull of runtime\.nanotime .*links on .* only because runtime keeps it pushed \(runtime/time_nofake\.go:\d+\) for the widely used packages that pull it, the "hall of shame": a courtesy to existing code, not an API; use time\.Now`
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

// A "hall of shame" push: links only as a courtesy.
//
// want +2 `pull of runtime\.gopark .*links on .* only because runtime keeps it pushed \(runtime/proc\.go:\d+\) for the widely used packages that pull it, the "hall of shame"`
//
//go:linkname gopark runtime.gopark
func gopark(unlockf unsafe.Pointer, lock unsafe.Pointer, reason uint8, traceReason uint8, traceskip int)

// Pushed by runtime for another package.
//
// want +2 `pull of sync\.runtime_Semacquire .*links on .* because runtime keeps it pushed \(runtime/sema\.go:\d+\)`
//
//go:linkname semacquire sync.runtime_Semacquire
func semacquire(addr *uint32)

// An assembly symbol counts as pushed up to Go 1.26; from Go 1.27 its Go
// declaration must be pushed.
//
// want +2 `pull of runtime\.systemstack .*(links on .* because it is an assembly symbol \(runtime/asm_\w+\.s:\d+\), which the linker treats as pushed|will fail to link .*: it is an assembly symbol \(runtime/asm_\w+\.s:\d+\) whose Go declaration has no //go:linkname push, and since Go 1\.27)`
//
//go:linkname systemstack runtime.systemstack
func systemstack(fn func())

// Not pushed: the link fails.
//
// want +2 `pull of runtime\.gcount .*this will fail to link on go1\.\S+ \w+/\w+: runtime does not push it \(its definition at runtime/proc\.go:\d+ has no //go:linkname\), so linking stops with "invalid reference to runtime\.gcount"; use runtime\.NumGoroutine \(-ldflags=-checklinkname=0 only silences the linker\) \(cmd/link/internal/loader/loader\.go:\d+, cmd/link/internal/loader/loader\.go:\d+, go1\.\d+(\.\d+)?\)`
//
//go:linkname gcount runtime.gcount
func gcount() int32

// Blocked for everybody, though assembly.
//
// want +2 `pull of runtime\.addmoduledata .*this will fail to link .*: the linker's blockedLinknames \(cmd/link/internal/loader/loader\.go:\d+\) lets no package pull it, so linking stops with "invalid reference to runtime\.addmoduledata"`
//
//go:linkname addmoduledata runtime.addmoduledata
func addmoduledata()

// Reserved for iter: by blockedLinknames up to Go 1.26, by
// //go:linknamestd from Go 1.27.
//
// want +2 `(blockedLinknames \(cmd/link/internal/loader/loader\.go:\d+\) lets only iter pull it|pushed with //go:linknamestd \(runtime/coro\.go:\d+\), for standard-library packages only)`
//
//go:linkname coroswitch runtime.coroswitch
func coroswitch(c unsafe.Pointer)

// A compiler intrinsic: no symbol to link against.
//
// want +2 `pull of runtime\.getg .*this will fail to link .*: no standard-library file for \w+/\w+ defines it \(renamed, removed, or a compiler intrinsic\), so linking stops with "relocation target runtime\.getg not defined"; use context values or pprof labels .*\(cmd/link/internal/ld/errors\.go:\d+, go1\.\d+(\.\d+)?\)`
//
//go:linkname getg runtime.getg
func getg() unsafe.Pointer

// A variable the toolchain no longer defines.
//
// want +2 `pull of runtime\.ncpu .*go1\.\S+ \w+/\w+ defines no variable runtime\.ncpu, so this declaration silently creates a new zero variable that the standard library never sets`
//
//go:linkname ncpu runtime.ncpu
var ncpu int32

// A variable that exists but is not pushed.
//
// want +2 `pull of runtime\.firstmoduledata .*this will fail to link .*runtime does not push it`
//
//go:linkname firstmoduledata runtime.firstmoduledata
var firstmoduledata [64]uintptr

// Exported and only called by importers: the linker does not check those
// references.
//
// want +2 `pull of runtime\.mcount .*it links on .* only while no code of this package calls MCount, since the linker checks the pulling package's own references and not its importers'; a call from here fails: runtime does not push it`
//
//go:linkname MCount runtime.mcount
func MCount() int32

// Unexported and unused: no reference yet.
//
// want +2 `pull of runtime\.casgstatus .*nothing uses casgstatus yet, and the first use will fail to link`
//
//go:linkname casgstatus runtime.casgstatus
func casgstatus(gp unsafe.Pointer, oldval, newval uint32)

// A definition under a std name that std already defines.
//
// want +2 `//go:linkname gives myCputicks the name of the standard-library symbol runtime\.cputicks, which .* already defines \(runtime/\w+\.(go|s):\d+\): linking fails with a duplicated definition`
//
//go:linkname myCputicks runtime.cputicks
func myCputicks() int64 { return 0 }

func use() {
	_ = resetTimer(nil, 0, 0)
	_ = nanotime()
	var x uint32
	semacquire(&x)
	systemstack(func() {})
	_ = gcount()
	addmoduledata()
	coroswitch(nil)
	_ = getg()
	_ = ncpu
	_ = firstmoduledata[0]
	gopark(nil, nil, 0, 0, 0)
}

// A method of a runtime type nothing exported reaches: refused.
//
// want +2 `pull of runtime\.\(\*mheap\)\.alloc .*this will fail to link .*runtime does not push it`
//
//go:linkname mheapAlloc runtime.(*mheap).alloc
func mheapAlloc(h unsafe.Pointer, npages uintptr, spanclass uint8) unsafe.Pointer

// A method of an exported runtime type: the compiler may already know it
// from runtime's export data, and then the linker does not check it.
//
// want +2 `pull of runtime\.\(\*Func\)\.raw .*it links, if at all, by accident: runtime does not push it .*because this package uses a runtime type that reaches Func`
//
//go:linkname funcRaw runtime.(*Func).raw
func funcRaw(f *runtime.Func) unsafe.Pointer

func useMethods() {
	_ = mheapAlloc(nil, 0, 0)
	_ = funcRaw(runtime.FuncForPC(0))
}
