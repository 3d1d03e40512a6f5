// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about defer and open-coded defers (checklist item 12).
const (
	OpenCodedDefersAtMostEight        ID = "OpenCodedDefersAtMostEight"
	OpenCodedDeferLimitChecked        ID = "OpenCodedDeferLimitChecked"
	DeferInLoopNotOpenCoded           ID = "DeferInLoopNotOpenCoded"
	OpenCodedDefersEnableConditions   ID = "OpenCodedDefersEnableConditions"
	RaceDisablesOpenCodedDefers       ID = "RaceDisablesOpenCodedDefers"
	HeapResultDisablesOpenCodedDefers ID = "HeapResultDisablesOpenCodedDefers"
	ReturnsTimesDefersAtMost15        ID = "ReturnsTimesDefersAtMost15"
	LoopDeferIsHeapAllocated          ID = "LoopDeferIsHeapAllocated"
	RangeFuncDeferNotOpenCoded        ID = "RangeFuncDeferNotOpenCoded"
	OpenCodedDefersNeedNoLoop         ID = "OpenCodedDefersNeedNoLoop"
	HeapDeferRecordPerCall            ID = "HeapDeferRecordPerCall"
	StackDeferRecord                  ID = "StackDeferRecord"
	DeferPreventsInlining             ID = "DeferPreventsInlining"
	LoopDeferArgsEscape               ID = "LoopDeferArgsEscape"
)

var tableDefer = []Contract{
	{
		ID:     OpenCodedDefersAtMostEight,
		File:   "cmd/compile/internal/walk/walk.go",
		Func:   "const maxOpenDefers",
		Anchor: "const maxOpenDefers = 8",
		Claim:  "Under more than 8 defer statements in one function (counted statically) no defer in that function is open-coded.",
		Since:  "go1.14",
		Line:   251,
	},
	{
		ID:          OpenCodedDeferLimitChecked,
		File:        "cmd/compile/internal/walk/stmt.go",
		Func:        "walkStmt",
		Anchor:      "if ir.CurFunc.NumDefers > maxOpenDefers || n.DeferAt != nil {",
		Claim:       "Under >8 defers or a defer inside a range-over-func body (DeferAt, Go 1.23) open-coding is disabled for the whole function.",
		Since:       "go1.14",
		VersionNote: "1.14 (DeferAt 1.23)",
		Line:        109,
	},
	{
		ID:     DeferInLoopNotOpenCoded,
		File:   "cmd/compile/internal/walk/stmt.go",
		Func:   "walkStmt",
		Anchor: "// If n.Esc is not EscNever, then this defer occurs in a loop,",
		Claim:  "Under a defer inside a loop (including goto loops) open-coding is disabled for the whole function and that defer is heap-allocated (deferproc).",
		Since:  "go1.14",
		Line:   117,
	},
	{
		ID:     OpenCodedDefersEnableConditions,
		File:   "cmd/compile/internal/ssagen/ssa.go",
		Func:   "buildssa",
		Anchor: "s.hasOpenDefers = base.Flag.N == 0 && s.hasdefer && !s.curfn.OpenCodedDeferDisallowed()",
		Claim:  "Under -gcflags=-N (optimizations off) or -gcflags=-d=noopendefer (base.Debug.NoOpenDefer) open-coded defers are off.",
		Since:  "go1.14",
		Line:   397,
	},
	{
		ID:     RaceDisablesOpenCodedDefers,
		File:   "cmd/compile/internal/ssagen/ssa.go",
		Func:   "buildssa",
		Anchor: "if s.hasOpenDefers && s.instrumentEnterExit {",
		Claim:  "Under -race (function enter/exit instrumentation) open-coded defers are off.",
		Since:  "go1.14",
		Line:   409,
	},
	{
		ID:     HeapResultDisablesOpenCodedDefers,
		File:   "cmd/compile/internal/ssagen/ssa.go",
		Func:   "buildssa",
		Anchor: "// Similarly, skip if there are any heap-allocated result",
		Claim:  "Under a function whose named result escapes to the heap open-coded defers are off.",
		Since:  "go1.14",
		Line:   416,
	},
	{
		ID:     ReturnsTimesDefersAtMost15,
		File:   "cmd/compile/internal/ssagen/ssa.go",
		Func:   "buildssa",
		Anchor: "s.curfn.NumReturns*s.curfn.NumDefers > 15 {",
		Claim:  "Under returns x defers > 15 open-coded defers are off (code-size bound).",
		Since:  "go1.14",
		Line:   426,
	},
	{
		ID:          LoopDeferIsHeapAllocated,
		File:        "cmd/compile/internal/ssagen/ssa.go",
		Func:        "state.stmt",
		Anchor:      "if n.Esc() == ir.EscNever && n.DeferAt == nil {",
		Claim:       "Under non-open-coded defers, a defer executed at most once per call uses a stack record (deferprocStack); one in a loop uses a heap/pooled record (deferproc).",
		Since:       "go1.13",
		VersionNote: "1.13 (stack-allocated defer records)",
		Line:        1731,
	},
	{
		ID:     RangeFuncDeferNotOpenCoded,
		File:   "cmd/compile/internal/walk/expr.go",
		Func:   "walkCall",
		Anchor: "if sym.Pkg.Path == \"go.runtime\" && sym.Name == \"deferrangefunc\" {",
		Claim:  "Under a defer inside a range-over-func loop body the enclosing function loses open-coded defers.",
		Since:  "go1.23",
		Line:   624,
	},
	{
		ID:     OpenCodedDefersNeedNoLoop,
		File:   "runtime/panic.go",
		Func:   "",
		Anchor: "// exits in order to run the appropriate defer calls. A cheaper way (which we call",
		Claim:  "Under open-coded defers the deferred calls are inlined at each exit with a bitmask; otherwise a defer record is chained on g._defer and run by deferreturn.",
		Since:  "go1.14",
		Line:   41,
	},
	{
		ID:          HeapDeferRecordPerCall,
		File:        "runtime/panic.go",
		Func:        "deferproc",
		Anchor:      "d := newdefer()",
		Claim:       "Under a heap defer the runtime takes a _defer from the per-P pool (or allocates) and links it on g._defer; cost = pool/alloc + a runtime call per execution.",
		Since:       "go1.0",
		VersionNote: "1.0 (fn-only signature since 1.18)",
		Line:        360,
	},
	{
		ID:     StackDeferRecord,
		File:   "runtime/panic.go",
		Func:   "deferprocStack",
		Anchor: "// deferprocStack queues a new deferred function with a defer record on the stack.",
		Claim:  "Under a stack defer the record lives in the caller's frame; cost = a runtime call but no allocation.",
		Since:  "go1.13",
		Line:   538,
	},
	{
		ID:          DeferPreventsInlining,
		File:        "cmd/compile/internal/inline/inl.go",
		Func:        "hairyVisitor.doNode",
		Anchor:      "case ir.OGO, ir.ODEFER, ir.OTAILCALL:",
		Claim:       "Under any `defer` (or `go`) statement in a function body that function is never inlined.",
		Since:       "go1.0",
		VersionNote: "1.0 (still true in 1.26.8)",
		Line:        683,
	},
	{
		ID:     LoopDeferArgsEscape,
		File:   "cmd/compile/internal/escape/call.go",
		Func:   "escape.goDeferStmt",
		Anchor: "if n.Op() == ir.ODEFER && e.loopDepth == 1 && n.DeferAt == nil {",
		Claim:  "Under escape analysis only a defer outside every loop (loop depth 1) is marked EscNever, keeping its record and arguments off the heap; a defer in a loop (for, range or a backward goto) sends its call to the heap hole.",
		Since:  "go1.13",
		Line:   239,
	},
}
