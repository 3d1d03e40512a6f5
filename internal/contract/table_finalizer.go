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
	AddCleanupRejectsArgEqualPtr    ID = "AddCleanupRejectsArgEqualPtr"
	AddCleanupRejectsArgInsidePtr   ID = "AddCleanupRejectsArgInsidePtr"
	FinalizerMustNotFlush           ID = "FinalizerMustNotFlush"
	FinalizerResurrectsObject       ID = "FinalizerResurrectsObject"
	CleanupsRunInCycles             ID = "CleanupsRunInCycles"
	MultipleCleanupsPerObject       ID = "MultipleCleanupsPerObject"
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
		Claim:  "Under arg or the cleanup closure referencing ptr the object is never collected and the cleanup never runs; the doc promises a panic only for arg == ptr, and go1.26 also panics when arg points into ptr's object or the closure directly holds such a pointer, but nothing catches ptr reached through another object.",
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
		Claim:       "Under a cleanup closure whose own captured pointers point into ptr's object (a capture by value of ptr, or by reference of the variable ptr addresses) AddCleanup panics at registration; a pointer to ptr held one object further away is not seen.",
		Since:       "go1.26",
		VersionNote: "go1.26 (absent from the go1.24 and go1.25 AddCleanup, which only compared arg with ptr; present in go1.26.8 and go1.27.3)",
		Line:        167,
	},
	{
		ID:          AddCleanupRejectsArgEqualPtr,
		File:        "runtime/mcleanup.go",
		Func:        "AddCleanup",
		Anchor:      "panic(\"runtime.AddCleanup: ptr is equal to arg, cleanup will never run\")",
		Claim:       "Under AddCleanup(ptr, f, ptr) (arg of pointer kind equal to ptr) the call panics.",
		Since:       "go1.24",
		VersionNote: "go1.24 (the go1.24 pre-release check compared &arg and never fired: go.dev/issue/71316, fixed before the release)",
		Line:        97,
	},
	{
		ID:          AddCleanupRejectsArgInsidePtr,
		File:        "runtime/mcleanup.go",
		Func:        "AddCleanup",
		Anchor:      "panic(\"runtime.AddCleanup: ptr is within arg, cleanup will never run\")",
		Claim:       "Under an arg of pointer kind that points into ptr's allocation (&ptr.field) AddCleanup panics (outside tiny-allocator blocks); the message reads \"ptr is within arg\".",
		Since:       "go1.26",
		VersionNote: "go1.26 (absent from go1.25)",
		Line:        150,
	},
	{
		ID:     FinalizerMustNotFlush,
		File:   "runtime/mfinal.go",
		Func:   "SetFinalizer",
		Anchor: "// to depend on a finalizer to flush an in-memory I/O buffer such as a",
		Claim:  "Under a finalizer that flushes a buffer the data is lost at program exit: the doc calls depending on it a mistake.",
		Since:  "go1.0",
		Line:   378,
	},
	{
		ID:     FinalizerResurrectsObject,
		File:   "runtime/mfinal.go",
		Func:   "SetFinalizer",
		Anchor: "// finalizer(obj) in a separate goroutine. This makes obj reachable again,",
		Claim:  "Under a finalizer the object is made reachable again to run it, so it and everything it references survive at least one more GC cycle.",
		Since:  "go1.0",
		Line:   344,
	},
	{
		ID:     CleanupsRunInCycles,
		File:   "runtime/mcleanup.go",
		Func:   "AddCleanup",
		Anchor: "// and can run in any order. This is true even if the objects form a cycle.",
		Claim:  "Under objects that form a cycle their cleanups still become eligible to run (unlike finalizers).",
		Since:  "go1.24",
		Line:   36,
	},
	{
		ID:     MultipleCleanupsPerObject,
		File:   "runtime/mcleanup.go",
		Func:   "AddCleanup",
		Anchor: "// There are few constraints on ptr. In particular, multiple cleanups may be",
		Claim:  "Under AddCleanup several cleanups may be attached to one object (SetFinalizer allows one).",
		Since:  "go1.24",
		Line:   25,
	},
}
