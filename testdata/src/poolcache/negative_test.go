package poolcache

import (
	"bytes"
	"sync"
	"testing"
)

var testPool sync.Pool

// Test files are not analyzed.
func TestPool(t *testing.T) {
	testPool.Put(new(bytes.Buffer))
	b := testPool.Get().(*bytes.Buffer)
	testPool.Put(b)
	b.Reset()
}
