// Command compiler holds one defer of each kind. The comment on each
// defer line says what `go build -gcflags=-d=defer` must report for it;
// TestCompilerClaim checks that it does on the installed toolchain.
package main

func use(...any) {}

// No loop: the defer is open-coded.
func noLoop(f func()) {
	defer f() // open-coded
	use(1)
}

// In a loop: heap-allocated, through runtime.deferproc.
func inLoop(fs []func()) {
	for _, f := range fs {
		defer f() // heap-allocated
		use(f)
	}
}

// The loop turns off open coding for the function's other defer, which
// falls back to a stack record.
func mixed(g func(), fs []func()) {
	defer g() // stack-allocated
	for _, f := range fs {
		defer f() // heap-allocated
		use(f)
	}
}

// The fix: the body's defer is open-coded in the literal.
func fixed(fs []func()) {
	for _, f := range fs {
		func() {
			defer f() // open-coded
			use(f)
		}()
	}
}

// A range-over-func body also turns off open coding.
func seq(yield func(int) bool) { _ = yield(1) }

func rangeFunc(g func()) {
	defer g() // stack-allocated
	for i := range seq {
		defer use(i) // heap-allocated
		use(i)
	}
}

func main() {
	noLoop(func() {})
	inLoop(nil)
	mixed(func() {}, nil)
	fixed(nil)
	rangeFunc(func() {})
}
