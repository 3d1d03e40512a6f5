// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about timers and asynctimerchan (checklist item 13).
const (
	UnreferencedTimerCollectable    ID = "UnreferencedTimerCollectable"
	AsyncTimerChanRestoresOldTimers ID = "AsyncTimerChanRestoresOldTimers"
	AsyncTimerChanSelectsOldPath    ID = "AsyncTimerChanSelectsOldPath"
	ChanTimerHeapedOnlyWhileBlocked ID = "ChanTimerHeapedOnlyWhileBlocked"
	TimerChanReportsUnbuffered      ID = "TimerChanReportsUnbuffered"
	AsyncTimerChanRuntimeSetting    ID = "AsyncTimerChanRuntimeSetting"
	AsyncTimerChanDefaultFromGoLine ID = "AsyncTimerChanDefaultFromGoLine"
	GoLineSelectsGODEBUGDefaults    ID = "GoLineSelectsGODEBUGDefaults"
	GODEBUGDefaultsOnlyForMain      ID = "GODEBUGDefaultsOnlyForMain"
	GODEBUGFromMainModule           ID = "GODEBUGFromMainModule"
	AsyncTimerChanRemovalPlanned    ID = "AsyncTimerChanRemovalPlanned"
	AfterAllocatesTimer             ID = "AfterAllocatesTimer"
	TickerNeverCollectedBefore123   ID = "TickerNeverCollectedBefore123"
	SleepReusesGoroutineTimer       ID = "SleepReusesGoroutineTimer"
	ResetNeedsDrainBefore123        ID = "ResetNeedsDrainBefore123"
)

var tableTimer = []Contract{
	{
		ID:     UnreferencedTimerCollectable,
		File:   "time/sleep.go",
		Func:   "After",
		Anchor: "// As of Go 1.23, the garbage collector can recover unreferenced,",
		Claim:  "Under go.mod go >= 1.23 (asynctimerchan=0) an unreferenced time.After/NewTimer timer is GC-eligible even if it has not fired; before 1.23 it stayed in the timer heap until it fired.",
		Since:  "go1.23",
		Line:   200,
	},
	{
		ID:          AsyncTimerChanRestoresOldTimers,
		Until:       "go1.27",
		File:        "time/sleep.go",
		Func:        "NewTimer",
		Anchor:      "// The GODEBUG setting asynctimerchan=1 restores both pre-Go 1.23",
		Claim:       "Under asynctimerchan=1 timers are not collected until they fire and timer channels are buffered (cap 1) again.",
		Since:       "go1.23",
		VersionNote: "1.23; setting 'may be removed in Go 1.27 or later'",
		Line:        139,
	},
	{
		ID:     AsyncTimerChanSelectsOldPath,
		Until:  "go1.27",
		File:   "time/sleep.go",
		Func:   "syncTimer",
		Anchor: "if asynctimerchan.Value() == \"1\" {",
		Claim:  "Under asynctimerchan=1 package time does not tell the runtime about the channel, selecting the pre-1.23 code paths; asynctimerchan=2 = GC-able timers but old async channel semantics (debug only).",
		Since:  "go1.23",
		Line:   25,
	},
	{
		ID:     ChanTimerHeapedOnlyWhileBlocked,
		File:   "runtime/time.go",
		Func:   "timer.needsAdd",
		Anchor: "need := t.state&timerHeaped == 0 && t.when > 0 && (!t.isChan || t.blocked > 0)",
		Claim:  "Under the 1.23 semantics a channel timer is put into a P's timer heap only while some goroutine is blocked on its channel, so an unreferenced timer is not rooted and can be collected.",
		Since:  "go1.23",
		Line:   684,
	},
	{
		ID:     TimerChanReportsUnbuffered,
		File:   "runtime/chan.go",
		Func:   "chancap",
		Anchor: "// timer channels have a buffered implementation",
		Claim:  "Under the 1.23 semantics cap(t.C) and len(t.C) report 0 although the channel is allocated with capacity 1.",
		Since:  "go1.23",
		Line:   844,
	},
	{
		ID:     AsyncTimerChanRuntimeSetting,
		Until:  "go1.27",
		File:   "runtime/runtime1.go",
		Func:   "var debug",
		Anchor: "// asynctimerchan controls whether timer channels",
		Claim:  "Under os.Setenv(\"GODEBUG\", ...) at run time the setting can change and affects all extant timer channels immediately.",
		Since:  "go1.23",
		Line:   354,
	},
	{
		ID:     AsyncTimerChanDefaultFromGoLine,
		Until:  "go1.27",
		File:   "internal/godebugs/table.go",
		Func:   "var All",
		Anchor: "{Name: \"asynctimerchan\", Package: \"time\", Changed: 23, Old: \"1\"},",
		Claim:  "Under a main module whose go.mod (or go.work) says go <= 1.22, the built binary defaults to asynctimerchan=1.",
		Since:  "go1.23",
		Line:   30,
	},
	{
		ID:          GoLineSelectsGODEBUGDefaults,
		File:        "cmd/go/internal/load/godebug.go",
		Func:        "godebugForGoVersion",
		Anchor:      "if n < info.Changed {",
		Claim:       "Under `go build` of a main package the go command sets every setting whose Changed > the main module's go minor version to its Old value, embedded as DefaultGODEBUG in the binary.",
		Since:       "go1.21",
		VersionNote: "1.21 (go.mod godebug lines since 1.23)",
		Line:        145,
	},
	{
		ID:     GODEBUGDefaultsOnlyForMain,
		File:   "cmd/go/internal/load/godebug.go",
		Func:   "defaultGODEBUG",
		Anchor: "if p.Name != \"main\" {",
		Claim:  "Under a non-main package no default GODEBUG is computed: a library's own go.mod go line never selects GODEBUG behaviour.",
		Since:  "go1.21",
		Line:   49,
	},
	{
		ID:              GODEBUGFromMainModule,
		FallbackAnchors: []string{"MainModules.GoVersion("},
		FallbackFuncs:   []string{"defaultGODEBUGGoVersion"},
		File:            "cmd/go/internal/load/godebug.go",
		Func:            "defaultGODEBUG",
		Anchor:          "goVersion := loaderstate.MainModules.GoVersion(loaderstate)",
		Claim:           "Under `go build`/`go test` the defaults come from the MAIN module's (or go.work's) go version, then go.mod `godebug` lines, then //go:debug directives in the main package, and finally the GODEBUG env var at run time overrides.",
		Since:           "go1.21",
		VersionNote:     "1.21 (go.mod godebug lines 1.23)",
		Line:            52,
	},
	{
		ID:          AsyncTimerChanRemovalPlanned,
		Until:       "go1.27",
		File:        "../doc/godebug.md",
		Func:        "",
		Anchor:      "This setting will be removed in Go 1.27.",
		Claim:       "Under Go 1.27+ asynctimerchan may no longer exist (doc/godebug.md says removal in 1.27; time/sleep.go says 'may be removed in Go 1.27 or later').",
		Since:       "go1.23",
		VersionNote: "1.23 (removal planned 1.27)",
		Line:        323,
	},
	{
		ID:     AfterAllocatesTimer,
		File:   "time/sleep.go",
		Func:   "After",
		Anchor: "return NewTimer(d).C",
		Claim:  "Under every time.After call a new Timer and its channel are allocated: After is NewTimer(d).C, and nothing is reused between calls.",
		Since:  "go1.0",
		Line:   203,
	},
	{
		ID:          TickerNeverCollectedBefore123,
		File:        "time/tick.go",
		Func:        "Tick",
		Anchor:      "// [Ticker] would never be recovered by the garbage collector, and that",
		Claim:       "Under go.mod go < 1.23 (or asynctimerchan=1) a Ticker from time.Tick is never recovered by the garbage collector and keeps firing for the life of the process; since 1.23 an unreferenced ticker is collectable.",
		Since:       "go1.0",
		VersionNote: "1.0 (collectable since 1.23 under asynctimerchan=0)",
		Line:        79,
	},
	{
		ID:     SleepReusesGoroutineTimer,
		File:   "runtime/time.go",
		Func:   "timeSleep",
		Anchor: "gp.timer = t",
		Claim:  "Under time.Sleep the runtime parks the goroutine on its own timer, allocated once per goroutine and reused by every later Sleep.",
		Since:  "go1.0",
		Line:   343,
	},
	{
		ID:          ResetNeedsDrainBefore123,
		File:        "time/sleep.go",
		Func:        "Timer.Reset",
		Anchor:      "// Before Go 1.23, the only safe way to use Reset was to call [Timer.Stop]",
		Claim:       "Under asynctimerchan=0 (go.mod go >= 1.23) no receive after Reset returns sees a value from the previous setting; before 1.23 (or with asynctimerchan=1) Reset needs Stop and a drain of t.C first.",
		Since:       "go1.23",
		VersionNote: "1.23 (the drain rule applies before)",
		Line:        168,
	},
}
