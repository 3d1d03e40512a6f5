package gomaxprocs

import (
	"runtime"
	"testing"
)

// Tests own their process: not reported.
func TestWithProcs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
}
