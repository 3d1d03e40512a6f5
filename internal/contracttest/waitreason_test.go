package contracttest

import (
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

//go:noinline
func parkWaitGroup(wg *sync.WaitGroup) { wg.Wait() }

//go:noinline
func parkMutex(mu *sync.Mutex) {
	mu.Lock()
	//lint:ignore SA2001 the wait to acquire is what the dump shows
	mu.Unlock()
}

//go:noinline
func parkRLock(rw *sync.RWMutex) {
	rw.RLock()
	//lint:ignore SA2001 the wait to acquire is what the dump shows
	rw.RUnlock()
}

//go:noinline
func parkLock(rw *sync.RWMutex) {
	rw.Lock()
	//lint:ignore SA2001 the wait to acquire is what the dump shows
	rw.Unlock()
}

//go:noinline
func parkCond(c *sync.Cond, ready *bool) {
	c.L.Lock()
	for !*ready {
		c.Wait()
	}
	c.L.Unlock()
}

//go:noinline
func parkAccept(ln net.Listener) { ln.Accept() }

//go:noinline
func parkSleep(stop chan struct{}) {
	time.Sleep(time.Hour)
	close(stop) // never reached within the test
}

// TestWaitReasons parks one goroutine in each of the sync and I/O waits a
// goroutine dump names, reads the wait reason the dump shows for it, and
// checks that only the cited wake-up (Done, Unlock, RUnlock, Signal,
// Close) lets it return.
func TestWaitReasons(t *testing.T) {
	verifies(t, contract.WaitGroupWaitParksUntilDone, contract.MutexLockParksUntilUnlock,
		contract.RWMutexRLockParksUntilUnlock, contract.RWMutexLockParksUntilReleased,
		contract.CondWaitParksUntilSignal, contract.IOWaitParksUntilReady, contract.SleepParksUntilTimer)

	var wg sync.WaitGroup
	wg.Add(1)
	var mu sync.Mutex
	mu.Lock()
	var wlocked, rlocked sync.RWMutex
	wlocked.Lock()
	rlocked.RLock()
	var cmu sync.Mutex
	cond := sync.NewCond(&cmu)
	ready := false
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()

	type parked struct {
		fn, want string
		release  func()
		done     chan struct{}
	}
	cases := []*parked{
		{fn: "parkWaitGroup", want: "sync.WaitGroup.Wait", release: wg.Done},
		{fn: "parkMutex", want: "sync.Mutex.Lock", release: mu.Unlock},
		{fn: "parkRLock", want: "sync.RWMutex.RLock", release: wlocked.Unlock},
		{fn: "parkLock", want: "sync.RWMutex.Lock", release: rlocked.RUnlock},
		{fn: "parkCond", want: "sync.Cond.Wait", release: func() { cmu.Lock(); ready = true; cmu.Unlock(); cond.Signal() }},
		{fn: "parkAccept", want: "IO wait", release: func() { ln.Close() }},
	}
	start := map[string]func(){
		"parkWaitGroup": func() { parkWaitGroup(&wg) },
		"parkMutex":     func() { parkMutex(&mu) },
		"parkRLock":     func() { parkRLock(&wlocked) },
		"parkLock":      func() { parkLock(&rlocked) },
		"parkCond":      func() { parkCond(cond, &ready) },
		"parkAccept":    func() { parkAccept(ln) },
	}
	for _, c := range cases {
		c.done = make(chan struct{})
		go func() { defer close(c.done); start[c.fn]() }()
	}
	go parkSleep(make(chan struct{}))

	states := waitStates(t, append([]string{"parkSleep"}, keys(start)...))
	if got := states["parkSleep"]; got != "sleep" {
		t.Errorf("time.Sleep: dump shows [%s], want [sleep]", got)
	}
	for _, c := range cases {
		if got := states[c.fn]; got != c.want {
			t.Errorf("%s: dump shows [%s], want [%s]", c.fn, got, c.want)
		}
		select {
		case <-c.done:
			t.Errorf("%s returned before its wake-up", c.fn)
			continue
		case <-time.After(20 * time.Millisecond):
		}
		c.release()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Errorf("%s did not return after its wake-up", c.fn)
		}
	}
}

// waitStates waits until a goroutine running each of the named functions
// of this package is parked and returns the wait reason its dump header
// shows, minutes and other annotations cut.
func waitStates(t *testing.T, fns []string) map[string]string {
	t.Helper()
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		dump := string(buf[:runtime.Stack(buf, true)])
		states := map[string]string{}
		for _, block := range strings.Split(dump, "\n\n") {
			header, body, _ := strings.Cut(block, "\n")
			for _, fn := range fns {
				if strings.Contains(body, "contracttest."+fn+"(") {
					_, state, _ := strings.Cut(header, "[")
					state, _, _ = strings.Cut(state, "]")
					state, _, _ = strings.Cut(state, ",")
					states[fn] = state
				}
			}
		}
		settled := len(states) == len(fns)
		for _, s := range states {
			settled = settled && s != "runnable" && s != "running"
		}
		if settled {
			return states
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines did not park: %v", states)
		}
	}
}

func keys(m map[string]func()) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
