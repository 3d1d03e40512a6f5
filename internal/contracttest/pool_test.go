package contracttest

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

func init() {
	children["pool"] = func() {
		// One P (GOMAXPROCS=1) so Put and Get use the same per-P cache, and
		// GOGC=off so the only collections are the ones below.
		var p sync.Pool
		x := new(int)
		p.Put(x)
		fmt.Printf("put_get_same=%v\n", p.Get() == x)
		fmt.Printf("empty_get_nil=%v\n", p.Get() == nil)
		p.Put(x)
		runtime.GC()
		fmt.Printf("after_one_gc=%v\n", p.Get() == x)
		p.Put(x)
		runtime.GC()
		runtime.GC()
		fmt.Printf("after_two_gcs_nil=%v\n", p.Get() == nil)
		q := sync.Pool{New: func() any { return "new" }}
		fmt.Printf("empty_get_new=%v\n", q.Get())
	}
}

func TestPoolVictimCache(t *testing.T) {
	verifies(t, contract.PoolPutHandsOver, contract.PoolGetNilWithoutNew, contract.PoolItemsRemovedAnytime, contract.PoolGetUnrelatedToPut,
		contract.PoolPrimaryBecomesVictim, contract.PoolVictimDroppedAtGC, contract.PoolCleanupRegistered, contract.ClearpoolsRunsPoolCleanup)
	if raceEnabled {
		t.Skip("the race detector drops sync.Pool items at random")
	}
	out := runChild(t, "pool", "GOMAXPROCS=1", "GOGC=off")
	t.Logf("%v", out)
	for k, v := range map[string]string{
		"put_get_same":      "true", // Put hands x over; Get may return it
		"empty_get_nil":     "true", // empty, no New: nil
		"empty_get_new":     "new",
		"after_one_gc":      "true", // the first GC moves it to the victim cache
		"after_two_gcs_nil": "true", // the second drops it
	} {
		if got := strings.TrimSpace(out[k]); got != v {
			t.Errorf("%s = %q, want %s", k, got, v)
		}
	}
}

// blockedHolder keeps p on its stack while parked.
//
//go:noinline
func blockedHolder(p *node, release chan struct{}) {
	<-release
	runtime.KeepAlive(p)
}

func TestBlockedGoroutineKeepsStackAlive(t *testing.T) {
	verifies(t, contract.GCScansEveryGoroutineStack)
	release := make(chan struct{})
	var heldFreed, controlFreed atomic.Bool
	func() {
		p := &node{}
		runtime.AddCleanup(p, func(int) { heldFreed.Store(true) }, 0)
		go blockedHolder(p, release)
		c := &node{}
		runtime.AddCleanup(c, func(int) { controlFreed.Store(true) }, 0)
	}()
	waitParked(t, "contracttest.blockedHolder(", "chan receive", 1)
	collectUntil(t, "the unreferenced control object is collected", controlFreed.Load)
	for range 5 {
		runtime.GC()
	}
	if heldFreed.Load() {
		t.Fatal("an object referenced only from a parked goroutine's stack was collected")
	}
	close(release)
	collectUntil(t, "the object is collected once the goroutine ends", heldFreed.Load)
}
