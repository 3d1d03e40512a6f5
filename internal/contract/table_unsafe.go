// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about unsafe access to runtime internals (checklist item 9).
const (
	HchanLayoutPrivate         ID = "HchanLayoutPrivate"
	SudogElemWrapped           ID = "SudogElemWrapped"
	GLayoutUnstable            ID = "GLayoutUnstable"
	GLabelsOpaque              ID = "GLabelsOpaque"
	MLayoutUnstable            ID = "MLayoutUnstable"
	MLockCounts                ID = "MLockCounts"
	PLayoutUnstable            ID = "PLayoutUnstable"
	IfaceLayout                ID = "IfaceLayout"
	EfaceLayout                ID = "EfaceLayout"
	RuntimeStringLayout        ID = "RuntimeStringLayout"
	RuntimeSliceLayout         ID = "RuntimeSliceLayout"
	StringHeaderDeprecated     ID = "StringHeaderDeprecated"
	SliceHeaderDeprecated      ID = "SliceHeaderDeprecated"
	UnsafeSliceSince117        ID = "UnsafeSliceSince117"
	UnsafeSliceDataSince120    ID = "UnsafeSliceDataSince120"
	UnsafeStringSince120       ID = "UnsafeStringSince120"
	UnsafeStringDataSince120   ID = "UnsafeStringDataSince120"
	UnsafeBuiltinsVersionGated ID = "UnsafeBuiltinsVersionGated"
	TypeDescriptorLayout       ID = "TypeDescriptorLayout"
	ITabLayout                 ID = "ITabLayout"
	ModuledataLayout           ID = "ModuledataLayout"
	FuncInfoLayout             ID = "FuncInfoLayout"
	SwissMapLayout             ID = "SwissMapLayout"
	FuncvalLayout              ID = "FuncvalLayout"
	GoroutineHeaderFormat      ID = "GoroutineHeaderFormat"
)

var tableUnsafe = []Contract{
	{
		ID:          HchanLayoutPrivate,
		File:        "runtime/chan.go",
		Func:        "type hchan",
		Anchor:      "type hchan struct {",
		Claim:       "Under unsafe reads of a channel header code depends on the private hchan layout: qcount, dataqsiz, buf, elemsize(uint16), closed(uint32), timer, elemtype, sendx, recvx, recvq, sendq, bubble, lock.",
		VersionNote: "layout changes: timer field 1.23; synctest field 1.24 (`synctest bool`), replaced by `bubble *synctestBubble` 1.25",
		Line:        34,
	},
	{
		ID:     SudogElemWrapped,
		File:   "runtime/runtime2.go",
		Func:   "type sudog",
		Anchor: "elem maybeTraceablePtr // data element (may point to stack)",
		Claim:  "Under the 1.26 goroutine-leak work sudog.elem and sudog.c are wrapper types (maybeTraceablePtr/maybeTraceableChan), so code that read sudog via unsafe as unsafe.Pointer/*hchan breaks.",
		Since:  "go1.26",
		Line:   416,
	},
	{
		ID:          GLayoutUnstable,
		File:        "runtime/runtime2.go",
		Func:        "type g",
		Anchor:      "goid         uint64",
		Claim:       "Under unsafe goid extraction (e.g. petermattis/goid-style offsets) code depends on g's private field order, which changes almost every release.",
		VersionNote: "unstable (every release)",
		Line:        509,
	},
	{
		ID:     GLabelsOpaque,
		File:   "runtime/runtime2.go",
		Func:   "type g",
		Anchor: "labels          unsafe.Pointer // profiler labels",
		Claim:  "Under profiler labels the runtime stores an opaque pointer in g.labels (set by runtime_setProfLabel).",
		Since:  "go1.9",
		Line:   565,
	},
	{
		ID:          MLayoutUnstable,
		File:        "runtime/runtime2.go",
		Func:        "type m",
		Anchor:      "type m struct {",
		Claim:       "Under unsafe access to M the layout is private and unstable.",
		VersionNote: "unstable",
		Line:        618,
	},
	{
		ID:     MLockCounts,
		File:   "runtime/runtime2.go",
		Func:   "type m",
		Anchor: "lockedExt       uint32      // tracking for external LockOSThread",
		Claim:  "Under LockOSThread the runtime counts external (lockedExt) and internal (lockedInt) locks on the M.",
		Since:  "go1.10",
		Line:   675,
	},
	{
		ID:          PLayoutUnstable,
		File:        "runtime/runtime2.go",
		Func:        "type p",
		Anchor:      "type p struct {",
		Claim:       "Under unsafe access to P the layout is private and unstable.",
		VersionNote: "unstable",
		Line:        772,
	},
	{
		ID:          IfaceLayout,
		File:        "runtime/runtime2.go",
		Func:        "type iface",
		Anchor:      "type iface struct {",
		Claim:       "Under a non-empty interface value the runtime representation is (tab *itab, data unsafe.Pointer).",
		Since:       "go1.4",
		VersionNote: "1.4 (two-word, data always a pointer)",
		Line:        184,
	},
	{
		ID:     EfaceLayout,
		File:   "runtime/runtime2.go",
		Func:   "type eface",
		Anchor: "type eface struct {",
		Claim:  "Under `any` the runtime representation is (_type *_type, data unsafe.Pointer).",
		Since:  "go1.4",
		Line:   189,
	},
	{
		ID:     RuntimeStringLayout,
		File:   "runtime/string.go",
		Func:   "type stringStruct",
		Anchor: "type stringStruct struct {",
		Claim:  "Under a string the runtime header is (str unsafe.Pointer, len int).",
		Since:  "go1.0",
		Line:   290,
	},
	{
		ID:     RuntimeSliceLayout,
		File:   "runtime/slice.go",
		Func:   "type slice",
		Anchor: "type slice struct {",
		Claim:  "Under a slice the runtime header is (array unsafe.Pointer, len, cap int).",
		Since:  "go1.0",
		Line:   16,
	},
	{
		ID:          StringHeaderDeprecated,
		File:        "reflect/value.go",
		Func:        "type StringHeader",
		Anchor:      "// Deprecated: Use unsafe.String or unsafe.StringData instead.",
		Claim:       "Under reflect.StringHeader use the Data uintptr does not keep the bytes alive; the type is deprecated in favour of unsafe.String/StringData.",
		Since:       "go1.21",
		VersionNote: "deprecated 1.21 (api/go1.21.txt: pkg reflect, type StringHeader //deprecated #56906)",
		Line:        2687,
	},
	{
		ID:          SliceHeaderDeprecated,
		File:        "reflect/value.go",
		Func:        "type SliceHeader",
		Anchor:      "// Deprecated: Use unsafe.Slice or unsafe.SliceData instead.",
		Claim:       "Under reflect.SliceHeader use the Data uintptr does not keep the array alive; deprecated in favour of unsafe.Slice/SliceData.",
		Since:       "go1.21",
		VersionNote: "deprecated 1.21 (api/go1.21.txt #56906)",
		Line:        2700,
	},
	{
		ID:          UnsafeSliceSince117,
		File:        "unsafe/unsafe.go",
		Func:        "Slice",
		Anchor:      "func Slice(ptr *ArbitraryType, len IntegerType) []ArbitraryType",
		Claim:       "Under unsafe.Slice(ptr, n) a negative n or nil ptr with n != 0 panics at run time; replacement for SliceHeader construction.",
		Since:       "go1.17",
		VersionNote: "1.17 (go/types gate go1_17)",
		Line:        243,
	},
	{
		ID:          UnsafeSliceDataSince120,
		File:        "unsafe/unsafe.go",
		Func:        "SliceData",
		Anchor:      "func SliceData(slice []ArbitraryType) *ArbitraryType",
		Claim:       "Under unsafe.SliceData a typed, GC-visible pointer to the backing array is returned.",
		Since:       "go1.20",
		VersionNote: "1.20 (go/types gate go1_20)",
		Line:        251,
	},
	{
		ID:          UnsafeStringSince120,
		File:        "unsafe/unsafe.go",
		Func:        "String",
		Anchor:      "func String(ptr *byte, len IntegerType) string",
		Claim:       "Under unsafe.String the bytes must not be modified while the string exists.",
		Since:       "go1.20",
		VersionNote: "1.20 (go/types gate go1_20)",
		Line:        264,
	},
	{
		ID:     UnsafeStringDataSince120,
		File:   "unsafe/unsafe.go",
		Func:   "StringData",
		Anchor: "// For an empty string the return value is unspecified, and may be nil.",
		Claim:  "Under unsafe.StringData the returned bytes must not be modified; for \"\" the result is unspecified (may be nil).",
		Since:  "go1.20",
		Line:   267,
	},
	{
		ID:     UnsafeBuiltinsVersionGated,
		File:   "go/types/builtins.go",
		Func:   "Checker.builtin",
		Anchor: "check.verifyVersionf(call.Fun, go1_20, \"unsafe.String\")",
		Claim:  "Under a module whose go.mod says go < 1.20 the type checker rejects unsafe.String/StringData/SliceData (and < 1.17 unsafe.Slice/Add), so a linter must not suggest them there.",
		Since:  "go1.20",
		Line:   904,
	},
	{
		ID:          TypeDescriptorLayout,
		File:        "internal/abi/type.go",
		Func:        "type Type",
		Anchor:      "type Type struct {",
		Claim:       "Under a type descriptor (runtime._type, reflect's rtype) the layout is internal/abi.Type: it moved out of runtime and renamed its fields (ptrdata became PtrBytes) in Go 1.21, and the GC data encoding changed since.",
		VersionNote: "internal/abi.Type since 1.21; runtime._type before",
		Line:        20,
	},
	{
		ID:          ITabLayout,
		File:        "internal/abi/iface.go",
		Func:        "type ITab",
		Anchor:      "type ITab struct {",
		Claim:       "Under a non-empty interface the first word points to an itab (internal/abi.ITab: Inter, Type, Hash, Fun), whose layout is private.",
		VersionNote: "internal/abi.ITab since 1.22",
		Line:        14,
	},
	{
		ID:          ModuledataLayout,
		File:        "runtime/symtab.go",
		Func:        "type moduledata",
		Anchor:      "type moduledata struct {",
		Claim:       "Under moduledata the linker and runtime share a private table of the binary's functions, types and sections whose fields change in most releases.",
		VersionNote: "unstable",
		Line:        402,
	},
	{
		ID:          FuncInfoLayout,
		File:        "runtime/runtime2.go",
		Func:        "type _func",
		Anchor:      "type _func struct {",
		Claim:       "Under a function's symbol-table entry (_func) the layout is private (entry became entryOff in Go 1.18).",
		VersionNote: "unstable",
		Line:        1072,
	},
	{
		ID:     SwissMapLayout,
		File:   "internal/runtime/maps/map.go",
		Func:   "type Map",
		Anchor: "type Map struct {",
		Claim:  "Under a map value the runtime representation is a pointer to internal/runtime/maps.Map, a Swiss table since Go 1.24; the hmap/bmap layout of earlier releases is gone.",
		Since:  "go1.24",
		Line:   195,
	},
	{
		ID:     FuncvalLayout,
		File:   "runtime/runtime2.go",
		Func:   "type funcval",
		Anchor: "type funcval struct {",
		Claim:  "Under a func value the runtime representation is a pointer to a funcval whose first word is the code pointer, followed by closure data.",
		Since:  "go1.1",
		Line:   179,
	},
	{
		ID:     GoroutineHeaderFormat,
		File:   "runtime/traceback.go",
		Func:   "goroutineheader",
		Anchor: "print(\"goroutine \", gp.goid)",
		Claim:  "Under runtime.Stack the 'goroutine N [...]' header is traceback output printed from the private g.goid; it is diagnostic text, not an API, and Go exposes no goroutine ID.",
		Since:  "go1.0",
		Line:   1246,
	},
}
