//go:build linux

package contracttest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

func threadExists(tid int) bool {
	_, err := os.Stat(fmt.Sprintf("/proc/self/task/%d", tid))
	return err == nil
}

// lockedThread runs body on a new goroutine locked to a thread other than
// the main thread (whose exit the runtime avoids) and returns that thread's
// id once the goroutine has ended. A goroutine that lands on the main
// thread keeps it, locked and parked, until the end, so the next attempt
// runs elsewhere.
func lockedThread(t *testing.T, body func()) int {
	t.Helper()
	hold := make(chan struct{})
	defer close(hold)
	for attempt := 0; attempt < 10; attempt++ {
		tidc := make(chan int, 1)
		done := make(chan struct{})
		go func() {
			defer close(done)
			runtime.LockOSThread()
			tid := syscall.Gettid()
			if tid == os.Getpid() {
				tidc <- 0
				<-hold
				runtime.UnlockOSThread()
				return
			}
			tidc <- tid
			body()
		}()
		if tid := <-tidc; tid != 0 {
			<-done
			return tid
		}
	}
	t.Fatal("every goroutine started on the main thread, though the main thread was kept busy after the first")
	return 0
}

func TestLockedGoroutineExitKillsThread(t *testing.T) {
	verifies(t, contract.LockedGoroutineExitKillsThread, contract.LockedExitReturnsToMstart, contract.GoexitDestroysG, contract.LockOSThreadNests, contract.MLockCounts)
	for _, tc := range []struct {
		name  string
		body  func()
		exits bool
	}{
		// The body runs after one LockOSThread; the goroutine then ends.
		{"return while locked", func() {}, true},
		{"Goexit while locked", func() { runtime.Goexit() }, true},
		{"locked twice, unlocked once", func() { runtime.LockOSThread(); runtime.UnlockOSThread() }, true},
		{"unlocked before return", func() { runtime.UnlockOSThread() }, false},
		{"locked twice, unlocked twice", func() { runtime.LockOSThread(); runtime.UnlockOSThread(); runtime.UnlockOSThread() }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tid := lockedThread(t, tc.body)
			if tc.exits {
				eventually(t, fmt.Sprintf("thread %d exits", tid), func() bool { return !threadExists(tid) })
				return
			}
			// The runtime keeps idle threads for reuse; only a goroutine
			// that ends while locked takes its thread with it, and no other
			// test here does that concurrently.
			time.Sleep(20 * time.Millisecond)
			if !threadExists(tid) {
				t.Fatalf("thread %d exited although its goroutine unlocked it", tid)
			}
		})
	}
}

func init() {
	if os.Getenv(childEnv) == "wedge" {
		// During init the main goroutine runs on the main thread; locking
		// here keeps it there.
		runtime.LockOSThread()
	}
	children["wedge"] = func() {
		if syscall.Gettid() != os.Getpid() {
			println("main_thread=no")
			return
		}
		pid := os.Getpid()
		go func() {
			time.Sleep(100 * time.Millisecond)
			stat, err := os.ReadFile(filepath.Join("/proc/self/task", fmt.Sprint(pid), "stat"))
			if err != nil {
				println("main_thread=gone")
				os.Exit(0)
			}
			// The state follows the parenthesised command name.
			_, rest, _ := strings.Cut(string(stat), ") ")
			println("main_thread_state=" + rest[:1])
			os.Exit(0)
		}()
		// The main goroutine, locked to the main thread, ends.
		runtime.Goexit()
	}
}

func TestMainThreadWedgedNotExited(t *testing.T) {
	verifies(t, contract.MainThreadWedgedNotExited)
	out := runChild(t, "wedge")
	if out["main_thread"] == "no" {
		t.Skip("the child's main goroutine was not on the main thread")
	}
	// An exited thread group leader would be a zombie (Z) or gone.
	if s := out["main_thread_state"]; s == "" || s == "Z" || s == "X" {
		t.Fatalf("main thread after its locked goroutine exited: %v", out)
	}
	t.Logf("main thread state after its locked goroutine exited: %s (wedged, not exited)", out["main_thread_state"])
}
