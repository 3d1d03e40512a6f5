package contracttest

import (
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

func TestLeakProfileNeedsGOEXPERIMENT(t *testing.T) {
	verifies(t, contract.LeakProfileNeedsGOEXPERIMENT)
	// This test binary is a default build.
	if p := pprof.Lookup("goroutineleak"); p != nil {
		t.Fatal(`pprof.Lookup("goroutineleak") is not nil in a default build`)
	}
}

const leakProgram = `package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

var reachable = make(chan int)

//go:noinline
func leakedRecv(ch chan int) { <-ch }

//go:noinline
func leakedSelect() { select {} }

//go:noinline
func leakedWait(wg *sync.WaitGroup) { wg.Wait() }

//go:noinline
func blockedReachable() { <-reachable }

//go:noinline
func sleeper() { time.Sleep(time.Hour) }

//go:noinline
func start() {
	ch := make(chan int) // unreachable once start returns
	go leakedRecv(ch)
	var wg sync.WaitGroup
	wg.Add(1)
	go leakedWait(&wg)
	go leakedSelect()
	go blockedReachable()
	go sleeper()
}

func main() {
	start()
	// Wait until every goroutine started is parked: detection only sees
	// goroutines that are blocked when it runs.
	buf := make([]byte, 1<<16)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(time.Millisecond) {
		dump := string(buf[:runtime.Stack(buf, true)])
		if strings.Count(dump, "goroutine ") >= 6 && strings.Count(dump, "[runnable") == 0 && strings.Count(dump, "[running") == 1 {
			break
		}
		if time.Now().After(deadline) {
			fmt.Println("error=the goroutines did not park")
			return
		}
	}
	p := pprof.Lookup("goroutineleak")
	if p == nil {
		fmt.Println("profile=nil")
		return
	}
	before := runtime.NumGoroutine()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gcs := ms.NumGC
	var b strings.Builder
	p.WriteTo(&b, 1)
	runtime.ReadMemStats(&ms)
	fmt.Printf("extra_gcs=%d\n", ms.NumGC-gcs)
	for _, fn := range []string{"leakedRecv", "leakedWait", "leakedSelect", "blockedReachable", "sleeper"} {
		fmt.Printf("%s=%v\n", fn, strings.Contains(b.String(), "main."+fn+"+"))
	}
	runtime.GC()
	runtime.GC()
	fmt.Printf("goroutines_kept=%v\n", runtime.NumGoroutine() == before)
	dump := string(buf[:runtime.Stack(buf, true)])
	fmt.Printf("marked_leaked=%v\n", strings.Contains(dump, "[chan receive (leaked)]"))
	os.Stdout.Sync()
}
`

func TestGoroutineLeakProfile(t *testing.T) {
	verifies(t, contract.LeakProfileFindsUnreachableBlocked, contract.LeakProfileSeesOnlyUnreachablePrimitives, contract.LeakedGoroutineOnlyMarked,
		contract.LeakedGoroutineNeverReclaimed, contract.LeakProfileRunsExtraGC, contract.LeakProfileExperimentFlag)
	if testing.Short() {
		t.Skip("-short: the first run rebuilds the standard library with GOEXPERIMENT=goroutineleakprofile")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"go.mod": "module example.com/leak\n\ngo 1.26\n", "main.go": leakProgram})
	env := goEnv()
	if holds(contract.LeakProfileNeedsGOEXPERIMENT) {
		env = append(env, "GOEXPERIMENT=goroutineleakprofile")
	}
	bin := filepath.Join(dir, "leak")
	if out, err := run(t, dir, env, goTool(t), "build", "-o", bin, "."); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	raw, err := run(t, dir, os.Environ(), bin)
	if err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	out := keyValues(raw)
	t.Logf("%v", out)
	if e := out["error"]; e != "" {
		t.Fatal(e)
	}
	if out["profile"] == "nil" {
		t.Fatal("no goroutineleak profile in the experiment build")
	}
	for k, v := range map[string]string{
		"leakedRecv":       "true",  // blocked on a channel nothing else can reach
		"leakedWait":       "true",  // a WaitGroup nothing else can reach
		"leakedSelect":     "true",  // select {}: leaked by definition
		"blockedReachable": "false", // its channel is a global
		"sleeper":          "false", // sleeps are never reported
		"goroutines_kept":  "true",  // reported, not reclaimed
		"marked_leaked":    "true",
	} {
		if got := strings.TrimSpace(out[k]); got != v {
			t.Errorf("%s = %q, want %s", k, got, v)
		}
	}
	if n := strings.TrimSpace(out["extra_gcs"]); n == "" || n == "0" {
		t.Errorf("writing the profile ran %q GC cycles, want at least one", n)
	}
}
