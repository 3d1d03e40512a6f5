package deferloop

import (
	"context"
	"net"
	"os"
	"sync"
	"time"
)

func use(...any) {}

// Files stay open until the function returns.
func readAll(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a loop runs when readAll returns, not when the iteration ends, so every iteration's f stays open until then, one more per iteration; each defer is heap-allocated, and a defer in a loop turns off open-coded defers for the whole function: move the loop body into a func literal called per iteration \(cmd/compile/internal/walk/stmt\.go:\d+, runtime/panic\.go:\d+, go1\.\d+(\.\d+)?\)`
		use(f)
	}
}

// The defer as the last statement of the body piles up just the same
// (no fix: the return would leave the func literal, not the function).
func lastStatement(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return err
		}
		use(f)
		defer f.Close() // want `defer in a loop runs when lastStatement returns, not when the iteration ends, so every iteration's f stays open until then`
	}
	return nil
}

// A lock taken in the iteration stays held, with another defer in the
// function.
func lockEach(mu *sync.Mutex, items []int) {
	defer use("done")
	for i := 0; i < len(items); i++ {
		mu.Lock()
		defer mu.Unlock() // want `defer in a loop runs when lockEach returns, not when the iteration ends, so every iteration's lock on mu stays held until then.* turns off open-coded defers for all 2 defers of the function`
		items[i]++
	}
}

// In a func literal the literal is the function.
var literal = func(names []string) {
	for _, n := range names {
		f, _ := os.Create(n)
		defer f.Close() // want `defer in a loop runs when the func literal returns`
		use(n)
	}
}

// Every context made in the iteration stays registered with its parent
// until the function returns.
func contexts(ctx context.Context, addrs []string) {
	for _, a := range addrs {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel() // want `so every iteration's cancel is not called, so its context stays alive until then`
		use(ctx, a)
	}
}

// A range over a channel queues a call per value received.
func drain(conns <-chan net.Conn) {
	for c := range conns {
		defer c.Close() // want `defer in a loop over a channel: one deferred call is queued per value received and none runs before the channel is closed and drain returns, so the deferred calls pile up until then; each defer is heap-allocated`
		use(c)
	}
}

// The same with a type parameter whose types are channels.
func drainAny[C chan int | <-chan int](ch C) {
	for v := range ch {
		defer use(v) // want `defer in a loop over a channel`
	}
}

// A loop that never ends never runs its defers.
func serveForever(l net.Listener) {
	for {
		c, _ := l.Accept()
		defer c.Close() // want `defer in a loop that never ends: the deferred calls run only if serveForever panics, and one more is queued on every iteration, so every iteration's c stays open for good`
		go func() {
			use(c)
			return
		}()
	}
}

// A loop with a way out is not endless, but what it opens piles up.
func acceptSome(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close() // want `defer in a loop runs when acceptSome returns, not when the iteration ends, so every iteration's c stays open`
		use(c)
	}
}

// Labels, breaks and continues that stay inside the body move with it.
func innerControl(grid [][]int) {
	for _, row := range grid {
		f, _ := os.Open("row")
		defer f.Close() // want `defer in a loop runs when innerControl returns`
	Cells:
		for _, c := range row {
			switch {
			case c < 0:
				break Cells
			case c == 0:
				continue
			}
			if c > 9 {
				break
			}
		}
		use(`a raw string
that spans lines`)
	}
}

// The inner loop is left after the defer, but the outer loop repeats it:
// the fix wraps the outer body.
func outerRepeats(groups [][]string) {
	for _, g := range groups {
		for _, name := range g {
			f, _ := os.Open(name)
			defer f.Close() // want `defer in a loop runs when outerRepeats returns`
			use(f)
			break
		}
	}
}

// Two defers in one body share one fix.
func twoDefers(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		g, _ := os.Create(n + ".out")
		defer f.Close() // want `defer in a loop runs when twoDefers returns, not when the iteration ends, so every iteration's f stays open`
		defer g.Close() // want `defer in a loop runs when twoDefers returns, not when the iteration ends, so every iteration's g stays open`
		use(n)
	}
}

// A range-over-func loop.
func seq(yield func(int) bool) {
	for i := 0; i < 3 && yield(i); i++ {
	}
}

func rangeFunc() {
	for i := range seq {
		f, _ := os.Open("x")
		defer f.Close() // want `defer in a loop runs when rangeFunc returns.* a defer in the body of a range-over-func loop turns off open-coded defers.* \(cmd/compile/internal/walk/expr\.go:\d+, runtime/panic\.go:\d+, go1\.\d+(\.\d+)?\)`
		use(i)
	}
}

// No fix: a continue of the loop.
func withContinue(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a loop runs when withContinue returns`
		if name == "" {
			continue
		}
		use(name)
	}
}

// No fix: a labeled break out of the loop.
func withLabeledBreak(names []string) {
Outer:
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a loop runs when withLabeledBreak returns`
		for range name {
			break Outer
		}
		use(name)
	}
}

// No fix: recover stops working one call deeper.
func withRecover(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop runs when withRecover returns`
		use(recover())
	}
}

// A conditional defer piles up just the same.
func conditional(names []string) {
	for _, name := range names {
		if name != "" {
			f, _ := os.Open(name)
			defer f.Close() // want `defer in a loop runs when conditional returns`
		}
		use(name)
	}
}

// A nil check whose body does not set what it tests guards nothing.
func notAGuard(names []string, f *os.File) {
	for _, name := range names {
		if f == nil {
			g, _ := os.Open(name)
			defer g.Close() // want `defer in a loop runs when notAGuard returns`
		}
		use(name)
	}
}

// No fix: a close-on-error cleanup looks at the function's err when it
// runs; run at the end of each iteration it would see that iteration's
// err, not the function's. The files still pile up (and on success none
// is ever closed).
func createAll(names []string, data []byte) (err error) {
	for _, n := range names {
		f, _ := os.Create(n)
		defer func() { // want `defer in a loop runs when createAll returns, not when the iteration ends, so every iteration's f stays open until then.*: release it within the iteration; this deferred call also looks at how createAll ends`
			if err != nil {
				f.Close()
				os.Remove(n)
			}
		}()
		_, err = f.Write(data)
	}
	return err
}

// No fix either when the cleanup is handed the address of the function's
// err.
type handle struct{ f *os.File }

func openHandle(name string) *handle {
	f, _ := os.Open(name)
	return &handle{f}
}

func (h *handle) closeOnErr(errp *error) {
	if *errp != nil {
		h.f.Close()
	}
}

func openAll(names []string) (err error) {
	for _, n := range names {
		h := openHandle(n)
		defer h.closeOnErr(&err) // want `defer in a loop runs when openAll returns.*: release it within the iteration; this deferred call also looks at how openAll ends`
		use(h)
	}
	return nil
}

// A review-tier defer earlier in the same loop does not take the fix away
// from the finding.
func mixed(names []string) {
	for _, n := range names {
		defer use(n)
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop runs when mixed returns, not when the iteration ends, so every iteration's f stays open`
	}
}

// A timer reset in the loop fires again: its case can run every time.
func rearmed(ctx context.Context, results <-chan error, delay time.Duration) {
	t := time.NewTimer(delay)
	for {
		select {
		case <-t.C:
			ctx, cancel := context.WithCancel(ctx)
			defer cancel() // want `so every iteration's cancel is not called`
			use(ctx)
			t.Reset(delay)
		case <-results:
		}
	}
}

// A value copied out of what the iteration opened does not keep it.
type iter struct{ buf []byte }

type entry struct {
	version uint64
	value   []byte
}

func (t *iter) Close()           {}
func (t *iter) ValueCopy() entry { return entry{value: append([]byte(nil), t.buf...)} }
func newIter(int) *iter          { return &iter{} }

func newest(tables []int) (best entry) {
	for _, t := range tables {
		it := newIter(t)
		defer it.Close() // want `defer in a loop runs when newest returns, not when the iteration ends, so every iteration's it stays open`
		if e := it.ValueCopy(); e.version > best.version {
			best = it.ValueCopy()
		}
	}
	return best
}

// A continue between the defer and the return starts the next iteration.
func continueFirst(names []string) error {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop runs when continueFirst returns, not when the iteration ends, so every iteration's f stays open`
		if n == "" {
			continue
		}
		return nil
	}
	return nil
}

// Test-support code piles up just the same: a helper that leaks a file per
// name can make a test suite run out of descriptors.
func OpenAllForTest(names []string) []string {
	var out []string
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop runs when OpenAllForTest returns, not when the iteration ends, so every iteration's f stays open until then`
		out = append(out, f.Name())
	}
	return out
}

// A worker loop without a condition queues a closure per iteration.
func worker(jobs <-chan int, stop <-chan struct{}, total *int64) {
	var n int64
	for {
		select {
		case <-stop:
			return
		case j := <-jobs:
			n += int64(j)
		}
		defer func() { *total += n }() // want `defer in a for loop without a condition runs when worker returns, not when the iteration ends, so one more deferred call, and all its arguments and closure hold, piles up on every iteration until then`
	}
}
