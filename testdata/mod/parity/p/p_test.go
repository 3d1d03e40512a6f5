package p

import "testing"

func TestPin(t *testing.T) {
	//rtlint:ignore nosuch parity:directives:tests (a directive naming no analyzer)
	Pin(func() {})
}
