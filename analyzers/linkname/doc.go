// Package linkname defines an Analyzer that reports //go:linkname pulls of
// standard-library symbols, with the linker's verdict for the user's own
// toolchain.
//
// # Analyzer linkname
//
// linkname: report //go:linkname pulls of standard-library internals and predict whether they link
//
// A two-argument //go:linkname on a function without body (or a variable
// without value) "pulls" a symbol of another package. Pulling a symbol of
// the standard library (runtime, internal/..., sync, time, reflect, ...)
// reaches past its API: the name, signature and meaning can change in any
// release. Since Go 1.23 the linker enforces this: a pull of a std symbol
// links only if the definition is "pushed" (marked by a one-argument
// //go:linkname in its package, a two-argument one on the definition, or
// defined in assembly), and never if the name is in the linker's
// blockedLinknames, unless the pulling package is listed there
// (cmd/link/internal/loader/loader.go, Loader.checkLinkname). Users meet
// that check only when go test or a main build fails.
//
// Flagged:
//
//	import _ "unsafe"
//
//	//go:linkname gcount runtime.gcount
//	func gcount() int32
//
// This analyzer reads the pushes, assembly symbols and blockedLinknames
// from the user's GOROOT for the target GOOS/GOARCH, once per process and
// only when a package pulls a std symbol, and says in the diagnostic
// whether the pull links and why: pushed for std's own use, pushed only for
// compatibility with the widely used packages that pull it (a "hall of
// shame" entry: links today, but is a courtesy, not an API), an assembly
// symbol, blocked, not pushed, or not defined at all on this toolchain
// (renamed, removed, or a compiler intrinsic such as runtime.getg). A
// pulled variable that the toolchain does not define links silently as a
// new zero variable that nothing sets; that is reported too. The linker
// checks only the references the pulling package itself makes, so an
// exported pulled function that only importers call links for now; the
// message says so.
//
// Instead, use public API: runtime.NumGoroutine for runtime.gcount,
// time.Now for runtime.nanotime, math/rand/v2 for runtime.fastrand,
// hash/maphash for runtime.memhash. Where there is none (profilers,
// debuggers), contain the pulls in a file named runtime_linkname.go whose
// top-of-file comment names each pulled symbol and the Go versions it is
// known to work with, and check runtime.Version() in the package so that
// an untested toolchain is refused or served by a fallback:
//
//	// Pulled symbols, tested with go1.22 to go1.26:
//	//   - runtime.nanotime: monotonic clock without time.Time overhead
//	package clock
//
// In that file only a pull that will not link is reported by default; a
// missing comment or version check is a review-tier observation, shown in
// review mode (-review). Every pull outside runtime_linkname.go is a
// default-tier finding, in test code too: a test that stops linking on
// the next Go release fails as surely as a build. The one-argument push form and pulls of
// symbols outside the standard library are never reported.
//
// Standard-library and cmd packages (files under $GOROOT/src) are skipped:
// they are built from the same tree as the symbols they pull, change in
// lockstep with them, and the linker checks them itself. The -std flag
// turns them on.
//
// The rules follow the toolchain: Go 1.27 stopped counting assembly as a
// push (the function's Go declaration must be pushed) and added
// //go:linknamestd, a push for standard-library pullers only; both are
// read from the user's linker source, so the verdict is right for the
// toolchain the user builds with.
//
// The link-time check exists since Go 1.23; for older toolchains the
// diagnostic says that the pull is unchecked there but will be refused by
// Go 1.23 and later unless pushed. -ldflags=-checklinkname=0 turns the
// linker's check off; it hides the problem, it does not solve it.
package linkname
