package contract

// rtlint leaks cites these for the parked sites it finds in goroutine
// profiles; the channel and select parks are in table_context.go and
// table_sched.go.

// Contracts about the waits of parked goroutines (checklist item 1): where the runtime parks them and what alone wakes them.
const (
	WaitGroupWaitParksUntilDone   ID = "WaitGroupWaitParksUntilDone"
	MutexLockParksUntilUnlock     ID = "MutexLockParksUntilUnlock"
	RWMutexRLockParksUntilUnlock  ID = "RWMutexRLockParksUntilUnlock"
	RWMutexLockParksUntilReleased ID = "RWMutexLockParksUntilReleased"
	CondWaitParksUntilSignal      ID = "CondWaitParksUntilSignal"
	SemacquireParksUntilRelease   ID = "SemacquireParksUntilRelease"
	IOWaitParksUntilReady         ID = "IOWaitParksUntilReady"
	SleepParksUntilTimer          ID = "SleepParksUntilTimer"
)

var tableWait = []Contract{
	{
		ID:          WaitGroupWaitParksUntilDone,
		File:        "runtime/sema.go",
		Func:        "sync_runtime_SemacquireWaitGroup",
		Anchor:      "reason := waitReasonSyncWaitGroupWait",
		Claim:       "Under wg.Wait() with a non-zero counter the goroutine parks on the WaitGroup's semaphore and is readied only by the Done (Add(-1)) that brings the counter to zero; a missing Done parks it for good.",
		Since:       "go1.0",
		VersionNote: "shown as [sync.WaitGroup.Wait] since go1.25, as [semacquire] before",
		Line:        110,
	},
	{
		ID:              MutexLockParksUntilUnlock,
		File:            "runtime/sema.go",
		Func:            "internal_sync_runtime_SemacquireMutex",
		FallbackFuncs:   []string{"sync_runtime_SemacquireMutex"},
		Anchor:          "waitReasonSyncMutexLock",
		FallbackAnchors: []string{"semacquire1(addr, lifo"},
		Claim:           "Under mu.Lock() on a held sync.Mutex the goroutine parks on the mutex's semaphore until an Unlock hands it the lock; a mutex never unlocked (a return or panic path that skips Unlock) parks every later Lock for good.",
		Since:           "go1.0",
		VersionNote:     "shown as [sync.Mutex.Lock] since go1.20, as [semacquire] before; internal/sync since go1.24",
		Line:            95,
	},
	{
		ID:          RWMutexRLockParksUntilUnlock,
		File:        "runtime/sema.go",
		Func:        "sync_runtime_SemacquireRWMutexR",
		Anchor:      "waitReasonSyncRWMutexRLock",
		Claim:       "Under rw.RLock() while a writer holds or waits for the sync.RWMutex the reader parks until that writer's Unlock; a write lock never released parks every later reader for good.",
		Since:       "go1.0",
		VersionNote: "shown as [sync.RWMutex.RLock] since go1.20, as [semacquire] before",
		Line:        100,
	},
	{
		ID:          RWMutexLockParksUntilReleased,
		File:        "runtime/sema.go",
		Func:        "sync_runtime_SemacquireRWMutex",
		Anchor:      "waitReasonSyncRWMutexLock",
		Claim:       "Under rw.Lock() while readers hold the sync.RWMutex the writer parks until the last of them calls RUnlock; a read lock never released parks the writer, and every reader after it, for good.",
		Since:       "go1.0",
		VersionNote: "shown as [sync.RWMutex.Lock] since go1.20, as [semacquire] before",
		Line:        105,
	},
	{
		ID:     CondWaitParksUntilSignal,
		File:   "runtime/sema.go",
		Func:   "notifyListWait",
		Anchor: "goparkunlock(&l.lock, waitReasonSyncCondWait",
		Claim:  "Under c.Wait() the goroutine parks on the sync.Cond's notify list and is readied only by a Signal or Broadcast issued after it joined the list; a signal sent before, or never, leaves it parked.",
		Since:  "go1.0",
		Line:   617,
	},
	{
		ID:     SemacquireParksUntilRelease,
		File:   "runtime/sema.go",
		Func:   "sync_runtime_Semacquire",
		Anchor: "semacquire1(addr, false, semaBlockProfile, 0, waitReasonSemacquire)",
		Claim:  "Under a semaphore acquire with a zero count (sync internals: WaitGroup.Wait before go1.25, Mutex and RWMutex before go1.20) the goroutine parks as [semacquire] until a matching release.",
		Since:  "go1.0",
		Line:   71,
	},
	{
		ID:     IOWaitParksUntilReady,
		File:   "runtime/netpoll.go",
		Func:   "netpollblock",
		Anchor: "gopark(netpollblockcommit",
		Claim:  "Under a read, write or accept on a network connection or pollable file that is not ready the goroutine parks as [IO wait] until the descriptor is ready, its deadline passes or it is closed; without a deadline or a Close, a peer that never answers parks it for good.",
		Since:  "go1.0",
		Line:   575,
	},
	{
		ID:     SleepParksUntilTimer,
		File:   "runtime/time.go",
		Func:   "timeSleep",
		Anchor: "gopark(resetForSleep, nil, waitReasonSleep",
		Claim:  "Under time.Sleep(d) the goroutine parks as [sleep] on its own timer and is readied only when d has passed; a loop of sleeps without an exit condition never ends.",
		Since:  "go1.0",
		Line:   363,
	},
}
