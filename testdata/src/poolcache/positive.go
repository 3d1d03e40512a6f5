package poolcache

import (
	"bytes"
	"sync"
	pool "sync"
)

var bufs sync.Pool // no New

func render(s string) string {
	b := bufs.Get().(*bytes.Buffer) // want `bufs has no New, so Get returns nil whenever the pool is empty \(before anything is Put, and again once garbage collections have dropped the pooled items\) and this type assertion then panics: set bufs\.New, or check \(v, ok := bufs\.Get\(\)\.\(T\); if !ok \{ v = new\(T\) \}\) \(sync/pool\.go:\d+, sync/pool\.go:\d+, go1\.\d+(\.\d+)?\)`
	defer bufs.Put(b)
	b.Reset()
	b.WriteString(s)
	return b.String()
}

// The result assigned first, then asserted without a nil check.
func renderVar() {
	v := bufs.Get()
	b := v.(*bytes.Buffer) // want `bufs has no New`
	bufs.Put(b)
}

type server struct {
	scratch pool.Pool // renamed import; a field without New
}

func (s *server) handle() {
	b := s.scratch.Get().(*[]byte) // want `s\.scratch has no New`
	s.scratch.Put(b)
}

// A pointer pool assigned a literal without New.
var ptrPool = &sync.Pool{}

func fromPtr() *bytes.Buffer {
	return ptrPool.Get().(*bytes.Buffer) // want `ptrPool has no New`
}

var withNew = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func useAfterPut() []byte {
	b := withNew.Get().(*bytes.Buffer)
	b.WriteString("x")
	withNew.Put(b)
	return b.Bytes() // want `b is used after it was Put back into the pool on line \d+: from that Put on, a Get in any goroutine may return it to a new owner, so this use races with that owner; finish with it before the Put, or defer the Put \(sync/pool\.go:\d+, go1\.\d+(\.\d+)?\)`
}

// On one branch only: the other path is fine, this one is not.
func useAfterPutBranch(fail bool) int {
	b := withNew.Get().(*bytes.Buffer)
	if fail {
		withNew.Put(b)
	}
	return b.Len() // want `b is used after it was Put back`
}

func doublePut(fail bool) {
	b := withNew.Get().(*bytes.Buffer)
	if fail {
		withNew.Put(b)
	}
	withNew.Put(b) // want `b is Put into the pool a second time on this path \(first on line \d+\): two later Gets can then hand the same object to two owners; Put it once \(sync/pool\.go:\d+, go1\.\d+(\.\d+)?\)`
}

func deferredThenExplicit() {
	b := withNew.Get().(*bytes.Buffer)
	defer withNew.Put(b)
	b.WriteString("x")
	withNew.Put(b) // want `b is Put into the pool a second time on this path \(first by the deferred Put on line \d+\)`
}

// A value declared outside a loop is Put again at the next iteration.
func putInLoop(n int) {
	b := withNew.Get().(*bytes.Buffer)
	for i := 0; i < n; i++ {
		withNew.Put(b) // want `b is Put into the pool a second time`
	}
}

type conn struct {
	buf *bytes.Buffer
}

// A field path: the field is the pooled value.
func (c *conn) release() {
	withNew.Put(c.buf)
	c.buf.Reset() // want `c\.buf is used after it was Put back`
}

// A use inside a goroutine started after the Put.
func goroutineAfterPut(done chan struct{}) {
	b := withNew.Get().(*bytes.Buffer)
	withNew.Put(b)
	go func() {
		b.WriteString("late") // want `b is used after it was Put back`
		close(done)
	}()
}

type item struct {
	key string
	val []byte
}

var items = sync.Pool{New: func() any { return new(item) }}

// A pool looked up by content.
func lookup(key string) ([]byte, bool) {
	it := items.Get().(*item)
	if it.key != key { // want `a sync\.Pool is not keyed storage: Get returns an arbitrary item, unrelated to what was Put, and garbage collection drops items without notice, so matching it\.key finds the wanted item only by luck; keep items you look up by key in a map \(with a mutex, or a cache with eviction\) \(sync/pool\.go:\d+, sync/pool\.go:\d+, go1\.\d+(\.\d+)?\)`
		items.Put(it)
		return nil, false
	}
	return it.val, true
}

func lookupReturn(key string) *item {
	it, _ := items.Get().(*item)
	if it != nil && key == it.key { // want `a sync\.Pool is not keyed storage`
		return it
	}
	return nil
}

// A generic wrapper whose pool never gets New.
type typed[T any] struct{ p sync.Pool }

func (t *typed[T]) get() T { return t.p.Get().(T) } // want `t\.p has no New`

type job struct {
	owner *server
	state *bytes.Buffer
}

var jobs = sync.Pool{New: func() any { return new(job) }}

// A pointer field the package assigns: a new owner may change it.
func finish(j *job, s *server) {
	j.owner = s
	jobs.Put(j)
	j.state.Reset() // want `j is used after it was Put back`
}
