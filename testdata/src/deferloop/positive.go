package deferloop

import (
	"os"
	"sync"
)

func use(...any) {}

// Files stay open until the function returns.
func readAll(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a loop runs when readAll returns, not when the iteration ends, so the deferred calls pile up until then \(files stay open, locks stay held\); each one is heap-allocated, and it turns off open-coded defers for the whole function: move the loop body into a func literal called per iteration \(cmd/compile/internal/walk/stmt\.go:\d+, runtime/panic\.go:\d+, go1\.\d+(\.\d+)?\)`
		use(f)
	}
}

// A lock held across iterations, with another defer in the function.
func lockEach(mu *sync.Mutex, items []int) {
	defer use("done")
	for i := 0; i < len(items); i++ {
		mu.Lock()
		defer mu.Unlock() // want `defer in a loop runs when lockEach returns.* turns off open-coded defers for all 2 defers of the function`
		items[i]++
	}
}

// In a func literal the literal is the function.
var literal = func(names []string) {
	for _, n := range names {
		defer use(n) // want `defer in a loop runs when the func literal returns`
		use(n)
	}
}

// Labels, breaks and continues that stay inside the body move with it.
func innerControl(grid [][]int) {
	for _, row := range grid {
		defer use(row) // want `defer in a loop runs when innerControl returns`
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
		defer use(n, 1) // want `defer in a loop runs when twoDefers returns`
		defer use(n, 2) // want `defer in a loop runs when twoDefers returns`
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
		defer use(i) // want `defer in the body of a range-over-func loop runs when rangeFunc returns.* \(cmd/compile/internal/walk/expr\.go:\d+, runtime/panic\.go:\d+, go1\.\d+(\.\d+)?\)`
		use(i)
	}
}

// No fix: a return in the body.
func withReturn(names []string) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close() // want `defer in a loop runs when withReturn returns`
		use(f)
	}
	return nil
}

// No fix: a continue of the loop.
func withContinue(names []string) {
	for _, name := range names {
		defer use(name) // want `defer in a loop runs when withContinue returns`
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
		defer use(name) // want `defer in a loop runs when withLabeledBreak returns`
		for range name {
			break Outer
		}
		use(name)
	}
}

// No fix: recover stops working one call deeper.
func withRecover(fs []func()) {
	for _, f := range fs {
		defer f() // want `defer in a loop runs when withRecover returns`
		use(recover())
	}
}

// A conditional defer piles up just the same.
func conditional(names []string) {
	for _, name := range names {
		if name != "" {
			defer use(name) // want `defer in a loop runs when conditional returns`
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

// No fix: the connections are kept after the iteration.
func keep(addrs []string) (conns []*os.File) {
	for _, a := range addrs {
		c, _ := os.Open(a)
		defer c.Close() // want `defer in a loop runs when keep returns`
		conns = append(conns, c)
		use(a)
	}
	return conns
}

// No fix: a goroutine uses the file after the iteration.
func serve(names []string, done chan struct{}) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() // want `defer in a loop runs when serve returns`
		go func() {
			use(f)
			done <- struct{}{}
		}()
		use(n)
	}
}
