package contract

import "regexp"

// An Observation says how the run-time contract tests
// (internal/contracttest) demonstrate a contract on the running toolchain,
// or why no test can observe it reliably.
type Observation struct {
	// Test is the test function in internal/contracttest that demonstrates
	// the contract; empty when it cannot be observed reliably.
	Test string
	// Note says what the test observes, or why there is no test.
	Note string
}

var testNameRE = regexp.MustCompile(`\bTest[A-Z][A-Za-z0-9_]*`)

// ObservationOf returns how the contract is demonstrated at run time. A
// table entry's Observable field, when set, takes precedence over the
// notes kept in this file; a test named in it (TestXxx) is its Test.
func ObservationOf(id ID) (Observation, bool) {
	if c, ok := Lookup(id); ok && c.Observable != "" {
		return Observation{Test: testNameRE.FindString(c.Observable), Note: c.Observable}, true
	}
	o, ok := observations[id]
	return o, ok
}

// ObservedIDs returns the IDs this file has notes for, including any that
// are not (or no longer) in the table; a test checks that they all are.
func ObservedIDs() []ID {
	out := make([]ID, 0, len(observations))
	for id := range observations {
		out = append(out, id)
	}
	return out
}

// observations holds the run-time observability of each contract. Keys are
// string literals rather than the ID constants so that renaming an entry
// in a table file does not break the build of this package; the contract
// tests check that every key names a contract and that every named test
// exists and mentions the contract's ID.
var observations = map[ID]Observation{
	"AdaptiveStartingStackSize":                {"", "the starting stack size follows the average scanned stack size of past GCs; no API reports a goroutine's stack size"},
	"AddCleanupRejectsArgEqualPtr":             {"TestAddCleanupRejects", "AddCleanup(ptr, f, ptr) panics with the cited message"},
	"AddCleanupRejectsArgInsidePtr":            {"TestAddCleanupRejects", "AddCleanup(ptr, f, &ptr.field) panics with the cited message"},
	"AddCleanupRejectsClosureOverPtr":          {"TestAddCleanupRejects", "AddCleanup panics with the cited message for a closure capturing ptr"},
	"AddmoduledataBlocked":                     {"TestLinknameBlocked", "a pull of runtime.addmoduledata fails to link"},
	"AfterAllocatesTimer":                      {"TestTimerAllocation", "testing.AllocsPerRun: time.After allocates at least 2 objects per call"},
	"AllgsNeverShrinks":                        {"", "allgs is internal; no API reports its length"},
	"AsmDeclMustBePushed":                      {"", "a go1.27 linker rule; on go1.26 the contract does not hold. internal/linkcheck TestAgainstLinker checks the verdicts against the real linker on whichever toolchain runs it (GOTOOLCHAIN=go1.27.3 shows this rule)"},
	"AsmSymbolIsPushed":                        {"TestLinknameAsmSymbol", "a pull of math.archFloor (assembly, no //go:linkname) links"},
	"AsyncPreemption":                          {"TestAsyncPreemption", "with GOMAXPROCS=1 main runs again while a call-free loop spins; with GODEBUG=asyncpreemptoff=1 it never does (child killed after 2s)"},
	"AsyncTimerChanDefaultFromGoLine":          {"TestGoLineSelectsTimerSemantics", "go version -m: DefaultGODEBUG has asynctimerchan=1 for a go 1.22 main module, not for go 1.23"},
	"AsyncTimerChanRemovalPlanned":             {"", "a statement about a future release; rtlint contracts -check -against go1.27.3 shows the removal"},
	"AsyncTimerChanRestoresOldTimers":          {"TestGoLineSelectsTimerSemantics", "go 1.22 module (asynctimerchan=1): cap(time.After(d)) is 1 and timers are retained"},
	"AsyncTimerChanRuntimeSetting":             {"TestAsyncTimerChanRuntimeSetting", "cap of an existing timer channel goes from 0 to 1 after os.Setenv(\"GODEBUG\", \"asynctimerchan=1\")"},
	"AsyncTimerChanSelectsOldPath":             {"TestGoLineSelectsTimerSemantics", "the go 1.22 binary shows the old behaviour: buffered channels, stale values after Reset, timers retained"},
	"BadLinknamePushes":                        {"TestLinknamePullNeedsPush", "a pull of runtime.cputicks (badlinkname.go) links"},
	"BlockedGoroutineParksUntilReadied":        {"TestCancelDoesNotWakeChannelOps", "parked goroutines stay in their wait state until their channel is used (also TestEmptySelectAndNilChanParkForever)"},
	"BlockedLinknamesReserved":                 {"TestLinknameBlocked", "a pull of runtime/pprof.runtime_goroutineLeakGC from main fails to link"},
	"CancelOnlyClosesDone":                     {"TestCancelDoesNotWakeChannelOps", "after cancel, goroutines parked on other channels stay parked"},
	"ChanRecvParksUntilSendOrClose":            {"TestCancelDoesNotWakeChannelOps", "a receiver stays in [chan receive] after cancel and returns only on close"},
	"ChanSendParksUntilRecv":                   {"TestCancelDoesNotWakeChannelOps", "a sender stays in [chan send] after cancel and returns only on a receive"},
	"ChanTimerHeapedOnlyWhileBlocked":          {"TestGoLineSelectsTimerSemantics", "unreferenced unfired timers are collected under go 1.23"},
	"CheckLinknameFlag":                        {"TestCheckLinknameFlag", "the pull of runtime.gcount links with -ldflags=-checklinkname=0"},
	"CleanupReachablePtrNeverRuns":             {"TestCleanupReachablePtrNeverRuns", "a cleanup whose arg points to ptr does not run across the GCs that run a control object's cleanups"},
	"CleanupsMayNotRun":                        {"TestFinalizersMayNotRunAtExit", "a child with an unreachable object's cleanup exits without running it"},
	"CleanupsRunConcurrently":                  {"", "a permission (\"may\"): the runtime runs cleanups on up to GOMAXPROCS/4 goroutines in per-P batches, so whether two cleanups overlap depends on batching and GOMAXPROCS; a test could only show it sometimes"},
	"CleanupsRunInCycles":                      {"TestFinalizerCycleNeverCollected", "the cleanup of an object in a cycle runs"},
	"ClearpoolsRunsPoolCleanup":                {"TestPoolVictimCache", "each runtime.GC ages the pool by one generation"},
	"CloseOfClosedChanPanics":                  {"TestCloseOfClosedChanPanics", "second close panics with the cited message; of 8 racing closers exactly one succeeds"},
	"CloseOfNilChanPanics":                     {"TestCloseOfNilChanPanics", "recover() yields a runtime.Error with the cited message"},
	"CloseWakesReceivers":                      {"TestCloseWakesReceivers", "receivers parked in [chan receive] get 0, false after close"},
	"CloseWakesSendersToPanic":                 {"TestParkedSenderPanicsOnClose", "every one of three parked senders is woken by close and panics"},
	"ContainerMaxProcsFromGoLine":              {"TestGODEBUGDefaultsFromMainModule", "DefaultGODEBUG of binaries from go 1.22 and 1.24 main modules has containermaxprocs=0; go 1.25 does not"},
	"CtxDoneForSelect":                         {"TestSelectWithDoneWakesOnCancel", "a select on ctx.Done() alongside a channel returns context.Canceled on cancel"},
	"CtxDoneIsOnlyAChannel":                    {"TestSelectWithDoneWakesOnCancel", "context.Background().Done() is nil; cancellation is seen only through the Done channel"},
	"DeferInLoopNotOpenCoded":                  {"TestDeferLowering", "-d=defer: defers in for and goto loops are heap-allocated, and the function's other defers are not open-coded"},
	"DeferPreventsInlining":                    {"TestDeferPreventsInlining", "compile -m=2: \"cannot inline withDefer: unhandled op DEFER\"; the same function without defer is inlinable"},
	"DoLabelsFromCtxNotGoroutine":              {"TestDoLabelsComeFromCtx", "pprof.Do on an unlabelled ctx drops the goroutine's own labels inside f"},
	"DoRestoresCtxLabelsOnReturn":              {"TestDoLabelsComeFromCtx", "after Do(context.Background(), ...) the goroutine has no labels"},
	"DoSetsLabelsForCall":                      {"TestGoroutinesInheritLabels", "goroutines started inside pprof.Do carry its labels in the goroutine profile after Do returns"},
	"EfaceLayout":                              {"TestInterfaceLayout", "any is two words, (type, data), data being the stored pointer"},
	"EmptySelectCompilesToBlock":               {"TestEmptySelectCompilesToBlock", "compile -S of select {} calls runtime.block, not selectgo"},
	"EmptySelectParksForever":                  {"TestEmptySelectAndNilChanParkForever", "a goroutine in select {} stays parked across a GC"},
	"EmptySelectWaitReason":                    {"TestEmptySelectAndNilChanParkForever", "runtime.Stack shows it as [select (no cases)]"},
	"FinalizerCycleNeverCollected":             {"TestFinalizerCycleNeverCollected", "across the GCs that finalize an acyclic control object, the finalizer of an object in a cycle does not run"},
	"FinalizerMustNotFlush":                    {"TestFinalizersMayNotRunAtExit", "a bufio.Writer flushed by a finalizer loses its data at exit"},
	"FinalizerResurrectsObject":                {"TestFinalizerResurrectsObject", "inside the finalizer the object and what it references are alive (weak pointer still resolves); both are freed by later GCs"},
	"FinalizersMayNotRunAtExit":                {"TestFinalizersMayNotRunAtExit", "a child with an unreachable finalized object exits without running it (GOGC=off); with explicit GCs it runs"},
	"FinalizersRunSequentially":                {"TestFinalizersRunSequentially", "while one finalizer blocks, another ready one does not start; it runs once the first returns"},
	"FuncInfoLayout":                           {"", "private layout of runtime._func; reading it needs the unsafe access the analyzer warns against, and it changes between releases"},
	"FuncvalLayout":                            {"", "private representation of func values; reading it needs the unsafe access the analyzer warns against"},
	"GCScansEveryGoroutineStack":               {"TestBlockedGoroutineKeepsStackAlive", "an object referenced only from a parked goroutine's stack survives GCs that collect a control object, and is freed once the goroutine ends"},
	"GLabelsOpaque":                            {"", "the g layout is private; labels are observed through profiles (TestGoroutinesInheritLabels)"},
	"GLayoutUnstable":                          {"", "the g layout is private and differs between releases and build modes"},
	"GODEBUGDefaultsOnlyForMain":               {"TestGODEBUGDefaultsFromMainModule", "a go 1.21 library gets the main module's timer behaviour"},
	"GODEBUGFromMainModule":                    {"TestGODEBUGDefaultsFromMainModule", "the same library code behaves per the main module's go line"},
	"GOMAXPROCSChangeStopsTheWorld":            {"TestGOMAXPROCS", "GOMAXPROCS(n+1) adds exactly one stop-the-world pause"},
	"GOMAXPROCSDefaultFromCgroup":              {"", "depends on the cgroup hierarchy of the machine running the tests"},
	"GOMAXPROCSMarksCustomFirst":               {"TestGOMAXPROCS", "GOMAXPROCS(current) stops nothing, yet a following SetDefaultGOMAXPROCS, a no-op before it, stops the world"},
	"GOMAXPROCSUpdatedBySysmon":                {"", "needs the CPU affinity or cgroup quota of the process to change mid-run, and a one-second sysmon period"},
	"GOMAXPROCSUpdaterExitsOnRace":             {"", "a race between GOMAXPROCS and a pending automatic update cannot be arranged on cue"},
	"GOMAXPROCSZeroIsQuery":                    {"TestGOMAXPROCS", "100 GOMAXPROCS(0) calls add no stop-the-world pause (/sched/pauses/total/other:seconds)"},
	"GoLineSelectsGODEBUGDefaults":             {"TestGODEBUGDefaultsFromMainModule", "DefaultGODEBUG of the built binaries follows the main module's go line"},
	"GoStatementQueuesNewG":                    {"", "which run queue slot a new goroutine takes is scheduler-internal and not observable without racing the scheduler"},
	"GoexitDestroysG":                          {"TestLockedGoroutineExitKillsThread", "runtime.Goexit while locked also ends the thread"},
	"GoroutineHeaderFormat":                    {"TestGoroutineHeaderFormat", "runtime.Stack output starts with \"goroutine N [state]:\" and the number differs between goroutines, yet no API returns it"},
	"GoroutineInheritsLabelsAtCreation":        {"TestGoroutinesInheritLabels", "children keep the labels they were created with after the parent's labels change"},
	"GoschedDoesNotSuspend":                    {"TestGoschedReturns", "1000 Gosched calls return at once with nothing else runnable"},
	"GoschedNotPreemption":                     {"", "which goschedImpl branch runs is internal"},
	"GoschedUsesGlobalRunQueue":                {"", "the run queue a yielding goroutine joins is not observable: any order a test saw would also be allowed by the local-queue alternative"},
	"GoyieldUsesLocalRunQueue":                 {"", "goyield is runtime-internal and not callable"},
	"HallOfShamePinsSymbol":                    {"TestLinknamePullNeedsPush", "a pull of runtime.gopark (a hall-of-shame symbol) links"},
	"HchanLayoutPrivate":                       {"TestHchanLayout", "qcount, dataqsiz, elemsize and closed read through unsafe at their go1.26 offsets (the test breaks when the layout does)"},
	"HeapDeferRecordPerCall":                   {"TestDeferRuntimeCalls", "compile -S: a defer in a loop calls runtime.deferproc"},
	"HeapResultDisablesOpenCodedDefers":        {"TestDeferLowering", "-d=defer: a function whose named result escapes gets a stack-allocated defer"},
	"ITabLayout":                               {"", "private layout of runtime.itab (internal/abi.ITab); observing it needs unsafe reads of runtime memory"},
	"IfaceLayout":                              {"TestInterfaceLayout", "a non-empty interface is (itab, data) with the itab's type equal to the eface type word"},
	"InternalLockedExitThrows":                 {"", "the internal lock count cannot be raised from user code"},
	"LabelsDroppedAtExit":                      {"", "an exited goroutine leaves no trace to inspect; a reused G gets its creator's labels anyway"},
	"LabelsOnlyInCPUAndGoroutineProfiles":      {"TestLabelsOnlyInCPUAndGoroutineProfiles", "the heap, block and mutex profiles sample the labelled code but their string tables lack the label; the goroutine profile has it"},
	"LabelsStoredOnCurrentG":                   {"TestGoroutinesInheritLabels", "labels set by a goroutine show on that goroutine only in the goroutine profile"},
	"LeakProfileExperimentFlag":                {"TestGoroutineLeakProfile", "the profile exists in a build with the experiment (and not in a default one)"},
	"LeakProfileFindsUnreachableBlocked":       {"TestGoroutineLeakProfile", "in a GOEXPERIMENT=goroutineleakprofile build the profile lists goroutines blocked on an unreachable channel and WaitGroup"},
	"LeakProfileNeedsGOEXPERIMENT":             {"TestLeakProfileNeedsGOEXPERIMENT", "pprof.Lookup(\"goroutineleak\") is nil in this (default) test binary"},
	"LeakProfileRunsExtraGC":                   {"TestGoroutineLeakProfile", "MemStats.NumGC grows while the profile is written"},
	"LeakProfileSeesOnlyUnreachablePrimitives": {"TestGoroutineLeakProfile", "select {} is reported; a receive on a global channel and a sleep are not"},
	"LeakedGoroutineNeverReclaimed":            {"TestGoroutineLeakProfile", "after the profile and two more GCs the goroutine count is unchanged"},
	"LeakedGoroutineOnlyMarked":                {"TestGoroutineLeakProfile", "after the profile the goroutine dump shows [chan receive (leaked)]"},
	"LinknameBlockedFailsLink":                 {"TestLinknamePullNeedsPush", "the link error reads \"main: invalid reference to runtime.gcount\", the cited format"},
	"LinknameCheckStdOnly":                     {"TestLinknamePullNeedsPush", "a pull of an unexported function of another (non-std) package links"},
	"LinknameDuplicateDef":                     {"TestLinknameLinkErrors", "a body for runtime.nanotime fails with 'duplicated definition of symbol'"},
	"LinknameMarksPuller":                      {"TestLinknamePuller", "the error names the package whose code references the symbol; calling a pulled declaration through an import links unchecked"},
	"LinknameOnlyPullsChecked":                 {"TestLinknamePullNeedsPush", "a push into another package's name (a definition with a body) links"},
	"LinknamePullNeedsPush":                    {"TestLinknamePullNeedsPush", "a pull of runtime.gcount fails to link; pulls of pushed symbols link"},
	"LinknamePushAllowsPull":                   {"TestLinknamePullNeedsPush", "pulls of runtime.nanotime, runtime.cputicks and runtime.gopark link"},
	"LinknameRequiresUnsafe":                   {"TestLinknameRequiresUnsafe", "go build fails with 'only allowed in Go files that import \"unsafe\"'"},
	"LinknameStdOnly":                          {"", "//go:linknamestd exists from go1.27 only; internal/linkcheck TestAgainstLinker checks it against the real linker when run under go1.27"},
	"LinknameUndefinedTarget":                  {"TestLinknameLinkErrors", "a pull of a function nobody defines fails with 'relocation target ... not defined'"},
	"LinknameVarRefChecked":                    {"TestLinknamePullNeedsPush", "a pull of the variable runtime.allglen fails to link; a linknamed variable std does not define links as a new zero variable"},
	"LockOSThreadNests":                        {"TestLockedGoroutineExitKillsThread", "locked twice and unlocked once, the thread still exits with the goroutine; unlocked twice, it stays"},
	"LockedExitReturnsToMstart":                {"TestLockedGoroutineExitKillsThread", "the thread exits (the path through mstart itself is internal)"},
	"LockedGoroutineExitKillsThread":           {"TestLockedGoroutineExitKillsThread", "the thread id of a goroutine that returns while locked disappears from /proc/self/task; unlocked, it stays"},
	"LoopDeferArgsEscape":                      {"TestDeferLowering", "compile -m: a deferred closure in a loop escapes to the heap, one at top level does not"},
	"LoopDeferIsHeapAllocated":                 {"TestDeferLowering", "-d=defer: heap-allocated in a loop, stack-allocated outside one"},
	"MLayoutUnstable":                          {"", "the m layout is private"},
	"MLockCounts":                              {"TestLockedGoroutineExitKillsThread", "nested LockOSThread calls are counted: the thread stays locked until as many unlocks"},
	"MainThreadWedgedNotExited":                {"TestMainThreadWedgedNotExited", "when the main goroutine, locked to the main thread, calls Goexit, the main thread stays (not a zombie) and the process goes on"},
	"ModuledataLayout":                         {"", "private layout of runtime.moduledata; observing it needs a linkname pull the linker blocks"},
	"MultipleCleanupsPerObject":                {"TestCleanupReachablePtrNeverRuns", "both cleanups attached to one object run"},
	"NewGoroutineAllocatesStack":               {"", "whether a G comes from the free list or is freshly allocated is internal"},
	"NilChanRecvParksForever":                  {"TestEmptySelectAndNilChanParkForever", "[chan receive (nil chan)] stays parked; a non-blocking receive takes the default branch"},
	"NilChanSendParksForever":                  {"TestEmptySelectAndNilChanParkForever", "[chan send (nil chan)] stays parked; a non-blocking send takes the default branch"},
	"OneArgLinknameIsPush":                     {"TestLinknamePullNeedsPush", "runtime.nanotime, pushed by a one-argument //go:linkname, can be pulled"},
	"OpenCodedDeferLimitChecked":               {"TestDeferLowering", "-d=defer: more than 8 defers or a defer in a range-over-func body turns open-coding off for the whole function"},
	"OpenCodedDefersAtMostEight":               {"TestDeferLowering", "go tool compile -d=defer: 8 defers are open-coded, 9 are not"},
	"OpenCodedDefersEnableConditions":          {"TestDeferLoweringFlags", "-d=defer under -N and -d=noopendefer: nothing is open-coded"},
	"OpenCodedDefersNeedNoLoop":                {"TestDeferRuntimeCalls", "compile -S: open-coded functions call neither deferproc nor deferprocStack"},
	"PLayoutUnstable":                          {"", "the p layout is private"},
	"ParkedSenderPanicsOnClose":                {"TestParkedSenderPanicsOnClose", "senders parked in [chan send] each panic with the cited message when the channel is closed"},
	"PerIterationLoopVars":                     {"TestGoLineSelectsLoopVarSemantics", "closures over a 3-clause loop variable see 3,3,3 in a go 1.21 module and 0,1,2 in go 1.22; a go 1.21 library keeps 3,3,3"},
	"PoolCleanupRegistered":                    {"TestPoolVictimCache", "runtime.GC clears pools, so the hook is registered"},
	"PoolGetNilWithoutNew":                     {"TestPoolVictimCache", "Get on an empty pool returns nil, or New's value when New is set"},
	"PoolGetUnrelatedToPut":                    {"TestPoolVictimCache", "after two GCs Get returns nil although an item was Put (the pool treats itself as empty)"},
	"PoolItemsRemovedAnytime":                  {"TestPoolVictimCache", "an item Put before two GCs is gone"},
	"PoolPrimaryBecomesVictim":                 {"TestPoolVictimCache", "an item Put before one GC is still returned by Get"},
	"PoolPutHandsOver":                         {"TestPoolVictimCache", "Get right after Put returns the same pointer"},
	"PoolVictimDroppedAtGC":                    {"TestPoolVictimCache", "with one P and GOGC=off, an item survives one GC (victim cache) and is gone after two"},
	"PoolsClearedInSTW":                        {"", "that the clearing happens inside the stop-the-world pause cannot be told apart from user code; the clearing itself is TestPoolVictimCache"},
	"PreferAddCleanup":                         {"", "a recommendation in the documentation, not a behaviour"},
	"RaceDisablesOpenCodedDefers":              {"TestDeferLoweringFlags", "-d=defer under -race: nothing is open-coded"},
	"RangeFuncDeferNotOpenCoded":               {"TestDeferLowering", "-d=defer: a defer in a range-over-func body is heap-allocated and the function's other defer is not open-coded"},
	"ResetNeedsDrainBefore123":                 {"TestGoLineSelectsTimerSemantics", "Reset of a fired, undrained timer: the next receive gets the stale value from go 1.22, nothing from go 1.23"},
	"ReturnsTimesDefersAtMost15":               {"TestDeferLowering", "-d=defer: 4 defers x 4 returns is not open-coded, 5 x 3 is"},
	"RuntimeSliceLayout":                       {"TestStringAndSliceLayout", "a slice header is (unsafe.SliceData, len, cap)"},
	"RuntimeStringLayout":                      {"TestStringAndSliceLayout", "a string header is (unsafe.StringData, len)"},
	"RuntimeVersionString":                     {"TestRuntimeVersionString", "runtime.Version() equals the VERSION of the toolchain citations resolve against"},
	"STWPreemptKeepsRunnext":                   {"", "scheduler-internal; preemption for a stop-the-world cannot be provoked on cue"},
	"SelectSendOnClosedChanPanics":             {"TestSelectSendOnClosedChanPanics", "panics despite a default clause, and (over up to 2000 rounds) despite a ready receive case"},
	"SelectWakesOnAnyCase":                     {"TestSelectWithDoneWakesOnCancel", "a goroutine parked in [select] is woken by the close of ctx.Done()"},
	"SendOnClosedChanPanics":                   {"TestSendOnClosedChanPanics", "recover() yields a runtime.Error with the cited message"},
	"SetDefaultGOMAXPROCSRestoresUpdates":      {"TestGOMAXPROCS", "SetDefaultGOMAXPROCS stops nothing when already automatic and stops the world after a custom setting"},
	"SetGOMAXPROCSDisablesAutoUpdate":          {"TestGOMAXPROCS", "GOMAXPROCS(n) and the GOMAXPROCS variable mark the setting custom (SetDefaultGOMAXPROCS then has to stop the world); the periodic update itself needs a CPU-affinity change and is not tested"},
	"SetGoroutineLabelsReplaces":               {"TestWithLabelsOnlyChangesContext", "a second SetGoroutineLabels replaces the first set rather than merging"},
	"SleepReusesGoroutineTimer":                {"TestTimerAllocation", "testing.AllocsPerRun: time.Sleep allocates nothing once the goroutine has slept"},
	"SliceHeaderDeprecated":                    {"TestHeaderDataDoesNotKeepAlive", "likewise for SliceHeader"},
	"StackDeferRecord":                         {"TestDeferRuntimeCalls", "compile -S: a function with 9 defers calls runtime.deferprocStack"},
	"StringHeaderDeprecated":                   {"TestHeaderDataDoesNotKeepAlive", "Data is a uintptr, and an array whose only reference is such a uintptr is freed (the deprecation itself is documentation)"},
	"SudogElemWrapped":                         {"", "sudogs are reachable only from runtime internals"},
	"SwissMapLayout":                           {"", "private layout of the swiss-table map (internal/runtime/maps); observing it needs unsafe reads of runtime memory"},
	"TickerNeverCollectedBefore123":            {"TestGoLineSelectsTimerSemantics", "100000 unreferenced time.Tick tickers are retained from a go 1.22 module, collected from go 1.23"},
	"TimerChanReportsUnbuffered":               {"TestGoLineSelectsTimerSemantics", "cap(time.After(d)) is 0 in a go 1.23 module"},
	"TracebackLabelsGODEBUG":                   {"TestTracebackLabelsGODEBUG", "runtime.Stack's header shows labels with GODEBUG=tracebacklabels=1 and not by default"},
	"TypeDescriptorLayout":                     {"", "private layout of internal/abi.Type; observing it needs unsafe reads of runtime memory"},
	"UnreferencedTimerCollectable":             {"TestGoLineSelectsTimerSemantics", "100000 unreferenced time.After timers: about 25 MB retained after GC from a go 1.22 module, nothing from go 1.23"},
	"UnsafeBuiltinsVersionGated":               {"TestUnsafeBuiltinsVersionGated", "go/types with GoVersion go1.19 rejects unsafe.String and unsafe.SliceData, go1.16 unsafe.Slice; go1.20 accepts them"},
	"UnsafeSliceDataSince120":                  {"TestStringAndSliceLayout", "unsafe.SliceData(b) == &b[0]"},
	"UnsafeSliceSince117":                      {"TestUnsafeSlicePanics", "negative len and nil ptr with len 1 panic with a runtime.Error; nil, 0 gives nil"},
	"UnsafeStringDataSince120":                 {"", "likewise; and for \"\" the result is unspecified"},
	"UnsafeStringSince120":                     {"", "a rule for the program: modifying the bytes is undefined behaviour, which no test can demonstrate reliably"},
	"UpdateMaxProcsFromGoLine":                 {"TestGODEBUGDefaultsFromMainModule", "likewise updatemaxprocs=0"},
	"UserGoroutinesInheritLabels":              {"TestGoroutinesInheritLabels", "a child that sets its own labels does not change its parent's, as a later sibling shows"},
	"WithLabelsOnlyChangesContext":             {"TestWithLabelsOnlyChangesContext", "a goroutine started after WithLabels alone has no labels"},
}
