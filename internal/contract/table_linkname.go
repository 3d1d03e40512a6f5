// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about //go:linkname (checklist item 8).
const (
	LinknamePullNeedsPush    ID = "LinknamePullNeedsPush"
	LinknameCheckStdOnly     ID = "LinknameCheckStdOnly"
	LinknamePushAllowsPull   ID = "LinknamePushAllowsPull"
	LinknameBlockedFailsLink ID = "LinknameBlockedFailsLink"
	LinknameOnlyPullsChecked ID = "LinknameOnlyPullsChecked"
	CheckLinknameFlag        ID = "CheckLinknameFlag"
	AsmSymbolIsPushed        ID = "AsmSymbolIsPushed"
	OneArgLinknameIsPush     ID = "OneArgLinknameIsPush"
	LinknameMarksPuller      ID = "LinknameMarksPuller"
	LinknameRequiresUnsafe   ID = "LinknameRequiresUnsafe"
	HallOfShamePinsSymbol    ID = "HallOfShamePinsSymbol"
	BadLinknamePushes        ID = "BadLinknamePushes"
	BlockedLinknamesReserved ID = "BlockedLinknamesReserved"
	AddmoduledataBlocked     ID = "AddmoduledataBlocked"
	LinknameVarRefChecked    ID = "LinknameVarRefChecked"
	LinknameUndefinedTarget  ID = "LinknameUndefinedTarget"
	LinknameDuplicateDef     ID = "LinknameDuplicateDef"
	RuntimeVersionString     ID = "RuntimeVersionString"
	AsmDeclMustBePushed      ID = "AsmDeclMustBePushed"
	LinknameStdOnly          ID = "LinknameStdOnly"
)

var tableLinkname = []Contract{
	{
		ID:     LinknamePullNeedsPush,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "var blockedLinknames",
		Anchor: "// If a name is not in this map, it is allowed iff the definition",
		Claim:  "Under a link of a binary, a //go:linkname pull of a std symbol is allowed iff the definition is itself linknamed (push), unless the name is in blockedLinknames, where only the listed packages may pull it.",
		Since:  "go1.23",
		Line:   2402,
	},
	{
		ID:     LinknameCheckStdOnly,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "Loader.checkLinkname",
		Anchor: "if !r.Std() { // For now, only check for symbols defined in std",
		Claim:  "Under a pull of a non-std symbol the linker performs no check.",
		Since:  "go1.23",
		Line:   2527,
	},
	{
		ID:     LinknamePushAllowsPull,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "Loader.checkLinkname",
		Anchor: "// Allow if the def has a linkname (push).",
		Claim:  "Under a pull whose std definition carries the linkname flag (one-arg `//go:linkname f`, two-arg push, or assembly symbol) or is an ABI wrapper the linker allows it.",
		Since:  "go1.23",
		Line:   2535,
	},
	{
		ID:     LinknameBlockedFailsLink,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "Loader.checkLinkname",
		Anchor: "log.Fatalf(\"%s: invalid reference to %s\", pkg, name)",
		Claim:  "Under a disallowed pull the link fails with 'PKG: invalid reference to SYM' (only when a binary/test is linked; `go build`/`go vet` of a library package succeed).",
		Since:  "go1.23",
		Line:   2502,
	},
	{
		ID:     LinknameOnlyPullsChecked,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "loadObjRefs",
		Anchor: "// Only check references (pull), not definitions (push),",
		Claim:  "Under a push (a definition with a linkname) the linker never complains; only references are checked.",
		Since:  "go1.23",
		Line:   2351,
	},
	{
		ID:     CheckLinknameFlag,
		File:   "cmd/link/internal/ld/main.go",
		Func:   "",
		Anchor: "flagCheckLinkname = flag.Bool(\"checklinkname\", true, \"check linkname symbol references\")",
		Claim:  "Under -ldflags=-checklinkname=0 the whole check is disabled (escape hatch).",
		Since:  "go1.23",
		Line:   101,
	},
	{
		ID:     AsmSymbolIsPushed,
		File:   "cmd/internal/obj/objfile.go",
		Func:   "writer.Sym",
		Anchor: "if s.IsLinkname() || (w.ctxt.IsAsm && name != \"\") || name == \"main.main\" {",
		Claim:  "Under the object writer every named assembly symbol (and main.main) gets SymFlagLinkname, so asm-defined runtime functions are pullable and asm references are checked like linkname pulls.",
		Since:  "go1.23",
		Until:  "go1.27",
		Line:   357,
	},
	{
		ID:          OneArgLinknameIsPush,
		File:        "cmd/compile/internal/noder/noder.go",
		Func:        "noder.pragma",
		Anchor:      "// The second argument is optional. If omitted, we use",
		Claim:       "Under the one-argument form `//go:linkname name` the compiler keeps the default symbol name and only marks it as referenceable from other packages (the push marker used throughout runtime).",
		Since:       "go1.23",
		VersionNote: "1.23 (one-arg form accepted earlier; meaning as push since 1.23)",
		Line:        283,
	},
	{
		ID:     LinknameMarksPuller,
		File:   "cmd/compile/internal/noder/reader.go",
		Func:   "reader.linkname",
		Anchor: "sym.Linksym().Set(obj.AttrLinkname, true)",
		Claim:  "Under a linkname in the current package the compiler sets AttrLinkname so the linker can tell which package pulled it; references from packages that import the pulled function are not marked, so the linker checks only the pulling package's own references.",
		Since:  "go1.23",
		Line:   1245,
	},
	{
		ID:     LinknameRequiresUnsafe,
		File:   "cmd/compile/internal/noder/writer.go",
		Func:   "pkgWriter.collectDecls",
		Anchor: "only allowed in Go files that import \\\"unsafe\\\"",
		Claim:  "Under a //go:linkname in a file that does not import unsafe the compiler rejects it (a linter can flag this statically).",
		Since:  "go1.0",
		Line:   2667,
	},
	{
		ID:     HallOfShamePinsSymbol,
		File:   "runtime/proc.go",
		Func:   "gopark",
		Anchor: "// Notable members of the hall of shame include:",
		Claim:  "Under the 'hall of shame' annotation the runtime promises not to remove or change the signature of a symbol because widely used packages pull it; the accompanying one-arg //go:linkname is what makes it pullable.",
		Since:  "go1.23",
		Line:   437,
	},
	{
		ID:     BadLinknamePushes,
		File:   "runtime/badlinkname.go",
		Func:   "",
		Anchor: "// but widely used packages access them using linkname.",
		Claim:  "Under badlinkname.go the runtime pushes symbols (cputicks, sched, ...) that are internal but must stay pullable for compatibility.",
		Since:  "go1.23",
		Line:   10,
	},
	{
		ID:     BlockedLinknamesReserved,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "var blockedLinknames",
		Anchor: "\"runtime/pprof.runtime_goroutineLeakGC\":        {\"runtime/pprof\"},",
		Claim:  "Under blockedLinknames even pushed symbols (e.g. the 1.26 goroutine-leak hooks) are reserved for the listed std package.",
		Since:  "go1.26",
		Line:   2478,
	},
	{
		ID:     AddmoduledataBlocked,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "var blockedLinknames",
		Anchor: "\"runtime.addmoduledata\":                 {},",
		Claim:  "Under an empty allow-list no package may pull the symbol (runtime.addmoduledata is assembly, so it would otherwise be pullable).",
		Since:  "go1.26",
		Line:   2492,
	},
	{
		ID:     LinknameVarRefChecked,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "loadState.preloadSyms",
		Anchor: "// This is a linknamed \"var\" \"reference\" (var x T with no data and //go:linkname x).",
		Claim:  "Under a //go:linkname pull of a variable (a declaration without initializer) the linker checks the reference against the winning definition like a function pull; when std defines no such variable, the puller's own declaration is the definition: a new zero variable.",
		Since:  "go1.23",
		Line:   2261,
	},
	{
		ID:     LinknameUndefinedTarget,
		File:   "cmd/link/internal/ld/errors.go",
		Func:   "ErrorReporter.errorUnresolved",
		Anchor: "reporter.Errorf(s, \"relocation target %s not defined\", name)",
		Claim:  "Under a reference to a symbol no linked package defines (a renamed or removed runtime function, or a compiler intrinsic such as runtime.getg) the link fails with 'relocation target SYM not defined'.",
		Since:  "go1.0",
		Line:   64,
	},
	{
		ID:     LinknameDuplicateDef,
		File:   "cmd/link/internal/loader/loader.go",
		Func:   "loadState.addSym",
		Anchor: "log.Fatalf(\"duplicated definition of symbol %s",
		Claim:  "Under a //go:linkname that gives a function with a body the name of a symbol std already defines, the link fails with 'duplicated definition of symbol'.",
		Since:  "go1.0",
		Line:   522,
	},
	{
		ID:     RuntimeVersionString,
		File:   "runtime/extern.go",
		Func:   "Version",
		Anchor: "// Version returns the Go tree's version string.",
		Claim:  "Under runtime.Version() a program learns the Go release it was built with, which is what code relying on unexported runtime symbols must check before using them.",
		Since:  "go1.0",
		Line:   370,
	},
	{
		ID:          AsmDeclMustBePushed,
		File:        "cmd/link/internal/loader/loader.go",
		Func:        "Loader.checkLinkname",
		Anchor:      "// For an assembly symbol, check if there is a linkname applied",
		Claim:       "Under a pull of an assembly-defined std symbol the linker (on architectures with ABI wrappers) allows it only if the function's Go declaration is pushed with //go:linkname; assembly alone no longer counts as a push.",
		Since:       "go1.27",
		LineVersion: "go1.27.3",
		Line:        2570,
	},
	{
		ID:          LinknameStdOnly,
		File:        "cmd/link/internal/loader/loader.go",
		Func:        "Loader.checkLinkname",
		Anchor:      "// It is pushed with linknamestd. Allow only pulls from the",
		Claim:       "Under a //go:linknamestd push the linker allows pulls from standard-library packages only.",
		Since:       "go1.27",
		LineVersion: "go1.27.3",
		Line:        2585,
	},
}
