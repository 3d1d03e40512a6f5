package contracttest

import (
	"bufio"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"weak"

	"github.com/rtlint/rtlint/internal/contract"
)

// node is big enough and holds a pointer, so it is never tiny-allocated.
type node struct {
	next  *node
	child *node
	pad   [4]uintptr
}

// collectUntil runs GCs until done reports true.
func collectUntil(t *testing.T, what string, done func() bool) {
	t.Helper()
	eventually(t, what, func() bool {
		runtime.GC()
		return done()
	})
}

//go:noinline
func newFinalized(flag *atomic.Bool) {
	n := &node{}
	runtime.SetFinalizer(n, func(*node) { flag.Store(true) })
}

//go:noinline
func newFinalizedCycle(flag *atomic.Bool) {
	a, b := &node{}, &node{}
	a.next, b.next = b, a
	runtime.SetFinalizer(a, func(*node) { flag.Store(true) })
}

//go:noinline
func newCleanedCycle(flag *atomic.Bool) {
	a, b := &node{}, &node{}
	a.next, b.next = b, a
	runtime.AddCleanup(a, func(int) { flag.Store(true) }, 0)
}

func TestFinalizerCycleNeverCollected(t *testing.T) {
	verifies(t, contract.FinalizerCycleNeverCollected, contract.CleanupsRunInCycles)
	var control, cycle, cleanedCycle atomic.Bool
	newFinalized(&control)
	newFinalizedCycle(&cycle)
	newCleanedCycle(&cleanedCycle)
	collectUntil(t, "the acyclic object's finalizer and the cycle's cleanup run", func() bool {
		return control.Load() && cleanedCycle.Load()
	})
	for range 5 {
		runtime.GC()
	}
	time.Sleep(10 * time.Millisecond)
	if cycle.Load() {
		t.Fatal("the finalizer of an object in a cycle ran")
	}
}

func TestFinalizerResurrectsObject(t *testing.T) {
	verifies(t, contract.FinalizerResurrectsObject)
	var childAlive, ran atomic.Bool
	var wchild weak.Pointer[node]
	func() {
		n := &node{child: &node{}}
		wchild = weak.Make(n.child)
		runtime.SetFinalizer(n, func(n *node) {
			// n is reachable again, and so is what it references.
			childAlive.Store(n.child != nil && wchild.Value() == n.child)
			ran.Store(true)
		})
	}()
	collectUntil(t, "the finalizer runs", ran.Load)
	if !childAlive.Load() {
		t.Fatal("an object referenced by the finalized object was collected before the finalizer ran")
	}
	collectUntil(t, "the object and what it referenced are freed after the finalizer", func() bool { return wchild.Value() == nil })
}

func TestFinalizersRunSequentially(t *testing.T) {
	verifies(t, contract.FinalizersRunSequentially)
	started := make(chan int, 2)
	release := make(chan struct{})
	released := false
	t.Cleanup(func() {
		if !released {
			close(release)
		}
	})
	func() {
		for i := range 2 {
			n := &node{}
			runtime.SetFinalizer(n, func(*node) {
				started <- i
				<-release
			})
		}
	}()
	var first int
	eventually(t, "a finalizer starts", func() bool {
		runtime.GC()
		select {
		case first = <-started:
			return true
		default:
			return false
		}
	})
	// While it blocks, the other finalizer cannot start: there is one
	// finalizer goroutine. More GCs change nothing.
	for range 3 {
		runtime.GC()
	}
	time.Sleep(20 * time.Millisecond)
	select {
	case second := <-started:
		t.Fatalf("finalizer %d started while finalizer %d was still running", second, first)
	default:
	}
	close(release)
	released = true
	eventually(t, "the second finalizer runs once the first returns", func() bool {
		runtime.GC()
		select {
		case <-started:
			return true
		default:
			return false
		}
	})
}

type holder struct{ p *node }

//go:noinline
func newCleanupReachableFromArg(flag *atomic.Bool) {
	n := &node{}
	runtime.AddCleanup(n, func(*holder) { flag.Store(true) }, &holder{p: n})
}

func TestCleanupReachablePtrNeverRuns(t *testing.T) {
	verifies(t, contract.CleanupReachablePtrNeverRuns, contract.MultipleCleanupsPerObject)
	var reachable atomic.Bool
	var controls atomic.Int32
	newCleanupReachableFromArg(&reachable)
	func() {
		n := &node{}
		runtime.AddCleanup(n, func(int) { controls.Add(1) }, 0)
		runtime.AddCleanup(n, func(int) { controls.Add(1) }, 1)
	}()
	collectUntil(t, "both cleanups of the control object run", func() bool { return controls.Load() == 2 })
	for range 5 {
		runtime.GC()
	}
	time.Sleep(10 * time.Millisecond)
	if reachable.Load() {
		t.Fatal("a cleanup whose arg references ptr ran")
	}
}

func TestAddCleanupRejects(t *testing.T) {
	verifies(t, contract.AddCleanupRejectsArgEqualPtr, contract.AddCleanupRejectsArgInsidePtr, contract.AddCleanupRejectsClosureOverPtr)
	check := func(id contract.ID, f func()) {
		t.Helper()
		if !holds(id) {
			t.Logf("%s does not hold for %s", id, runtime.Version())
			return
		}
		if r, want := recovered(f), citedMessage(t, id); r != want {
			t.Errorf("%s: AddCleanup panicked with %#v, want %q", id, r, want)
		}
	}
	check(contract.AddCleanupRejectsArgEqualPtr, func() {
		n := &node{}
		runtime.AddCleanup(n, func(*node) {}, n)
	})
	check(contract.AddCleanupRejectsArgInsidePtr, func() {
		n := &node{}
		runtime.AddCleanup(n, func(**node) {}, &n.child)
	})
	check(contract.AddCleanupRejectsClosureOverPtr, func() {
		n := &node{}
		runtime.AddCleanup(n, func(int) { _ = n.pad }, 0)
	})
}

func init() {
	children["exit"] = func() {
		gc := os.Getenv("RTLINT_FORCE_GC") == "1"
		ran := make(chan struct{}, 3)
		func() {
			n := &node{}
			runtime.SetFinalizer(n, func(*node) { println("finalizer=ran"); ran <- struct{}{} })
			m := &node{}
			runtime.AddCleanup(m, func(int) { println("cleanup=ran"); ran <- struct{}{} }, 0)
			// The mistake the runtime docs warn about: a buffered writer
			// flushed by a finalizer.
			w := &bufferedOut{bufio.NewWriter(os.Stdout)}
			w.w.WriteString("flushed=yes\n")
			runtime.SetFinalizer(w, func(w *bufferedOut) { w.w.Flush(); ran <- struct{}{} })
		}()
		if gc {
			for range 3 {
				runtime.GC()
				<-ran
			}
		}
		// Returning exits the process at once.
	}
}

type bufferedOut struct{ w *bufio.Writer }

func TestFinalizersMayNotRunAtExit(t *testing.T) {
	verifies(t, contract.FinalizersMayNotRunAtExit, contract.CleanupsMayNotRun, contract.FinalizerMustNotFlush)
	// GOGC=off: no collection before exit, so nothing is found unreachable.
	raw, err := runChildRaw(t, time.Minute, "exit", "GOGC=off")
	if err != nil {
		t.Fatalf("child: %v\n%s", err, raw)
	}
	for _, s := range []string{"finalizer=ran", "cleanup=ran", "flushed=yes"} {
		if strings.Contains(raw, s) {
			t.Errorf("at exit: %s", s)
		}
	}
	// The same program with collections does run them: the absence above
	// is the exit, not a broken test.
	raw, err = runChildRaw(t, time.Minute, "exit", "GOGC=off", "RTLINT_FORCE_GC=1")
	if err != nil {
		t.Fatalf("child: %v\n%s", err, raw)
	}
	for _, s := range []string{"finalizer=ran", "cleanup=ran", "flushed=yes"} {
		if !strings.Contains(raw, s) {
			t.Errorf("with collections before exit, no %s:\n%s", s, raw)
		}
	}
}
