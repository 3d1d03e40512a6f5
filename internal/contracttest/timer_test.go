package contracttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

// libSrc is a library module at go 1.21: its go line sets the language
// version of its files (loop variables) but no GODEBUG default.
var libSrc = map[string]string{
	"go.mod": "module example.com/lib\n\ngo 1.21\n",
	"lib.go": `package lib

import "time"

func AfterCap() int { return cap(time.After(time.Hour)) }

func LoopVar() string {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	return string(rune('0'+fs[0]())) + string(rune('0'+fs[1]())) + string(rune('0'+fs[2]()))
}
`,
}

// mainSrc is the main package built under several go lines.
const mainSrc = `package main

import (
	"fmt"
	"os"
	"runtime"
	"time"

	"example.com/lib"
)

func retainedKB(f func()) int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	f()
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return (int64(ms.HeapAlloc) - int64(before)) / 1024
}

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	fmt.Printf("loopvar=%d%d%d\n", fs[0](), fs[1](), fs[2]())
	fmt.Printf("lib_loopvar=%s\n", lib.LoopVar())
	fmt.Printf("after_cap=%d\n", cap(time.After(time.Hour)))
	fmt.Printf("lib_after_cap=%d\n", lib.AfterCap())
	// 100000 unreferenced, unfired timers: about 25 MB if they stay.
	fmt.Printf("after_retained_kb=%d\n", retainedKB(func() {
		for i := 0; i < 100000; i++ {
			time.After(time.Hour)
		}
	}))
	fmt.Printf("tick_retained_kb=%d\n", retainedKB(func() {
		for i := 0; i < 100000; i++ {
			time.Tick(time.Hour)
		}
	}))
	// A timer that fired unobserved, then Reset without a drain. The 1ms
	// timer fires before the 50ms sleep ends (timers run in order).
	t := time.NewTimer(time.Millisecond)
	time.Sleep(50 * time.Millisecond)
	t.Reset(time.Hour)
	select {
	case <-t.C:
		fmt.Println("reset_stale=true")
	default:
		fmt.Println("reset_stale=false")
	}
	os.Stdout.Sync()
}
`

type goLineResult struct {
	out          map[string]string
	defaultDebug string
}

// buildGoLine builds mainSrc in a main module whose go.mod says go 1.minor
// (requiring the go 1.21 library) and returns what the program prints and
// the binary's DefaultGODEBUG.
func buildGoLine(goCmd, root string, minor int) (goLineResult, error) {
	var r goLineResult
	dir := filepath.Join(root, fmt.Sprint(minor))
	if err := writeTree(filepath.Join(dir, "lib"), libSrc); err != nil {
		return r, err
	}
	err := writeTree(filepath.Join(dir, "m"), map[string]string{
		"go.mod":  fmt.Sprintf("module example.com/m\n\ngo 1.%d\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n", minor),
		"main.go": mainSrc,
	})
	if err != nil {
		return r, err
	}
	bin := filepath.Join(dir, "m.bin")
	if out, err := command(filepath.Join(dir, "m"), goEnv(), goCmd, "build", "-o", bin, "."); err != nil {
		return r, fmt.Errorf("go build (go 1.%d): %v\n%s", minor, err, out)
	}
	out, err := command(dir, os.Environ(), bin)
	if err != nil {
		return r, fmt.Errorf("run (go 1.%d): %v\n%s", minor, err, out)
	}
	info, err := command(dir, goEnv(), goCmd, "version", "-m", bin)
	if err != nil {
		return r, fmt.Errorf("go version -m: %v\n%s", err, info)
	}
	r.out = keyValues(out)
	for _, line := range strings.Split(info, "\n") {
		if _, v, ok := strings.Cut(line, "DefaultGODEBUG="); ok {
			r.defaultDebug = strings.TrimSpace(v)
		}
	}
	return r, nil
}

// goLineMinors are the go lines the tests build under.
var goLineMinors = []int{21, 22, 23, 24, 25}

var goLines struct {
	sync.Once
	m   map[int]goLineResult
	err error
}

// goLine returns the program's results under go 1.minor. The first call
// builds and runs all of goLineMinors, concurrently.
func goLine(t *testing.T, minor int) goLineResult {
	t.Helper()
	goCmd := goTool(t)
	goLines.Do(func() {
		root, err := os.MkdirTemp("", "rtlint-golines-")
		if err != nil {
			goLines.err = err
			return
		}
		defer os.RemoveAll(root)
		goLines.m = map[int]goLineResult{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, minor := range goLineMinors {
			wg.Go(func() {
				r, err := buildGoLine(goCmd, root, minor)
				mu.Lock()
				defer mu.Unlock()
				if err != nil && goLines.err == nil {
					goLines.err = err
				}
				goLines.m[minor] = r
			})
		}
		wg.Wait()
	})
	if goLines.err != nil {
		t.Fatal(goLines.err)
	}
	return goLines.m[minor]
}

func kb(t *testing.T, r goLineResult, key string) int {
	t.Helper()
	n, err := strconv.Atoi(r.out[key])
	if err != nil {
		t.Fatalf("%s = %q: %v", key, r.out[key], err)
	}
	return n
}

func debugHas(r goLineResult, setting string) bool {
	return strings.Contains(","+r.defaultDebug+",", ","+setting+",")
}

// asyncTimersByDefault says whether a main module at go 1.minor gets the
// pre-1.23 timers on this toolchain.
func asyncTimersByDefault(minor int) bool {
	return minor < 23 && holds(contract.AsyncTimerChanDefaultFromGoLine)
}

func TestGoLineSelectsTimerSemantics(t *testing.T) {
	verifies(t, contract.UnreferencedTimerCollectable, contract.AsyncTimerChanRestoresOldTimers, contract.AsyncTimerChanSelectsOldPath,
		contract.ChanTimerHeapedOnlyWhileBlocked, contract.TimerChanReportsUnbuffered, contract.AsyncTimerChanDefaultFromGoLine,
		contract.TickerNeverCollectedBefore123, contract.ResetNeedsDrainBefore123)
	for _, minor := range []int{22, 23} {
		t.Run(fmt.Sprintf("go1.%d", minor), func(t *testing.T) {
			r := goLine(t, minor)
			t.Logf("%v; DefaultGODEBUG=%s", r.out, r.defaultDebug)
			async := asyncTimersByDefault(minor)
			if got := debugHas(r, "asynctimerchan=1"); got != async {
				t.Errorf("DefaultGODEBUG has asynctimerchan=1: %v, want %v", got, async)
			}
			wantCap := "0" // buffered inside, reported unbuffered
			if async {
				wantCap = "1"
			}
			if r.out["after_cap"] != wantCap {
				t.Errorf("cap(time.After(d)) = %s, want %s", r.out["after_cap"], wantCap)
			}
			wantStale := fmt.Sprint(async)
			if r.out["reset_stale"] != wantStale {
				t.Errorf("receive after Reset without drain got a stale value: %s, want %s", r.out["reset_stale"], wantStale)
			}
			for _, key := range []string{"after_retained_kb", "tick_retained_kb"} {
				n := kb(t, r, key)
				if async && n < 8<<10 {
					t.Errorf("%s = %d: 100000 unfired timers were collected under asynctimerchan=1", key, n)
				}
				if !async && n > 2<<10 {
					t.Errorf("%s = %d: 100000 unreferenced timers were not collected", key, n)
				}
			}
		})
	}
}

func TestGODEBUGDefaultsFromMainModule(t *testing.T) {
	verifies(t, contract.GoLineSelectsGODEBUGDefaults, contract.GODEBUGDefaultsOnlyForMain, contract.GODEBUGFromMainModule,
		contract.ContainerMaxProcsFromGoLine, contract.UpdateMaxProcsFromGoLine)
	for _, minor := range []int{22, 24, 25} {
		r := goLine(t, minor)
		old := minor < 25
		for _, s := range []string{"containermaxprocs=0", "updatemaxprocs=0"} {
			if got := debugHas(r, s); got != old {
				t.Errorf("go 1.%d: DefaultGODEBUG has %s: %v, want %v (%s)", minor, s, got, old, r.defaultDebug)
			}
		}
		// The library's own go line (1.21) selects nothing: it gets the
		// main module's timers.
		if got, want := r.out["lib_after_cap"], r.out["after_cap"]; got != want {
			t.Errorf("go 1.%d: cap(time.After) in the go 1.21 library = %s, in main = %s", minor, got, want)
		}
	}
}

func TestGoLineSelectsLoopVarSemantics(t *testing.T) {
	verifies(t, contract.PerIterationLoopVars)
	for minor, want := range map[int]string{21: "333", 22: "012"} {
		r := goLine(t, minor)
		if r.out["loopvar"] != want {
			t.Errorf("go 1.%d: closures over a 3-clause loop variable saw %s, want %s", minor, r.out["loopvar"], want)
		}
		// Language version is per file: the go 1.21 library keeps one
		// variable whatever the main module says.
		if r.out["lib_loopvar"] != "333" {
			t.Errorf("go 1.%d: the go 1.21 library's closures saw %s, want 333", minor, r.out["lib_loopvar"])
		}
	}
}

func init() {
	children["asynctimerchan"] = func() {
		t := time.NewTimer(time.Hour)
		println("cap_before=", cap(t.C))
		os.Setenv("GODEBUG", "asynctimerchan=1")
		println("cap_after=", cap(t.C))
	}
}

func TestAsyncTimerChanRuntimeSetting(t *testing.T) {
	verifies(t, contract.AsyncTimerChanRuntimeSetting)
	out := runChild(t, "asynctimerchan")
	if strings.TrimSpace(out["cap_before"]) != "0" || strings.TrimSpace(out["cap_after"]) != "1" {
		t.Fatalf("cap of an existing timer channel before and after os.Setenv(GODEBUG=asynctimerchan=1): %v, want 0 then 1", out)
	}
}

func TestTimerAllocation(t *testing.T) {
	verifies(t, contract.AfterAllocatesTimer, contract.SleepReusesGoroutineTimer)
	if n := testing.AllocsPerRun(100, func() { time.After(time.Hour) }); n < 2 {
		t.Errorf("time.After allocates %v objects per call, want a timer and a channel", n)
	}
	time.Sleep(time.Nanosecond) // the goroutine's timer exists from here on
	if n := testing.AllocsPerRun(100, func() { time.Sleep(time.Nanosecond) }); n != 0 {
		t.Errorf("time.Sleep allocates %v objects per call, want 0 (the goroutine's timer is reused)", n)
	}
}
