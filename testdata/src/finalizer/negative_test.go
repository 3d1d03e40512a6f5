package finalizer

import (
	"bufio"
	"os"
	"runtime"
	"testing"
)

// Tests misuse finalizers on purpose.
func TestFlushInFinalizer(t *testing.T) {
	w := bufio.NewWriter(os.Stdout)
	runtime.SetFinalizer(w, (*bufio.Writer).Flush)
	p := new(int)
	runtime.AddCleanup(p, func(*int) {}, p)
}
