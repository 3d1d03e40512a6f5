// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about finalizers and cleanups (checklist item 10).
const (
	FinalizerCycleNeverCollected    ID = "FinalizerCycleNeverCollected"
	FinalizersMayNotRunAtExit       ID = "FinalizersMayNotRunAtExit"
	FinalizersRunSequentially       ID = "FinalizersRunSequentially"
	PreferAddCleanup                ID = "PreferAddCleanup"
	CleanupsMayNotRun               ID = "CleanupsMayNotRun"
	CleanupReachablePtrNeverRuns    ID = "CleanupReachablePtrNeverRuns"
	CleanupsRunConcurrently         ID = "CleanupsRunConcurrently"
	AddCleanupRejectsClosureOverPtr ID = "AddCleanupRejectsClosureOverPtr"
)

var tableFinalizer = []Contract{
	{
		ID:     FinalizerCycleNeverCollected,
		File:   "runtime/mfinal.go",
		Func:   "SetFinalizer",
		Anchor: "// is not guaranteed to run, because there is no ordering that",
		Claim:  "Under a cyclic structure containing a finalized object the cycle may never be collected and the finalizer never run.",
		Since:  "go1.0",
		Line:   367,
	},
	{
		ID:     FinalizersMayNotRunAtExit,
		File:   "runtime/mfinal.go",
		Func:   "SetFinalizer",
		Anchor: "// There is no guarantee that finalizers will run before a program exits,",
		Claim:  "Under program exit pending finalizers are not run; never use them to flush buffers.",
		Since:  "go1.0",
		Line:   372,
	},
	{
		ID:     FinalizersRunSequentially,
		File:   "runtime/mfinal.go",
		Func:   "SetFinalizer",
		Anchor: "// A single goroutine runs all finalizers for a program, sequentially.",
		Claim:  "Under a slow/blocking finalizer all other finalizers are delayed (one goroutine, sequential).",
		Since:  "go1.0",
		Line:   417,
	},
	{
		ID:     PreferAddCleanup,
		File:   "runtime/mfinal.go",
		Func:   "SetFinalizer",
		Anchor: "// New Go code should consider using [AddCleanup] instead, which is much",
		Claim:  "Under new code the runtime docs recommend AddCleanup over SetFinalizer.",
		Since:  "go1.24",
		Line:   351,
	},
	{
		ID:     CleanupsMayNotRun,
		File:   "runtime/mcleanup.go",
		Func:   "AddCleanup",
		Anchor: "// The cleanup(arg) call is not always guaranteed to run; in particular it is not",
		Claim:  "Under program exit (or tiny/zero-size/linker-allocated objects) cleanups may never run.",
		Since:  "go1.24",
		Line:   46,
	},
	{
		ID:     CleanupReachablePtrNeverRuns,
		File:   "runtime/mcleanup.go",
		Func:   "AddCleanup",
		Anchor: "// If ptr is reachable from cleanup or arg, ptr will never be collected",
		Claim:  "Under arg or the cleanup closure referencing ptr the object is never collected; the runtime only panics for the simple cases (arg == ptr, ptr within arg, closure over ptr).",
		Since:  "go1.24",
		Line:   29,
	},
	{
		ID:     CleanupsRunConcurrently,
		File:   "runtime/mcleanup.go",
		Func:   "AddCleanup",
		Anchor: "// Cleanups may also run concurrently with one another (unlike finalizers).",
		Claim:  "Under multiple ready cleanups the runtime may run them in parallel (unlike finalizers), so cleanups need their own synchronization.",
		Since:  "go1.25",
		Line:   39,
	},
	{
		ID:          AddCleanupRejectsClosureOverPtr,
		File:        "runtime/mcleanup.go",
		Func:        "AddCleanup",
		Anchor:      "panic(\"runtime.AddCleanup: cleanup function closes over ptr, cleanup will never run\")",
		Claim:       "Under a cleanup closure that captures ptr AddCleanup panics at registration time.",
		VersionNote: "present in 1.26.8 (introduction version not verified)",
		Line:        167,
	},
}
