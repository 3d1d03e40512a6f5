// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about select{}, Gosched, GOMAXPROCS and LockOSThread (checklist items 2, 5, 6, 7).
const (
	EmptySelectCompilesToBlock          ID = "EmptySelectCompilesToBlock"
	EmptySelectParksForever             ID = "EmptySelectParksForever"
	EmptySelectWaitReason               ID = "EmptySelectWaitReason"
	NilChanSendParksForever             ID = "NilChanSendParksForever"
	NilChanRecvParksForever             ID = "NilChanRecvParksForever"
	GoschedDoesNotSuspend               ID = "GoschedDoesNotSuspend"
	GoschedNotPreemption                ID = "GoschedNotPreemption"
	GoschedUsesGlobalRunQueue           ID = "GoschedUsesGlobalRunQueue"
	STWPreemptKeepsRunnext              ID = "STWPreemptKeepsRunnext"
	GoyieldUsesLocalRunQueue            ID = "GoyieldUsesLocalRunQueue"
	AsyncPreemption                     ID = "AsyncPreemption"
	SetGOMAXPROCSDisablesAutoUpdate     ID = "SetGOMAXPROCSDisablesAutoUpdate"
	GOMAXPROCSZeroIsQuery               ID = "GOMAXPROCSZeroIsQuery"
	GOMAXPROCSMarksCustomFirst          ID = "GOMAXPROCSMarksCustomFirst"
	GOMAXPROCSChangeStopsTheWorld       ID = "GOMAXPROCSChangeStopsTheWorld"
	SetDefaultGOMAXPROCSRestoresUpdates ID = "SetDefaultGOMAXPROCSRestoresUpdates"
	GOMAXPROCSUpdatedBySysmon           ID = "GOMAXPROCSUpdatedBySysmon"
	GOMAXPROCSDefaultFromCgroup         ID = "GOMAXPROCSDefaultFromCgroup"
	ContainerMaxProcsFromGoLine         ID = "ContainerMaxProcsFromGoLine"
	UpdateMaxProcsFromGoLine            ID = "UpdateMaxProcsFromGoLine"
	GOMAXPROCSUpdaterExitsOnRace        ID = "GOMAXPROCSUpdaterExitsOnRace"
	LockedGoroutineExitKillsThread      ID = "LockedGoroutineExitKillsThread"
	LockedExitReturnsToMstart           ID = "LockedExitReturnsToMstart"
	InternalLockedExitThrows            ID = "InternalLockedExitThrows"
	GoexitDestroysG                     ID = "GoexitDestroysG"
	MainThreadWedgedNotExited           ID = "MainThreadWedgedNotExited"
	LockOSThreadNests                   ID = "LockOSThreadNests"
)

var tableSched = []Contract{
	{
		ID:     EmptySelectCompilesToBlock,
		File:   "cmd/compile/internal/walk/select.go",
		Func:   "walkSelectCases",
		Anchor: "return []ir.Node{mkcallstmt(\"block\")}",
		Claim:  "Under `select {}` the compiler emits a call to runtime.block instead of selectgo.",
		Since:  "go1.0",
		Line:   39,
	},
	{
		ID:          EmptySelectParksForever,
		File:        "runtime/select.go",
		Func:        "block",
		Anchor:      "waitReasonSelectNoCases",
		Claim:       "Under `select {}` the runtime parks the goroutine with no unlock function and nothing can ever ready it; cost = the goroutine and its stack forever (fatal 'all goroutines are asleep' only if every goroutine is blocked and no timers are pending).",
		Since:       "go1.0",
		VersionNote: "1.0 (waitReason enum since 1.11; trace-reason args differ by release)",
		Line:        104,
	},
	{
		ID:     EmptySelectWaitReason,
		File:   "runtime/runtime2.go",
		Func:   "var waitReasonStrings",
		Anchor: "waitReasonSelectNoCases:         \"select (no cases)\",",
		Claim:  "Under a goroutine dump such goroutines show `[select (no cases)]`.",
		Since:  "go1.11",
		Line:   1283,
	},
	{
		ID:     NilChanSendParksForever,
		File:   "runtime/chan.go",
		Func:   "chansend",
		Anchor: "waitReasonChanSendNilChan",
		Claim:  "Under a blocking send on a nil channel the runtime parks forever (same as select{}); non-blocking (select default) returns false.",
		Since:  "go1.0",
		Line:   181,
	},
	{
		ID:     NilChanRecvParksForever,
		File:   "runtime/chan.go",
		Func:   "chanrecv",
		Anchor: "waitReasonChanReceiveNilChan",
		Claim:  "Under a blocking receive from a nil channel the runtime parks forever.",
		Since:  "go1.0",
		Line:   536,
	},
	{
		ID:     GoschedDoesNotSuspend,
		File:   "runtime/proc.go",
		Func:   "Gosched",
		Anchor: "// Gosched yields the processor, allowing other goroutines to run. It does not",
		Claim:  "Under runtime.Gosched() the caller stays runnable and resumes automatically; it is not a sleep and gives no ordering guarantee.",
		Since:  "go1.0",
		Line:   385,
	},
	{
		ID:          GoschedNotPreemption,
		File:        "runtime/proc.go",
		Func:        "gosched_m",
		Anchor:      "goschedImpl(gp",
		Claim:       "Under Gosched the runtime calls goschedImpl with preempted=false, i.e. never the runnext/STW branch.",
		Since:       "go1.1",
		VersionNote: "1.1 (bool param added later)",
		Line:        4350,
	},
	{
		ID:          GoschedUsesGlobalRunQueue,
		File:        "runtime/proc.go",
		Func:        "goschedImpl",
		Anchor:      "globrunqput(gp)",
		Claim:       "Under Gosched the runtime puts the G on the GLOBAL run queue under sched.lock (not the local runq tail) and calls schedule(); cost = a sched.lock acquisition, and the G may be picked up by any P (global queue is polled every 61 schedticks or when local is empty).",
		Since:       "go1.1",
		VersionNote: "1.1 (M:P:G scheduler)",
		Line:        4337,
	},
	{
		ID:          STWPreemptKeepsRunnext,
		File:        "runtime/proc.go",
		Func:        "goschedImpl",
		Anchor:      "// If preempted for STW, keep the G on the local P in runnext",
		Claim:       "Under asynchronous/cooperative preemption for a stop-the-world (gopreempt_m -> preempted=true) the G goes to the local runnext instead; this branch is unreachable from Gosched.",
		VersionNote: "recent (present in 1.26.8; introduction version not verified)",
		Line:        4332,
	},
	{
		ID:          GoyieldUsesLocalRunQueue,
		File:        "runtime/proc.go",
		Func:        "goyield",
		Anchor:      "// - puts the current G on the runq of the current P instead of the globrunq",
		Claim:       "Under runtime-internal goyield (not exported; linkname-pushed for gvisor) the G goes to the LOCAL runq tail (runqput(pp, gp, false)) - this is the behaviour the checklist wrongly attributes to Gosched.",
		Since:       "go1.14",
		VersionNote: "1.14 (approx., not verified)",
		Line:        4439,
	},
	{
		ID:     AsyncPreemption,
		File:   "runtime/preempt.go",
		Func:   "",
		Anchor: "// 3. Asynchronous safe-points occur at any instruction in user code",
		Claim:  "Under Go >= 1.14 tight loops are preempted asynchronously via signals, so inserting runtime.Gosched() for fairness is unnecessary (still needed only under GODEBUG=asyncpreemptoff=1 or on platforms without async preemption).",
		Since:  "go1.14",
		Line:   16,
	},
	{
		ID:     SetGOMAXPROCSDisablesAutoUpdate,
		File:   "runtime/debug.go",
		Func:   "GOMAXPROCS",
		Anchor: "// the total logical CPU count, the CPU affinity mask, or cgroup quota. Setting",
		Claim:  "Under a call GOMAXPROCS(n>0) (or GOMAXPROCS env var) the runtime permanently disables the Go 1.25+ automatic default/updates until SetDefaultGOMAXPROCS is called.",
		Since:  "go1.25",
		Line:   35,
	},
	{
		ID:     GOMAXPROCSZeroIsQuery,
		File:   "runtime/debug.go",
		Func:   "GOMAXPROCS",
		Anchor: "if n <= 0 {",
		Claim:  "Under GOMAXPROCS(0) (n<1) the runtime only reads gomaxprocs under sched.lock: no STW and automatic updates stay enabled.",
		Since:  "go1.0",
		Line:   77,
	},
	{
		ID:     GOMAXPROCSMarksCustomFirst,
		File:   "runtime/debug.go",
		Func:   "GOMAXPROCS",
		Anchor: "sched.customGOMAXPROCS = true",
		Claim:  "Under GOMAXPROCS(n) with n>0 the runtime marks the value custom BEFORE comparing, so even GOMAXPROCS(runtime.GOMAXPROCS(0)) (same value, no STW) silently turns off container-aware updates.",
		Since:  "go1.25",
		Line:   83,
	},
	{
		ID:              GOMAXPROCSChangeStopsTheWorld,
		File:            "runtime/debug.go",
		Func:            "GOMAXPROCS",
		Anchor:          "stw := stopTheWorldGC(stwGOMAXPROCS)",
		FallbackAnchors: []string{"stopTheWorld"},
		Claim:           "Under GOMAXPROCS(n) with n != current the runtime stops the world (stopTheWorldGC, also waits for any in-progress GC STW) and procresize runs in startTheWorld; cost = a full STW pause + P reallocation.",
		Since:           "go1.0",
		VersionNote:     "1.0 (STW on change; wrapper/STW-reason names vary by release)",
		Line:            96,
	},
	{
		ID:     SetDefaultGOMAXPROCSRestoresUpdates,
		File:   "runtime/debug.go",
		Func:   "SetDefaultGOMAXPROCS",
		Anchor: "// SetDefaultGOMAXPROCS can be used to enable the default automatic updating",
		Claim:  "Under SetDefaultGOMAXPROCS() the runtime recomputes the default (ignoring the env var), clears the custom flag and re-enables automatic updates; it STWs unless already automatic and unchanged.",
		Since:  "go1.25",
		Line:   112,
	},
	{
		ID:     GOMAXPROCSUpdatedBySysmon,
		File:   "runtime/proc.go",
		Func:   "sysmon",
		Anchor: "if debug.updatemaxprocs != 0 && lastgomaxprocs+1e9 <= now {",
		Claim:  "Under updatemaxprocs=1 (default for go.mod go >= 1.25) sysmon re-evaluates affinity/cgroup quota at most once per second and, on change, a helper goroutine performs an STW to apply it.",
		Since:  "go1.25",
		Line:   6587,
	},
	{
		ID:     GOMAXPROCSDefaultFromCgroup,
		File:   "runtime/cgroup_linux.go",
		Func:   "defaultGOMAXPROCS",
		Anchor: "// 2. The average CPU cgroup throughput limit (average throughput =",
		Claim:  "Under Linux with containermaxprocs=1 the default GOMAXPROCS = min(affinity CPUs, ceil(cgroup quota/period) but >= 2).",
		Since:  "go1.25",
		Line:   90,
	},
	{
		ID:     ContainerMaxProcsFromGoLine,
		File:   "internal/godebugs/table.go",
		Func:   "var All",
		Anchor: "{Name: \"containermaxprocs\", Package: \"runtime\", Changed: 25, Old: \"0\"},",
		Claim:  "Under a main module whose go.mod says go <= 1.24 the cgroup-aware default is off (containermaxprocs=0).",
		Since:  "go1.25",
		Line:   31,
	},
	{
		ID:     UpdateMaxProcsFromGoLine,
		File:   "internal/godebugs/table.go",
		Func:   "var All",
		Anchor: "{Name: \"updatemaxprocs\", Package: \"runtime\", Changed: 25, Old: \"0\"},",
		Claim:  "Under a main module whose go.mod says go <= 1.24 periodic GOMAXPROCS updates are off (updatemaxprocs=0).",
		Since:  "go1.25",
		Line:   73,
	},
	{
		ID:     GOMAXPROCSUpdaterExitsOnRace,
		File:   "runtime/proc.go",
		Func:   "updateMaxProcsGoroutine",
		Anchor: "if custom {",
		Claim:  "Under a GOMAXPROCS(n) call racing with a pending automatic update, the updater goroutine returns (exits) after its STW instead of re-parking.",
		Since:  "go1.25",
		Line:   7104,
	},
	{
		ID:     LockedGoroutineExitKillsThread,
		File:   "runtime/proc.go",
		Func:   "LockOSThread",
		Anchor: "// If the calling goroutine exits without unlocking the thread,",
		Claim:  "Under a goroutine that returns/Goexits while still LockOSThread-ed the runtime terminates that OS thread instead of reusing it; cost = a thread exit + a later clone for a replacement M.",
		Since:  "go1.10",
		Line:   5612,
	},
	{
		ID:            LockedExitReturnsToMstart,
		File:          "runtime/proc.go",
		Func:          "gdestroy",
		Anchor:        "gogo(&mp.g0.sched)",
		FallbackFuncs: []string{"goexit0"},
		Claim:         "Under exit of a locked goroutine gdestroy (called from goexit0) jumps back to mstart on g0, which calls mexit to release the P and exit the thread.",
		Since:         "go1.10",
		VersionNote:   "1.10 (logic moved from goexit0 into gdestroy in a later release; still called from goexit0)",
		Line:          4562,
	},
	{
		ID:            InternalLockedExitThrows,
		File:          "runtime/proc.go",
		Func:          "gdestroy",
		Anchor:        "throw(\"exited a goroutine internally locked to the OS thread\")",
		FallbackFuncs: []string{"goexit0"},
		Claim:         "Under a goroutine exiting while the runtime-internal lock count (m.lockedInt) is non-zero the runtime throws (fatal, unrecoverable).",
		Since:         "go1.10",
		Line:          4551,
	},
	{
		ID:          GoexitDestroysG,
		File:        "runtime/proc.go",
		Func:        "goexit0",
		Anchor:      "gdestroy(gp)",
		Claim:       "Under goroutine exit (return or runtime.Goexit) goexit0 runs gdestroy and then schedules; a thread kill happens inside gdestroy.",
		Since:       "go1.0",
		VersionNote: "1.0 (gdestroy split later)",
		Line:        4499,
	},
	{
		ID:     MainThreadWedgedNotExited,
		File:   "runtime/proc.go",
		Func:   "mexit",
		Anchor: "// This is the main thread. Just wedge it.",
		Claim:  "Under the locked goroutine running on the main thread (m0) the thread is not exited but wedged (parked forever), because exiting the main thread is unsafe on several OSes.",
		Since:  "go1.10",
		Line:   1985,
	},
	{
		ID:          LockOSThreadNests,
		File:        "runtime/proc.go",
		Func:        "LockOSThread",
		Anchor:      "panic(\"LockOSThread nesting overflow\")",
		Claim:       "Under LockOSThread the lock is counted (lockedExt); the thread is only released after as many UnlockOSThread calls.",
		Since:       "go1.10",
		VersionNote: "1.10 (nesting semantics)",
		Line:        5634,
	},
}
