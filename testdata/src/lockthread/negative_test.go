package lockthread

import (
	"runtime"
	"testing"
)

// Test binaries' threads die with them: not reported.
func TestLocked(t *testing.T) {
	runtime.LockOSThread()
}
