// Package review holds the defers in loops that deferloop reports only in
// review mode: the loop is bounded by a handful of items, the defer's
// timing at the end of the function is its point, what it releases is
// kept after the iteration, or it releases nothing the iteration
// acquired.
package review

import (
	"context"
	"os"
	"sync"
	"time"
)

func use(...any) {}

// A range over a literal of a handful of items.
func literalRange() {
	for _, n := range []string{"a", "b", "c"} {
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop of at most 3 iterations runs when literalRange returns, not when the iteration ends; each defer is heap-allocated, and a defer in a loop turns off open-coded defers for the whole function: if holding each until then is not the point, move the loop body into a func literal called per iteration \(cmd/compile/internal/walk/stmt\.go:\d+, runtime/panic\.go:\d+, go1\.\d+(\.\d+)?\)`
		use(f)
	}
}

// A local variable only ever set to short literals, and resliced.
func networks(tcpOnly bool) {
	nets := []string{"udp", "tcp"}
	if tcpOnly {
		nets = []string{"tcp"}
	}
	nets = nets[:1]
	for _, n := range nets {
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop of at most 2 iterations`
		use(f)
	}
}

// An array, and a counted loop.
func counted(a [4]string) {
	for _, n := range a {
		defer use(n) // want `defer in a loop of at most 4 iterations`
	}
	for i := 0; i < 3; i++ {
		f, _ := os.Open("x")
		defer f.Close() // want `defer in a loop of at most 3 iterations`
	}
	for i := 5; i >= 1; i-- {
		defer use(i) // want `defer in a loop of at most 5 iterations`
	}
}

// The deferred literal recovers and sets the result: that is work for the
// end of the function.
func recovers(names []string) (err error) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer func() { // want `defer in a loop runs when recovers returns, not when the iteration ends; the deferred literal recovers panics or sets results for the whole function, so that is probably the point, but each defer is heap-allocated`
			f.Close()
			if e := recover(); e != nil {
				err = os.ErrInvalid
			}
		}()
		use(f)
	}
	return nil
}

// What the defer releases is kept after the iteration: closing it when
// the function returns may be the point (close on error).
func keep(addrs []string) (conns []*os.File) {
	for _, a := range addrs {
		c, _ := os.Open(a)
		defer c.Close() // want `defer in a loop runs when keep returns, not when the iteration ends; c is kept after the iteration, so releasing it then may be the point`
		conns = append(conns, c)
	}
	return conns
}

// A goroutine uses the file after the iteration.
func serve(names []string, done chan struct{}) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want `f is kept after the iteration`
		go func() {
			use(f)
			done <- struct{}{}
		}()
	}
}

// Nothing the iteration acquired: the calls pile up, but release nothing.
func plain(names []string) {
	for _, n := range names {
		defer use(n) // want `defer in a loop runs when plain returns, not when the iteration ends, so the deferred calls pile up until then; each defer is heap-allocated, and a defer in a loop turns off open-coded defers for the whole function: if holding each until then is not the point, move the loop body into a func literal called per iteration`
		use(n)
	}
}

// Locking every mutex of a list until the function returns is an idiom.
func lockAll(mus []*sync.Mutex) {
	for _, mu := range mus {
		mu.Lock()
		defer mu.Unlock() // want `defer in a loop runs when lockAll returns`
	}
	use(mus)
}

// The same at the end of an if block that ends the body.
func lockSome(mus []*sync.Mutex, skip func(int) bool) {
	for i, mu := range mus {
		use(i)
		if !skip(i) {
			mu.Lock()
			defer mu.Unlock() // want `defer in a loop runs when lockSome returns`
		}
	}
}

// A parent chain locked on the way up.
type node struct {
	mu     sync.Mutex
	parent *node
	done   bool
}

func (n *node) firstOpen() *node {
	for p := n.parent; p != nil; p = p.parent {
		p.mu.Lock()
		defer p.mu.Unlock() // want `defer in a loop runs when firstOpen returns`
		if !p.done {
			return p
		}
	}
	return nil
}

// Another tool's suppression of the same concern demotes a finding to the
// review tier.
func dismissed(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //nolint:gocritic // deferInLoop: a handful of files, closed on return // want `defer in a loop runs when dismissed returns`
		use(f)
	}
	for _, n := range names {
		f, _ := os.Open(n)
		//lint:ignore SA9001 the files must stay open until the report is written
		defer f.Close() // want `defer in a loop runs when dismissed returns`
		use(f)
	}
}

// A local variable declared empty and set to short literals.
func declaredEmpty(tcpOnly bool) {
	var nets []string
	if tcpOnly {
		nets = []string{"tcp"}
	} else {
		nets = []string{"udp", "tcp"}
	}
	for _, n := range nets {
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop of at most 2 iterations`
		use(f)
	}
}

// A context with a deadline ends by itself when the deadline passes.
func dialEach(ctx context.Context, addrs []string, dial func(context.Context, string)) {
	for _, a := range addrs {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `cancel cancels a context with a deadline, which ends by itself when the deadline passes`
		dial(ctx, a)
	}
}

// A deferred call that uses what the iteration made, without releasing it:
// apply runs after the loop on purpose.
type config struct{}

func (config) apply(*tlsConfig) {}

type tlsConfig struct{}

func newTLS(config) *tlsConfig { return &tlsConfig{} }

func reload(configs []config) {
	for _, c := range configs {
		tc := newTLS(c)
		defer c.apply(tc) // want `defer in a loop runs when reload returns, not when the iteration ends, so the deferred calls pile up until then`
	}
}

// A field of the timer, its channel, is kept after the iteration.
func headerTimeout(events []int, d time.Duration) {
	var timeout <-chan time.Time
	for _, ev := range events {
		if ev == 0 {
			t := time.NewTimer(d)
			defer t.Stop() // want `t is kept after the iteration`
			timeout = t.C
		}
		select {
		case <-timeout:
			return
		default:
		}
	}
}
