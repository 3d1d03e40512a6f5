package linkname

import (
	_ "unsafe"
)

// The one-argument form pushes this package's own symbol: not a pull.
//
//go:linkname exported
func exported() {}

// A pull of a symbol outside the standard library is not checked by the
// linker and is not this analyzer's business.
//
//go:linkname other example.com/other.Func
func other()

// A symbol without a package (cgo and C symbols) is not a std pull.
//
//go:linkname cgoSym _cgo_something
var cgoSym uintptr

// With a space after the slashes this is an ordinary comment, not a
// directive.
//
// go:linkname notADirective runtime.gcount
func notADirective() int32 { return 0 }

// Three arguments: the compiler rejects it; nothing to predict.
//
//go:linkname a b c
func malformed()

// A local whose name shadows a runtime function but is no linkname.
func nanotime2() int64 { return 0 }

func useNegative() {
	exported()
	other()
	_ = cgoSym
	_ = notADirective()
	_ = nanotime2()
}
