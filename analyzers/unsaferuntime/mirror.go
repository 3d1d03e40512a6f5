package unsaferuntime

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"github.com/rtlint/rtlint/internal/contract"
)

// A fingerprint recognises a copy of a runtime struct by its field names.
type fingerprint struct {
	runtime string   // the runtime's name for it: "hchan"
	names   []string // type names that are themselves a signal
	fields  []string // normalised field names across releases
	key     []string // at least one of these must be present
	min     int      // matched fields needed (2 when the type name matches)
	id      contract.ID
	changes string // how the layout moved
	instead string // what to use
}

const (
	chanInstead  = "use len(ch), cap(ch) and channel operations; there is no supported way to inspect a channel's waiters"
	goidInstead  = "goroutine IDs and scheduler state are hidden on purpose: pass request-scoped values in a context.Context, tag goroutines with pprof labels (runtime/pprof.Do), and read scheduler numbers from runtime/metrics"
	typeInstead  = "use reflect (reflect.TypeOf, reflect.ValueOf) or a type switch"
	tableInstead = "use runtime.CallersFrames, runtime.FuncForPC and debug/buildinfo"
	mapInstead   = "use len(m), range and the maps package"
)

var fingerprints = []fingerprint{
	{runtime: "hchan", names: []string{"hchan"}, id: contract.HchanLayoutPrivate,
		fields:  []string{"qcount", "dataqsiz", "buf", "elemsize", "closed", "timer", "elemtype", "sendx", "recvx", "recvq", "sendq", "lock", "bubble", "synctest"},
		key:     []string{"qcount", "dataqsiz", "sendx", "recvx", "recvq", "sendq"},
		min:     3,
		changes: "hchan gained timer in Go 1.23 and bubble in Go 1.25",
		instead: chanInstead},
	{runtime: "waitq", names: []string{"waitq"}, id: contract.HchanLayoutPrivate,
		fields:  []string{"first", "last"},
		key:     []string{"first"},
		min:     99, // only with the name
		changes: "the sudogs it links changed in Go 1.26",
		instead: chanInstead},
	{runtime: "sudog", names: []string{"sudog"}, id: contract.SudogElemWrapped,
		fields:  []string{"g", "next", "prev", "elem", "acquiretime", "releasetime", "ticket", "isselect", "success", "waiters", "parent", "waitlink", "waittail", "c", "selectdone"},
		key:     []string{"elem", "acquiretime", "releasetime", "isselect", "waitlink", "waittail"},
		min:     5,
		changes: "elem and c became wrapper types in Go 1.26",
		instead: chanInstead},
	{runtime: "g", names: []string{"g"}, id: contract.GLayoutUnstable,
		fields:  []string{"stack", "stackguard0", "stackguard1", "panic", "defer", "m", "sched", "syscallsp", "syscallpc", "syscallbp", "stktopsp", "param", "atomicstatus", "stacklock", "goid", "schedlink", "waitsince", "waitreason", "preempt", "preemptstop", "preemptshrink", "asyncsafepoint", "paniconfault", "gcscandone", "throwsplit", "activestackchans", "parkingonchan", "lockedm", "sig", "writebuf", "sigcode0", "sigcode1", "sigpc", "parentgoid", "gopc", "ancestors", "startpc", "racectx", "waiting", "cgoctxt", "labels", "timer", "selectdone", "goroutineprofiled", "trace", "gcassistbytes", "coroarg", "syncgroup", "bubble"},
		key:     []string{"stackguard0", "stackguard1", "atomicstatus", "goid", "syscallsp", "stktopsp", "sched"},
		min:     4,
		changes: "g's fields move in almost every release",
		instead: goidInstead},
	{runtime: "gobuf", names: []string{"gobuf"}, id: contract.GLayoutUnstable,
		fields:  []string{"sp", "pc", "g", "ctxt", "ret", "lr", "bp"},
		key:     []string{"ctxt", "lr", "bp"},
		min:     4,
		changes: "gobuf lost ret in Go 1.24",
		instead: goidInstead},
	{runtime: "m", names: []string{"m"}, id: contract.MLayoutUnstable,
		fields:  []string{"g0", "morebuf", "divmod", "procid", "gsignal", "gosigstack", "sigmask", "tls", "mstartfn", "curg", "caughtsig", "p", "nextp", "oldp", "id", "mallocing", "throwing", "preemptoff", "locks", "dying", "profilehz", "spinning", "blocked", "newsigstack", "printlock", "incgo", "freewait", "fastrand", "needextram", "traceback", "ncgocall", "ncgo", "cgocallersuse", "cgocallers", "park", "alllink", "schedlink", "lockedg", "createstack", "lockedext", "lockedint", "nextwaitm"},
		key:     []string{"g0", "curg", "gsignal", "mstartfn", "lockedext", "lockedint", "procid"},
		min:     5,
		changes: "m's fields move in almost every release",
		instead: goidInstead},
	{runtime: "p", names: []string{"p"}, id: contract.PLayoutUnstable,
		fields:  []string{"id", "status", "link", "schedtick", "syscalltick", "sysmontick", "m", "mcache", "pcache", "raceprocctx", "deferpool", "deferpoolbuf", "goidcache", "goidcacheend", "runqhead", "runqtail", "runq", "runnext", "gfree", "sudogcache", "sudogbuf", "mspancache", "pinnercache", "trace", "palloc", "gcassisttime", "gcfractionalmarktime", "limiterevent", "gcmarkworkermode", "gcmarkworkerstarttime", "gcw", "wbbuf", "runsafepointfn", "statsseq", "timers"},
		key:     []string{"runqhead", "runqtail", "runnext", "schedtick", "syscalltick", "mcache", "goidcache"},
		min:     5,
		changes: "p's fields move in almost every release",
		instead: goidInstead},
	{runtime: "_type", names: []string{"type", "rtype", "runtimetype"}, id: contract.TypeDescriptorLayout,
		fields:  []string{"size", "ptrdata", "ptrbytes", "hash", "tflag", "align", "fieldalign", "kind", "alg", "equal", "gcdata", "str", "ptrtothis"},
		key:     []string{"tflag", "ptrtothis", "ptrdata", "ptrbytes", "fieldalign"},
		min:     5,
		changes: "it moved to internal/abi.Type and renamed ptrdata to PtrBytes in Go 1.21",
		instead: typeInstead},
	{runtime: "uncommontype", names: []string{"uncommontype"}, id: contract.TypeDescriptorLayout,
		fields:  []string{"pkgpath", "mcount", "xcount", "moff"},
		key:     []string{"mcount", "xcount", "moff"},
		min:     3,
		changes: "it moved to internal/abi.UncommonType in Go 1.21",
		instead: typeInstead},
	{runtime: "itab", names: []string{"itab"}, id: contract.ITabLayout,
		fields:  []string{"inter", "type", "typ", "hash", "unused", "fun"},
		key:     []string{"inter"},
		min:     3,
		changes: "it moved to internal/abi.ITab in Go 1.22",
		instead: typeInstead},
	{runtime: "moduledata", names: []string{"moduledata"}, id: contract.ModuledataLayout,
		fields:  []string{"pcheader", "funcnametab", "cutab", "filetab", "pctab", "pclntable", "ftab", "findfunctab", "minpc", "maxpc", "text", "etext", "noptrdata", "enoptrdata", "data", "edata", "bss", "ebss", "noptrbss", "enoptrbss", "covctrs", "ecovctrs", "end", "gcdata", "gcbss", "types", "etypes", "rodata", "gofunc", "epclntab", "textsectmap", "typelinks", "itablinks", "ptab", "pluginpath", "pkghashes", "inittasks", "modulename", "modulehashes", "hasmain", "bad", "gcdatamask", "gcbssmask", "typemap", "next"},
		key:     []string{"ftab", "pclntable", "findfunctab", "typelinks", "itablinks", "funcnametab", "textsectmap", "enoptrdata", "pcheader"},
		min:     6,
		changes: "moduledata gains or loses fields in most releases",
		instead: tableInstead},
	{runtime: "_func", names: []string{"func", "funcinfo"}, id: contract.FuncInfoLayout,
		fields:  []string{"entry", "entryoff", "nameoff", "nameoff", "args", "deferreturn", "pcsp", "pcfile", "pcln", "npcdata", "cuoffset", "startline", "funcid", "flag", "nfuncdata"},
		key:     []string{"pcsp", "pcfile", "pcln", "npcdata", "nfuncdata", "cuoffset"},
		min:     5,
		changes: "entry became entryOff in Go 1.18 and startLine arrived in Go 1.20",
		instead: tableInstead},
	{runtime: "hmap", names: []string{"hmap"}, id: contract.SwissMapLayout,
		fields:  []string{"count", "flags", "b", "noverflow", "hash0", "buckets", "oldbuckets", "nevacuate", "extra", "clearseq"},
		key:     []string{"noverflow", "hash0", "nevacuate", "oldbuckets"},
		min:     4,
		changes: "hmap is gone since Go 1.24, when maps became Swiss tables",
		instead: mapInstead},
	{runtime: "bmap", names: []string{"bmap"}, id: contract.SwissMapLayout,
		fields:  []string{"tophash", "keys", "elems", "values", "overflow"},
		key:     []string{"tophash"},
		min:     99, // only with the name: hash tables of one's own have tophash too
		changes: "buckets are gone since Go 1.24, when maps became Swiss tables",
		instead: mapInstead},
	{runtime: "hiter", names: []string{"hiter"}, id: contract.SwissMapLayout,
		fields:  []string{"key", "elem", "t", "h", "buckets", "bptr", "overflow", "oldoverflow", "startbucket", "offset", "wrapped", "b", "i", "bucket", "checkbucket"},
		key:     []string{"startbucket", "checkbucket", "oldoverflow", "bptr"},
		min:     6,
		changes: "map iteration changed completely in Go 1.24, when maps became Swiss tables",
		instead: mapInstead},
	{runtime: "maps.Map", names: []string{"swissmap"}, id: contract.SwissMapLayout,
		fields:  []string{"used", "seed", "dirptr", "dirlen", "globaldepth", "globalshift", "writing", "tombstonepossible", "clearseq"},
		key:     []string{"dirptr", "dirlen", "globaldepth", "globalshift"},
		min:     4,
		changes: "the Swiss-table map of Go 1.24 has already changed (clearSeq, tombstonePossible)",
		instead: mapInstead},
}

// normField normalises a field name: lower case, without the underscores
// of _type, _panic or Size_.
func normField(name string) string {
	return strings.ToLower(strings.Trim(name, "_"))
}

// mirrors reports struct types whose fields copy a runtime struct, and
// the two-word interface and string/slice header copies that are
// converted to from an unsafe.Pointer (reached).
func (ck *checker) mirrors(reached map[*types.TypeName]bool) {
	for cur := range ck.insp.Root().Preorder((*ast.TypeSpec)(nil)) {
		ts := cur.Node().(*ast.TypeSpec)
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			continue
		}
		obj, _ := ck.pass.TypesInfo.Defs[ts.Name].(*types.TypeName)
		if obj == nil {
			continue
		}
		var names []string
		for _, f := range st.Fields.List {
			for _, n := range f.Names {
				names = append(names, normField(n.Name))
			}
			if len(f.Names) == 0 { // embedded: its type name
				if id := embeddedName(f.Type); id != "" {
					names = append(names, normField(id))
				}
			}
		}
		if fp, matched := match(normField(ts.Name.Name), names); fp != nil {
			ck.report(ts.Name, fmt.Sprintf("struct %s mirrors the runtime's private %s (%s): reading runtime memory through it breaks silently when the layout changes, and it does change (%s); %s",
				ts.Name.Name, fp.runtime, strings.Join(matched, ", "), fp.changes, fp.instead), fp.id)
			continue
		}
		if !reached[obj] {
			continue
		}
		if kind := wordsMirror(ck.pass.TypesInfo, st); kind != "" {
			ck.report(ts.Name, fmt.Sprintf("struct %s mirrors the runtime's private %s, and is converted to from an unsafe.Pointer: %s",
				ts.Name.Name, kind, wordsAdvice[kind]), wordsContract[kind])
		}
	}
}

func embeddedName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return t.Sel.Name
	}
	return ""
}

// match finds the fingerprint the struct's field names fit: enough
// distinctive fields, at least half of the struct's fields, and a key
// field; a struct named like the runtime's needs two matching fields.
func match(typeName string, names []string) (*fingerprint, []string) {
	for i := range fingerprints {
		fp := &fingerprints[i]
		set := map[string]bool{}
		for _, f := range fp.fields {
			set[f] = true
		}
		var matched []string
		hasKey := false
		for _, n := range names {
			if set[n] {
				matched = append(matched, n)
				for _, k := range fp.key {
					hasKey = hasKey || n == k
				}
			}
		}
		min := fp.min
		for _, n := range fp.names {
			if typeName == n && min > 2 {
				min = 2
			}
		}
		if hasKey && len(matched) >= min && 2*len(matched) >= len(names) {
			if len(matched) > 5 {
				matched = append(matched[:5], "...")
			}
			return fp, matched
		}
	}
	return nil, nil
}

var wordsAdvice = map[string]string{
	"eface":         "an interface's two words are the runtime's, not the language's, and differ between any (type, data) and other interfaces (itab, data); use reflect.TypeOf, reflect.ValueOf or a type switch",
	"iface":         "a non-empty interface's two words are the runtime's, an *itab and a data pointer, and differ from any's (type, data); use reflect.TypeOf, reflect.ValueOf or a type switch",
	"string header": "use unsafe.String and unsafe.StringData (Go 1.20) instead of a copy of the runtime's stringStruct",
	"slice header":  "use unsafe.Slice (Go 1.17) and unsafe.SliceData (Go 1.20) instead of a copy of the runtime's slice header",
}

var wordsContract = map[string]contract.ID{
	"eface":         contract.EfaceLayout,
	"iface":         contract.IfaceLayout,
	"string header": contract.RuntimeStringLayout,
	"slice header":  contract.RuntimeSliceLayout,
}

var (
	typeWords = map[string]bool{"type": true, "typ": true, "rtype": true, "t": true, "typeptr": true}
	itabWords = map[string]bool{"tab": true, "itab": true, "itype": true}
	dataWords = map[string]bool{"data": true, "ptr": true, "word": true, "value": true, "val": true, "p": true, "pointer": true}
	ptrWords  = map[string]bool{"data": true, "ptr": true, "str": true, "array": true, "p": true, "pointer": true}
)

// wordsMirror recognises the small copies: an interface's two words, a
// string header (pointer, len), a slice header (pointer, len, cap).
func wordsMirror(info *types.Info, st *ast.StructType) string {
	var names []string
	var typs []types.Type
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			return ""
		}
		for _, n := range f.Names {
			names = append(names, normField(n.Name))
			typs = append(typs, info.TypeOf(f.Type))
		}
	}
	pointerLike := func(t types.Type) bool {
		if t == nil {
			return false
		}
		switch u := t.Underlying().(type) {
		case *types.Pointer:
			return true
		case *types.Basic:
			return u.Kind() == types.UnsafePointer || u.Kind() == types.Uintptr
		}
		return false
	}
	intLike := func(t types.Type) bool {
		if t == nil {
			return false
		}
		b, ok := t.Underlying().(*types.Basic)
		return ok && (b.Kind() == types.Int || b.Kind() == types.Uintptr)
	}
	switch len(names) {
	case 2:
		if typeWords[names[0]] && dataWords[names[1]] && pointerLike(typs[0]) && pointerLike(typs[1]) {
			return "eface"
		}
		if itabWords[names[0]] && dataWords[names[1]] && pointerLike(typs[0]) && pointerLike(typs[1]) {
			return "iface"
		}
		if ptrWords[names[0]] && names[1] == "len" && pointerLike(typs[0]) && intLike(typs[1]) {
			return "string header"
		}
	case 3:
		if ptrWords[names[0]] && names[1] == "len" && names[2] == "cap" && pointerLike(typs[0]) && intLike(typs[1]) && intLike(typs[2]) {
			return "slice header"
		}
	}
	return ""
}
