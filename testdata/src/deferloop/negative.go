package deferloop

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"
)

// The idiom: the body is a func literal, whose defers run per iteration.
func perIteration(names []string) {
	for _, name := range names {
		func() {
			f, _ := os.Open(name)
			defer f.Close()
			use(f)
		}()
	}
}

// A goroutine per iteration defers in its own function.
func goroutines(wg *sync.WaitGroup, n int) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(i)
		}()
	}
}

// The body always returns right after the defer (go-critic#1451): the
// defer runs once per call.
func firstMatch(names []string) (*os.File, error) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer use("found")
		return f, nil
	}
	return nil, errors.New("none")
}

// Every path after the defer breaks out of the loop.
func breakAfter(mu *sync.Mutex, tries int) {
	for i := 0; i < tries; i++ {
		if !mu.TryLock() {
			continue
		}
		defer mu.Unlock()
		if i > 0 {
			panic("retried")
		}
		break
	}
}

// Every path after the defer leaves the loop, in a nested block.
func firstOpen(names []string) *os.File {
	for _, name := range names {
		if f, err := os.Open(name); err == nil {
			defer use(name)
			if name == "" {
				return nil
			}
			return f
		}
	}
	return nil
}

// A loop whose body ends the function in every case after the defer,
// in a switch.
func dispatch(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close()
		switch n {
		case "a":
			return nil
		default:
			return errors.New(n)
		}
	}
	return nil
}

// Silenced by a golangci-lint directive naming the analyzer.
func nolinted(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //nolint:deferloop // closed when the report is done
		use(f)
	}
}

// Demoted by staticcheck's directive for the same concern: shown only in
// review mode.
func lintIgnored(ch <-chan *os.File) {
	for f := range ch {
		//lint:ignore SA9001 the channel is closed after a handful of files
		defer f.Close()
	}
}

// A method named defer-like, and a defer outside any loop.
func outside(f *os.File) {
	defer f.Close()
	for i := 0; i < 3; i++ {
		use(i)
	}
}

// Suppressed with a reason.
func suppressed(names []string) {
	for _, n := range names {
		//rtlint:ignore deferloop every cleanup must wait for the commit below
		defer use(n)
		use(n)
	}
}

// Lazy set-up guarded by a nil check runs its defer once per call.
func lazyTimer(deadlines []time.Duration, ch <-chan int) {
	var timer *time.Timer
	for _, d := range deadlines {
		if timer == nil {
			timer = time.NewTimer(d)
			defer timer.Stop()
		} else {
			timer.Reset(d)
		}
		select {
		case <-ch:
		case <-timer.C:
		}
	}
}

// The same with a flag.
func firstOnly(items []int, mu *sync.Mutex) {
	first := true
	for _, it := range items {
		if first {
			first = false
			mu.Lock()
			defer mu.Unlock()
		}
		use(it)
	}
}

// A case on a timer that fires once runs its defer at most once per call.
func fallbackRacer(ctx context.Context, results <-chan error, delay time.Duration) error {
	fallback := time.NewTimer(delay)
	defer fallback.Stop()
	for {
		select {
		case <-fallback.C:
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			use(ctx)
		case err := <-results:
			if err == nil {
				return nil
			}
			// Fire now if it has not fired yet: still once.
			if fallback.Stop() {
				fallback.Reset(0)
			}
		}
	}
}

// Every path after the defer returns; the continue further down the body
// cannot be reached from it.
func tryHosts(hosts []string) (*os.File, error) {
	for _, h := range hosts {
		f, err := os.Open(h)
		if err != nil {
			continue
		}
		if h == "" {
			defer f.Close()
			return nil, errors.New("bad host")
		}
		if h == "skip" {
			continue
		}
		return f, nil
	}
	return nil, nil
}
