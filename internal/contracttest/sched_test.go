package contracttest

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

//go:noinline
func emptySelect() { select {} }

//go:noinline
func nilSend() {
	var ch chan int
	ch <- 1
}

//go:noinline
func nilRecv() {
	var ch chan int
	<-ch
}

// TestEmptySelectAndNilChanParkForever starts goroutines that can never be
// readied; they stay parked for the rest of the test binary's life.
func TestEmptySelectAndNilChanParkForever(t *testing.T) {
	verifies(t, contract.EmptySelectParksForever, contract.EmptySelectWaitReason, contract.NilChanSendParksForever, contract.NilChanRecvParksForever)
	// Goroutines from earlier runs (-count) are still parked: count on.
	cases := []struct{ fn, reason string }{
		{"contracttest.emptySelect(", "select (no cases)"},
		{"contracttest.nilSend(", "chan send (nil chan)"},
		{"contracttest.nilRecv(", "chan receive (nil chan)"},
	}
	var before []int
	for _, c := range cases {
		before = append(before, parked(c.fn, c.reason))
	}
	go emptySelect()
	go nilSend()
	go nilRecv()
	for i, c := range cases {
		waitParked(t, c.fn, c.reason, before[i]+1)
	}
	runtime.GC() // nothing collects a parked goroutine
	for range 20 {
		time.Sleep(time.Millisecond)
	}
	for i, c := range cases {
		waitParked(t, c.fn, c.reason, before[i]+1)
	}

	// Non-blocking operations on a nil channel take the default branch.
	var ch chan int
	select {
	case ch <- 1:
		t.Fatal("send on a nil channel proceeded")
	default:
	}
	select {
	case <-ch:
		t.Fatal("receive from a nil channel proceeded")
	default:
	}
}

func TestEmptySelectCompilesToBlock(t *testing.T) {
	verifies(t, contract.EmptySelectCompilesToBlock)
	asm := compile(t, "package p\n\nfunc f() { select {} }\n", "-S")
	if !strings.Contains(asm, "runtime.block(SB)") || strings.Contains(asm, "runtime.selectgo(SB)") {
		t.Fatalf("select {} does not compile to a call of runtime.block:\n%s", asm)
	}
}

func init() {
	children["gosched"] = func() {
		// One P: main and a goroutine that yields in a loop share it.
		var turns atomic.Int64
		var stop atomic.Bool
		go func() {
			for !stop.Load() {
				turns.Add(1)
				runtime.Gosched()
			}
		}()
		runtime.Gosched()
		ran := 0
		for range 100 {
			before := turns.Load()
			runtime.Gosched()
			if turns.Load() > before {
				ran++
			}
		}
		stop.Store(true)
		println("resumed=100")
		println("other=" + strconv.Itoa(ran))
	}
}

// TestGoschedReturns: on one P, each Gosched lets the other runnable
// goroutine run, and the caller, still runnable, resumes by itself: no
// wake-up is needed (it is not a sleep), and its 100 calls all return.
func TestGoschedReturns(t *testing.T) {
	verifies(t, contract.GoschedDoesNotSuspend)
	out := runChild(t, "gosched", "GOMAXPROCS=1")
	if out["resumed"] != "100" {
		t.Fatalf("the yielding goroutine did not resume after every Gosched: %v", out)
	}
	// The other goroutine ran between most of main's yields (a few may
	// find it not yet requeued); none at all would mean Gosched kept the
	// processor.
	if n, _ := strconv.Atoi(out["other"]); n < 50 {
		t.Fatalf("the other runnable goroutine ran during only %d of 100 Gosched calls: %v", n, out)
	}
}

var spinCounter int

//go:noinline
func spin() {
	for {
		spinCounter++
	}
}

func init() {
	children["preempt"] = func() {
		// One P: once spin runs, main can only run again if spin is
		// preempted, and spin makes no calls (no cooperative safe point).
		go spin()
		time.Sleep(20 * time.Millisecond)
		println("main=resumed")
	}
}

func TestAsyncPreemption(t *testing.T) {
	verifies(t, contract.AsyncPreemption)
	if runtime.GOARCH == "wasm" {
		t.Skip("no asynchronous preemption on wasm")
	}
	out := runChild(t, "preempt", "GOMAXPROCS=1")
	if out["main"] != "resumed" {
		t.Fatalf("main did not run again while a tight loop held the only P: %v", out)
	}
	if testing.Short() {
		return
	}
	// With asynchronous preemption off, nothing can take the P from the
	// loop: the child hangs until killed.
	raw, err := runChildRaw(t, 2*time.Second, "preempt", "GOMAXPROCS=1", "GODEBUG=asyncpreemptoff=1")
	if err == nil || strings.Contains(raw, "main=resumed") {
		t.Fatalf("with asyncpreemptoff=1 main ran again (err %v): %s", err, raw)
	}
}

// stwOther is the number of stop-the-world pauses not caused by the GC.
func stwOther() uint64 {
	s := []metrics.Sample{{Name: "/sched/pauses/total/other:seconds"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindFloat64Histogram {
		return 0
	}
	var n uint64
	for _, c := range s[0].Value.Float64Histogram().Counts {
		n += c
	}
	return n
}

func init() {
	children["gomaxprocs"] = func() {
		n := runtime.GOMAXPROCS(0)
		c0 := stwOther()
		for range 100 {
			runtime.GOMAXPROCS(0)
		}
		println("query_stw=", stwOther()-c0)
		c := stwOther()
		runtime.SetDefaultGOMAXPROCS() // automatic and unchanged: nothing to do
		println("default_fresh_stw=", stwOther()-c)
		c = stwOther()
		runtime.GOMAXPROCS(n) // same value: marks it custom, no STW
		println("same_stw=", stwOther()-c)
		c = stwOther()
		runtime.SetDefaultGOMAXPROCS() // custom now: restores with a STW
		println("default_after_same_stw=", stwOther()-c)
		c = stwOther()
		runtime.GOMAXPROCS(n + 1)
		println("change_stw=", stwOther()-c)
		println("after_change=", runtime.GOMAXPROCS(0)-n)
	}
	children["gomaxprocs-env"] = func() {
		// GOMAXPROCS in the environment is a custom setting too.
		c := stwOther()
		runtime.SetDefaultGOMAXPROCS()
		println("default_after_env_stw=", stwOther()-c)
	}
}

func TestGOMAXPROCS(t *testing.T) {
	verifies(t, contract.GOMAXPROCSZeroIsQuery, contract.GOMAXPROCSChangeStopsTheWorld, contract.GOMAXPROCSMarksCustomFirst,
		contract.SetDefaultGOMAXPROCSRestoresUpdates, contract.SetGOMAXPROCSDisablesAutoUpdate)
	out := runChild(t, "gomaxprocs")
	t.Logf("stop-the-world pauses (other than GC) around each call: %v", out)
	want := map[string]string{
		"query_stw":         "0", // GOMAXPROCS(0) stops nothing
		"default_fresh_stw": "0",
		"same_stw":          "0",
		"after_change":      "1",
	}
	if holds(contract.GOMAXPROCSChangeStopsTheWorld) {
		want["change_stw"] = "1"
	}
	if holds(contract.GOMAXPROCSMarksCustomFirst) {
		// GOMAXPROCS(n) with n equal to the current value did not stop
		// the world but marked the setting custom: SetDefaultGOMAXPROCS,
		// a no-op before, now has to stop the world to restore it.
		want["default_after_same_stw"] = "1"
	}
	if holds(contract.SetGOMAXPROCSDisablesAutoUpdate) {
		env := runChild(t, "gomaxprocs-env", "GOMAXPROCS=1")
		out["default_after_env_stw"] = env["default_after_env_stw"]
		want["default_after_env_stw"] = "1"
	}
	for k, v := range want {
		if got := strings.TrimSpace(out[k]); got != v {
			t.Errorf("%s = %q, want %s (all: %v)", k, got, v, out)
		}
	}
}

// compile compiles one Go file (importing nothing) with go tool compile and
// the given flags, and returns the compiler's output.
func compile(t *testing.T, src string, flags ...string) string {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "x.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{goTool(t), "tool", "compile", "-p", "p", "-o", filepath.Join(dir, "x.o")}, flags...)
	out, err := run(t, dir, goEnv(), append(args, "x.go")...)
	if err != nil {
		t.Fatalf("go tool compile %s: %v\n%s", strings.Join(flags, " "), err, out)
	}
	return out
}
