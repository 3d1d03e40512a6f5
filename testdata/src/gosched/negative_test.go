package gosched

import (
	"runtime"
	"testing"
)

// Tests use Gosched to shake out interleavings: not reported.
func TestInterleave(t *testing.T) {
	for i := 0; i < 3; i++ {
		runtime.Gosched()
	}
}
