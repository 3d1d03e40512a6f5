package deferloop

import (
	"os"
	"testing"
)

// Test files are not reported.
func TestFiles(t *testing.T) {
	for _, name := range []string{"a", "b"} {
		f, _ := os.Open(name)
		defer f.Close()
		use(f)
	}
}
