package leakprof

import (
	"strings"

	"github.com/rtlint/rtlint/internal/contract"
)

// A waitReason is what the runtime knows about one wait reason a dump
// prints: the contract that says where it parks and what wakes it, the
// wake-up in a few words, and whether rtlint's static analyzers model the
// shape.
type waitReason struct {
	contract contract.ID
	wakes    string
	// channel is set for the waits golifecycle and ctxblock reason about.
	channel bool
	// unmodeled says why rtlint has no static finding for this kind of
	// wait, for waits it does not model.
	unmodeled string
}

var waitReasons = map[string]waitReason{
	"chan send":               {contract.ChanSendParksUntilRecv, "only a receive on the channel wakes it", true, ""},
	"chan receive":            {contract.ChanRecvParksUntilSendOrClose, "only a send on the channel or its close wakes it", true, ""},
	"select":                  {contract.SelectWakesOnAnyCase, "only one of its cases becoming ready wakes it", true, ""},
	"select (no cases)":       {contract.EmptySelectParksForever, "nothing wakes it", true, ""},
	"chan send (nil chan)":    {contract.NilChanSendParksForever, "nothing wakes it", true, ""},
	"chan receive (nil chan)": {contract.NilChanRecvParksForever, "nothing wakes it", true, ""},
	"sync.WaitGroup.Wait":     {contract.WaitGroupWaitParksUntilDone, "only the Done that brings the counter to zero wakes it", false, "rtlint does not model WaitGroup counts: look for a path that returns or panics before its Done (defer wg.Done() first thing in the goroutine)"},
	"sync.Mutex.Lock":         {contract.MutexLockParksUntilUnlock, "only an Unlock wakes it", false, "rtlint does not model lock ownership: look for a path that returns or panics while holding the lock (defer mu.Unlock() right after Lock)"},
	"sync.RWMutex.RLock":      {contract.RWMutexRLockParksUntilUnlock, "only the writer's Unlock wakes it", false, "rtlint does not model lock ownership: look for a path that keeps the write lock (defer rw.Unlock() right after Lock)"},
	"sync.RWMutex.Lock":       {contract.RWMutexLockParksUntilReleased, "only the last reader's RUnlock wakes it", false, "rtlint does not model lock ownership: look for a path that keeps a read lock (defer rw.RUnlock() right after RLock)"},
	"sync.Cond.Wait":          {contract.CondWaitParksUntilSignal, "only a later Signal or Broadcast wakes it", false, "rtlint does not model condition variables: check that every change of the condition is followed by Signal or Broadcast"},
	"semacquire":              {contract.SemacquireParksUntilRelease, "only a matching release wakes it", false, "rtlint does not model semaphores (on go1.24 and older a WaitGroup.Wait or Mutex.Lock parks as semacquire)"},
	"IO wait":                 {contract.IOWaitParksUntilReady, "only the descriptor becoming ready, its deadline or its Close wakes it", false, "rtlint does not model network waits: give the connection a deadline, or close it when its owner gives up"},
	"sleep":                   {contract.SleepParksUntilTimer, "its timer wakes it", false, "a sleep ends by itself; a goroutine sleeping in a loop with no way out is what golifecycle reports at its go statement"},
}

// reason returns what is known about a wait reason, with synctest's
// "(durable)" variants read as the plain ones.
func reason(state string) (waitReason, bool) {
	w, ok := waitReasons[strings.TrimSuffix(state, " (durable)")]
	return w, ok
}

// parked reports whether goroutines in state are parked waiting for
// something (as opposed to running, runnable, in a system call, or a
// runtime worker idling). An unknown state (a debug=1 profile's channel
// waits) counts as parked.
func parked(state string) bool {
	if state == "" {
		return true
	}
	_, ok := reason(state)
	return ok
}

// citeID is the contract cited for goroutines parked in state.
func citeID(state string) contract.ID {
	if w, ok := reason(state); ok {
		return w.contract
	}
	return contract.BlockedGoroutineParksUntilReadied
}

// parkers maps the function a parked goroutine's stack passes through to
// the wait reason the runtime would have printed. The runtime's own
// functions appear only in protobuf profiles; the linknamed sync, poll and
// time functions appear in debug=1 profiles too.
var parkers = map[string]string{
	"runtime.chansend":                      "chan send",
	"runtime.chanrecv":                      "chan receive",
	"runtime.selectgo":                      "select",
	"runtime.block":                         "select (no cases)",
	"sync.runtime_SemacquireWaitGroup":      "sync.WaitGroup.Wait",
	"internal/sync.runtime_SemacquireMutex": "sync.Mutex.Lock",
	"sync.runtime_SemacquireMutex":          "sync.Mutex.Lock",
	"sync.runtime_SemacquireRWMutexR":       "sync.RWMutex.RLock",
	"sync.runtime_SemacquireRWMutex":        "sync.RWMutex.Lock",
	"sync.runtime_notifyListWait":           "sync.Cond.Wait",
	"sync.runtime_Semacquire":               "semacquire",
	"internal/poll.runtime_Semacquire":      "semacquire",
	"internal/poll.runtime_pollWait":        "IO wait",
	"runtime.netpollblock":                  "IO wait",
	"time.Sleep":                            "sleep",
	"runtime.timeSleep":                     "sleep",
}

// stateFromStack infers the state of goroutines from their stack, which
// includes the runtime's frames when withRuntime is set (protobuf). It
// returns "" when the stack does not tell.
func stateFromStack(frames []Frame, withRuntime bool) (string, bool) {
	if len(frames) == 0 {
		return "", false
	}
	for _, f := range frames {
		if strings.HasPrefix(f.Func, "runtime/pprof.") {
			return "running", true // the goroutine writing the profile
		}
	}
	top := frames[0].Func
	if withRuntime && top != "runtime.gopark" && top != "runtime.goparkunlock" {
		return "running", true // running, runnable or in a system call
	}
	for _, f := range frames[:min(len(frames), 8)] {
		if s, ok := parkers[f.Func]; ok {
			return s, true
		}
	}
	if withRuntime {
		return "runtime", true // parked in a runtime worker's own wait
	}
	return "", false
}
