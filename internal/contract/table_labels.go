// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about profiler labels (checklist item 15).
const (
	LabelsStoredOnCurrentG              ID = "LabelsStoredOnCurrentG"
	GoroutineInheritsLabelsAtCreation   ID = "GoroutineInheritsLabelsAtCreation"
	LabelsDroppedAtExit                 ID = "LabelsDroppedAtExit"
	SetGoroutineLabelsReplaces          ID = "SetGoroutineLabelsReplaces"
	DoSetsLabelsForCall                 ID = "DoSetsLabelsForCall"
	WithLabelsOnlyChangesContext        ID = "WithLabelsOnlyChangesContext"
	LabelsOnlyInCPUAndGoroutineProfiles ID = "LabelsOnlyInCPUAndGoroutineProfiles"
	TracebackLabelsGODEBUG              ID = "TracebackLabelsGODEBUG"
	DoLabelsFromCtxNotGoroutine         ID = "DoLabelsFromCtxNotGoroutine"
	DoRestoresCtxLabelsOnReturn         ID = "DoRestoresCtxLabelsOnReturn"
	UserGoroutinesInheritLabels         ID = "UserGoroutinesInheritLabels"
)

var tableLabels = []Contract{
	{
		ID:     LabelsStoredOnCurrentG,
		File:   "runtime/proflabel.go",
		Func:   "runtime_setProfLabel",
		Anchor: "getg().labels = labels",
		Claim:  "Under SetGoroutineLabels/Do the runtime stores the label map pointer on the current g only.",
		Since:  "go1.9",
		Line:   42,
	},
	{
		ID:     GoroutineInheritsLabelsAtCreation,
		File:   "runtime/proc.go",
		Func:   "newproc1",
		Anchor: "newg.labels =",
		Claim:  "Under `go f()` from a user goroutine the child inherits the parent's current label pointer at creation time (system goroutines do not); later parent label changes are not propagated.",
		Since:  "go1.9",
		Line:   5364,
	},
	{
		ID:            LabelsDroppedAtExit,
		File:          "runtime/proc.go",
		Func:          "gdestroy",
		Anchor:        "gp.labels = nil",
		FallbackFuncs: []string{"goexit0"},
		Claim:         "Under goroutine exit labels are dropped with the g.",
		Since:         "go1.9",
		Line:          4523,
	},
	{
		ID:     SetGoroutineLabelsReplaces,
		File:   "runtime/pprof/runtime.go",
		Func:   "SetGoroutineLabels",
		Anchor: "// A new goroutine inherits the labels of the goroutine that created it.",
		Claim:  "Under SetGoroutineLabels(ctx) the current goroutine's labels are replaced (not restored automatically) - prefer Do.",
		Since:  "go1.9",
		Line:   39,
	},
	{
		ID:     DoSetsLabelsForCall,
		File:   "runtime/pprof/runtime.go",
		Func:   "Do",
		Anchor: "// Goroutines spawned while executing f will inherit the augmented label-set.",
		Claim:  "Under pprof.Do the labels are set for the duration of f and restored via defer SetGoroutineLabels(ctx); goroutines started inside f keep the augmented set after f returns.",
		Since:  "go1.9",
		Line:   48,
	},
	{
		ID:     WithLabelsOnlyChangesContext,
		File:   "runtime/pprof/label.go",
		Func:   "WithLabels",
		Anchor: "// WithLabels returns a new [context.Context] with the given labels added.",
		Claim:  "Under WithLabels only the context changes; nothing is applied to the goroutine until SetGoroutineLabels/Do.",
		Since:  "go1.9",
		Line:   54,
	},
	{
		ID:     LabelsOnlyInCPUAndGoroutineProfiles,
		File:   "runtime/pprof/label.go",
		Func:   "Labels",
		Anchor: "// Currently only the CPU and goroutine profiles utilize any labels",
		Claim:  "Under heap/block/mutex profiles labels are not recorded (only CPU and goroutine profiles; goroutineleak reuses goroutine profile records).",
		Since:  "go1.9",
		Line:   96,
	},
	{
		ID:     TracebackLabelsGODEBUG,
		File:   "runtime/traceback.go",
		Func:   "goroutineheader",
		Anchor: "if gp.labels != nil && debug.tracebacklabels.Load() == 1 {",
		Claim:  "Under GODEBUG=tracebacklabels=1 goroutine labels are printed in traceback headers (default off).",
		Since:  "go1.26",
		Line:   1279,
	},
	{
		ID:     DoLabelsFromCtxNotGoroutine,
		File:   "runtime/pprof/runtime.go",
		Func:   "Do",
		Anchor: "// Do calls f with a copy of the parent context with the",
		Claim:  "Under pprof.Do the label set is ctx's labels plus the new ones, passed to f as a new context; the goroutine's current labels are not consulted, so an unlabelled ctx replaces them.",
		Since:  "go1.9",
		Line:   46,
	},
	{
		ID:     DoRestoresCtxLabelsOnReturn,
		File:   "runtime/pprof/runtime.go",
		Func:   "Do",
		Anchor: "defer SetGoroutineLabels(ctx)",
		Claim:  "Under pprof.Do the goroutine's labels are set from the ctx argument when f returns, so Do(context.Background(), ...) leaves the goroutine with no labels.",
		Since:  "go1.9",
		Line:   54,
	},
	{
		ID:     UserGoroutinesInheritLabels,
		File:   "runtime/proc.go",
		Func:   "newproc1",
		Anchor: "// Only user goroutines inherit synctest groups and pprof labels.",
		Claim:  "Under `go f()` a user goroutine starts with its creator's labels at that moment; a goroutine that sets its own labels changes only itself.",
		Since:  "go1.9",
		Line:   5361,
	},
}
