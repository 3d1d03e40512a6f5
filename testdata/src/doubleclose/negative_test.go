package doubleclose

import "testing"

// Tests close twice on purpose to check the panic.
func TestCloseTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	ch := make(chan int)
	close(ch)
	close(ch) // fine: a test of the panic
}
