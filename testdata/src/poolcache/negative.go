package poolcache

import (
	"bytes"
	"sync"
)

var ok = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// The idiom: Get, use, Put last (or deferred).
func idiom(s string) string {
	b := ok.Get().(*bytes.Buffer)
	defer ok.Put(b)
	b.Reset()
	b.WriteString(s)
	return b.String()
}

// Explicit Put after the last use; the result was copied out.
func explicit(s string) string {
	b := ok.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(s)
	out := b.String()
	ok.Put(b)
	return out
}

var bare sync.Pool

// No New, but the result is checked.
func commaOK() *bytes.Buffer {
	b, found := bare.Get().(*bytes.Buffer)
	if !found {
		b = new(bytes.Buffer)
	}
	return b
}

func nilCheck() *bytes.Buffer {
	v := bare.Get()
	if v == nil {
		return new(bytes.Buffer)
	}
	return v.(*bytes.Buffer)
}

func typeSwitch() *bytes.Buffer {
	switch b := bare.Get().(type) {
	case *bytes.Buffer:
		return b
	}
	return new(bytes.Buffer)
}

// New set in a constructor.
type cache struct{ p sync.Pool }

func newCache() *cache {
	c := &cache{}
	c.p.New = func() any { return new(bytes.Buffer) }
	return c
}

func (c *cache) get() *bytes.Buffer { return c.p.Get().(*bytes.Buffer) }

// New set in a keyed literal of the containing struct.
type holder struct{ p sync.Pool }

var h = holder{p: sync.Pool{New: func() any { return new(bytes.Buffer) }}}

func (h *holder) get() *bytes.Buffer { return h.p.Get().(*bytes.Buffer) }

// A pool handed in from outside: its New is not visible here.
func fromParam(p *sync.Pool) *bytes.Buffer { return p.Get().(*bytes.Buffer) }

// The address of a pool handed to an initializer.
var inited sync.Pool

func setup(p *sync.Pool) { p.New = func() any { return new(bytes.Buffer) } }

func init() { setup(&inited) }

func useInited() *bytes.Buffer { return inited.Get().(*bytes.Buffer) }

// Exported pools may get New from another package.
var Exported sync.Pool

func useExported() *bytes.Buffer { return Exported.Get().(*bytes.Buffer) }

// Puts per iteration of values that are reassigned each time.
func perIteration(bufs []*bytes.Buffer) {
	for _, b := range bufs {
		ok.Put(b)
	}
	for i := 0; i < 3; i++ {
		b := ok.Get().(*bytes.Buffer)
		b.Reset()
		ok.Put(b)
	}
}

// Reassigned after the Put: the later use is of another value.
func reassigned() {
	b := ok.Get().(*bytes.Buffer)
	ok.Put(b)
	b = new(bytes.Buffer)
	b.WriteString("fresh")
}

// Branches that return after the Put.
func earlyReturn(fail bool) error {
	b := ok.Get().(*bytes.Buffer)
	if fail {
		ok.Put(b)
		return nil
	}
	b.WriteString("x")
	ok.Put(b)
	return nil
}

// Length and nil checks after the Put read only the local copy.
func lenAfterPut(p *sync.Pool) {
	s := make([]byte, 10)
	p.Put(s)
	_ = len(s)
	if s != nil {
		_ = cap(s)
	}
}

// A value put by copy (SA6002's business) may be used afterwards.
type small struct{ a, b int }

func valuePut(p *sync.Pool) int {
	v := small{1, 2}
	p.Put(v)
	return v.a
}

// A deferred func literal that Puts runs at the end.
func deferredLiteral() string {
	b := ok.Get().(*bytes.Buffer)
	defer func() {
		b.Reset()
		ok.Put(b)
	}()
	b.WriteString("x")
	return b.String()
}

// Comparing a field with a constant is a state check, not a lookup.
type frame struct {
	kind int
	data []byte
}

var frames = sync.Pool{New: func() any { return new(frame) }}

func getFrame(size int) *frame {
	f := frames.Get().(*frame)
	if f.kind != 0 || cap(f.data) < size {
		f = &frame{data: make([]byte, size)}
	}
	return f
}

// A same-named method on another type.
type myPool struct{}

func (myPool) Get() any  { return nil }
func (myPool) Put(x any) {}

func lookalike() *bytes.Buffer {
	var p myPool
	b := p.Get().(*bytes.Buffer)
	p.Put(b)
	p.Put(b)
	return b
}

// A mismatched item is reset, not looked up: any item will do.
type encoder struct{ w *bytes.Buffer }

func (e *encoder) reset(w *bytes.Buffer) { e.w = w }

var encoders = sync.Pool{New: func() any { return new(encoder) }}

func getEncoder(w *bytes.Buffer) *encoder {
	e := encoders.Get().(*encoder)
	if e.w != w {
		e.reset(w)
	}
	return e
}

// A generic wrapper whose constructor sets New.
type typedNew[T any] struct{ p sync.Pool }

func newTyped[T any](f func() T) *typedNew[T] {
	return &typedNew[T]{p: sync.Pool{New: func() any { return f() }}}
}

func (t *typedNew[T]) get() T { return t.p.Get().(T) }

// A worker returns itself to its cache, then reads its pool: the pool field
// is set only when the worker is made, so no new owner changes it.
type workerPool struct {
	cache sync.Pool
	mu    sync.Mutex
	idle  int
}

type worker struct {
	pool *workerPool
	task chan func()
}

func newWorkerPool() *workerPool {
	p := &workerPool{}
	p.cache.New = func() any { return &worker{pool: p, task: make(chan func())} }
	return p
}

func (w *worker) exit() {
	w.pool.cache.Put(w)
	w.pool.mu.Lock()
	w.pool.idle++
	w.pool.mu.Unlock()
}
