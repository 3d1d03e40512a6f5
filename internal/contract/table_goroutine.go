// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about goroutine lifecycle (checklist item 1).
const (
	BlockedGoroutineParksUntilReadied        ID = "BlockedGoroutineParksUntilReadied"
	AllgsNeverShrinks                        ID = "AllgsNeverShrinks"
	GoStatementQueuesNewG                    ID = "GoStatementQueuesNewG"
	NewGoroutineAllocatesStack               ID = "NewGoroutineAllocatesStack"
	GCScansEveryGoroutineStack               ID = "GCScansEveryGoroutineStack"
	LeakProfileFindsUnreachableBlocked       ID = "LeakProfileFindsUnreachableBlocked"
	LeakedGoroutineOnlyMarked                ID = "LeakedGoroutineOnlyMarked"
	LeakedGoroutineNeverReclaimed            ID = "LeakedGoroutineNeverReclaimed"
	LeakProfileSeesOnlyUnreachablePrimitives ID = "LeakProfileSeesOnlyUnreachablePrimitives"
	LeakProfileNeedsGOEXPERIMENT             ID = "LeakProfileNeedsGOEXPERIMENT"
	LeakProfileRunsExtraGC                   ID = "LeakProfileRunsExtraGC"
	LeakProfileExperimentFlag                ID = "LeakProfileExperimentFlag"
	AdaptiveStartingStackSize                ID = "AdaptiveStartingStackSize"
	PerIterationLoopVars                     ID = "PerIterationLoopVars"
)

var tableGoroutine = []Contract{
	{
		ID:          BlockedGoroutineParksUntilReadied,
		File:        "runtime/proc.go",
		Func:        "gopark",
		Anchor:      "// Puts the current goroutine into a waiting state and calls unlockf on the",
		Claim:       "Under any blocking op (chan, select, sync, sleep) the runtime parks the G in _Gwaiting via gopark and it stays parked until some goready; there is no timeout and no reclamation, cost = the G struct + its stack (>= 2 KiB) + everything reachable from that stack, forever.",
		Since:       "go1.0",
		VersionNote: "1.0 (waitReason arg since 1.11)",
		Line:        417,
	},
	{
		ID:     AllgsNeverShrinks,
		File:   "runtime/proc.go",
		Func:   "",
		Anchor: "// allgs contains all Gs ever created (including dead Gs), and thus",
		Claim:  "Under any `go` statement the runtime appends the new g to allgs which never shrinks (dead Gs are recycled via gfput/gfget, not freed), cost = permanent per-G bookkeeping proportional to peak goroutine count.",
		Since:  "go1.4",
		Line:   663,
	},
	{
		ID:              GoStatementQueuesNewG,
		File:            "runtime/proc.go",
		Func:            "newproc",
		Anchor:          "runqput(pp, newg, true)",
		FallbackAnchors: []string{"runqput("},
		Claim:           "Under `go f()` the compiler calls newproc, which builds a G via newproc1 and puts it in the current P's runnext slot (runqput(..., true)), cost = G allocation/reuse + stack (stackMin=2048 or adaptive start size) + a wakep.",
		Since:           "go1.0",
		VersionNote:     "1.0 (runnext since 1.5)",
		Line:            5302,
	},
	{
		ID:     NewGoroutineAllocatesStack,
		File:   "runtime/proc.go",
		Func:   "newproc1",
		Anchor: "newg = malg(stackMin)",
		Claim:  "Under no free G on the P/global free list the runtime allocates a fresh g with a stackMin stack and publishes it in allgs (as _Gdead first).",
		Since:  "go1.0",
		Line:   5322,
	},
	{
		ID:          GCScansEveryGoroutineStack,
		File:        "runtime/mgcmark.go",
		Func:        "gcPrepareMarkRoots",
		Anchor:      "work.stackRoots = allGsSnapshot()",
		Claim:       "Under a normal GC cycle every goroutine's stack is a root, so a blocked goroutine keeps itself and everything it references alive; cost = leaked memory + scan work each cycle.",
		Since:       "go1.5",
		VersionNote: "1.5 (concurrent GC); leak-detection branch 1.26",
		Line:        160,
	},
	{
		ID:          LeakProfileFindsUnreachableBlocked,
		File:        "runtime/mgc.go",
		Func:        "findGoroutineLeaks",
		Anchor:      "// findGoroutineLeaks scans the remaining stackRoots and marks any which are",
		Claim:       "Under a goroutine-leak-detection GC cycle (GOEXPERIMENT=goroutineleakprofile, triggered only by writing the goroutineleak profile) the runtime flags goroutines blocked on primitives unreachable from any maybe-runnable goroutine as _Gleaked.",
		Since:       "go1.26",
		VersionNote: "1.26 (experimental, off by default)",
		Line:        1292,
	},
	{
		ID:          LeakedGoroutineOnlyMarked,
		File:        "runtime/mgc.go",
		Func:        "findGoroutineLeaks",
		Anchor:      "casgstatus(gp, _Gwaiting, _Gleaked)",
		Claim:       "Under leak detection a leaked goroutine only changes status to _Gleaked; it is not resumed or freed.",
		Since:       "go1.26",
		VersionNote: "1.26 (experimental)",
		Line:        1318,
	},
	{
		ID:          LeakedGoroutineNeverReclaimed,
		File:        "runtime/mgc.go",
		Func:        "findGoroutineLeaks",
		Anchor:      "// Put the remaining roots as ready for marking and drain them.",
		Claim:       "Under leak detection the leaked goroutines' stacks are still marked afterwards, i.e. the detector reports leaks but never reclaims them (goroutines are never collected while blocked).",
		Since:       "go1.26",
		VersionNote: "1.26 (experimental)",
		Line:        1336,
	},
	{
		ID:          LeakProfileSeesOnlyUnreachablePrimitives,
		File:        "runtime/mgc.go",
		Func:        "g.isMaybeRunnable",
		Anchor:      "// Select with no cases or communicating on nil channels",
		Claim:       "Under leak detection select{} and nil-channel send/recv are leaked by definition; chan recv/send/select are leaked iff none of the waited channels is marked; sync.Cond.Wait, WaitGroup.Wait, Mutex/RWMutex Lock/RLock iff the primitive is unmarked; any other wait reason (sleep, IO, syscalls, timers) is never reported.",
		Since:       "go1.26",
		VersionNote: "1.26 (experimental)",
		Line:        1191,
	},
	{
		ID:          LeakProfileNeedsGOEXPERIMENT,
		File:        "runtime/pprof/pprof.go",
		Func:        "lockProfiles",
		Anchor:      "if goexperiment.GoroutineLeakProfile {",
		Claim:       "Under a default build pprof.Lookup(\"goroutineleak\") returns nil; only a GOEXPERIMENT=goroutineleakprofile build registers the profile.",
		Since:       "go1.26",
		Until:       "go1.27",
		VersionNote: "experimental in go1.26; go1.27 registers the profile unconditionally (go1.27 release notes; not checked against go1.27 source)",
		Line:        267,
	},
	{
		ID:          LeakProfileRunsExtraGC,
		File:        "runtime/pprof/pprof.go",
		Func:        "writeGoroutineLeak",
		Anchor:      "runtime_goroutineLeakGC()",
		Claim:       "Under WriteTo of the goroutineleak profile the runtime runs (at least) one extra full GC cycle in leak-detection mode before writing; Profile.Count() only reports the last detection run.",
		Since:       "go1.26",
		VersionNote: "1.26 (experimental)",
		Line:        801,
	},
	{
		ID:     LeakProfileExperimentFlag,
		Until:  "go1.27",
		File:   "internal/goexperiment/flags.go",
		Func:   "type Flags",
		Anchor: "// GoroutineLeakProfile enables the collection of goroutine leak profiles.",
		Claim:  "Under GOEXPERIMENT=goroutineleakprofile (build time) the leak profile code is compiled in; otherwise it is absent.",
		Since:  "go1.26",
		Line:   122,
	},
	{
		ID:     AdaptiveStartingStackSize,
		File:   "runtime/stack.go",
		Func:   "var startingStackSize",
		Anchor: "// startingStackSize is updated every GC by tracking the average size of",
		Claim:  "Under GODEBUG adaptivestackstart=1 (default) a goroutine that reuses a dead G gets a stack of the average scanned stack size (power of 2, >= 2 KiB; gfget), while a brand-new G starts at stackMin (malg(stackMin)); so the per-goroutine cost of a leak can exceed 2 KiB.",
		Since:  "go1.19",
		Line:   1417,
	},
	{
		ID:     PerIterationLoopVars,
		File:   "cmd/compile/internal/noder/writer.go",
		Func:   "writer.distinctVars",
		Anchor: "is122 := fileVersion == \"\" || version.Compare(fileVersion, \"go1.22\") >= 0",
		Claim:  "Under a file whose Go version (go.mod go line or //go:build) is < 1.22, 3-clause for-loop variables are shared across iterations, so `go func(){ use(i) }()` in a loop races/captures the last value; >= 1.22 gives per-iteration variables.",
		Since:  "go1.22",
		Line:   1561,
	},
}
