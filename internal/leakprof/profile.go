package leakprof

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Format names a family of goroutine profile formats.
type Format string

const (
	// FormatDump is a goroutine dump: /debug/pprof/goroutine?debug=2,
	// runtime.Stack(buf, true), or the goroutines of a crash dump
	// (GOTRACEBACK=all, SIGQUIT). One entry per goroutine, with wait reason,
	// wait time and creator.
	FormatDump Format = "dump"
	// FormatDebug1 is the debug=1 text profile: stacks with counts, no
	// runtime frames, no wait reasons, no creators.
	FormatDebug1 Format = "debug=1"
	// FormatProto is the pprof protobuf profile (debug=0), gzipped or not:
	// stacks with counts, runtime frames included, no wait reasons, no
	// creators.
	FormatProto Format = "protobuf"
)

// Kind is what a profile lists: every goroutine, or only those the
// runtime's leak detector found blocked on primitives no live goroutine can
// reach.
type Kind string

const (
	KindGoroutine     Kind = "goroutine"
	KindGoroutineLeak Kind = "goroutineleak"
)

// A Frame is one call in a stack, as the profile records it.
type Frame struct {
	Func string // fully qualified, unescaped: "example.com/m/pkg.(*T).run"
	File string // as recorded on the machine that built the program
	Line int
}

func (f Frame) String() string { return f.File + ":" + strconv.Itoa(f.Line) }

// A Record is a group of goroutines of one profile that share a stack, a
// state and a creator: one per sample in a protobuf or debug=1 profile,
// identical goroutines of a dump merged.
type Record struct {
	Count int
	// State is the wait reason without annotations ("chan send"), or what
	// the goroutine was doing ("running", "runnable", "syscall"); empty when
	// the profile records none and the stack does not tell.
	State string
	// StateFromStack is set when State was inferred from the runtime frames
	// of the stack rather than read from the profile.
	StateFromStack bool
	// Leaked is set when the runtime's leak detector marked these
	// goroutines: every goroutine of a goroutineleak profile, and a dump's
	// goroutines whose state reads "(leaked)".
	Leaked bool
	// WaitMinutes is the longest wait, in whole minutes, the dump shows
	// ("[chan send, 42 minutes]"); the runtime prints none under a minute.
	WaitMinutes int
	// Frames is the stack, innermost call first.
	Frames []Frame
	// Creator is the go statement that started the goroutines, when the
	// profile records it (dumps: "created by ... in goroutine N").
	Creator *Frame
	// CreatorGoroutines are the goroutines that ran that go statement.
	CreatorGoroutines []int
	// IDs are the goroutine IDs (dumps only).
	IDs []int
	// Labels are the pprof labels (protobuf and debug=1 profiles).
	Labels map[string][]string
}

// A Profile is one file read.
type Profile struct {
	Name   string // the file name as given
	Format Format
	Kind   Kind
	// Crash is set for a dump that came from a crashing program (a panic or
	// fatal signal message precedes the goroutines).
	Crash bool
	// Time is when the profile was taken, when it records it (protobuf).
	Time time.Time
	// Binary and BuildID identify the main executable (protobuf).
	Binary, BuildID string
	// Total is the number of goroutines in the profile.
	Total   int
	Records []*Record
}

// HasIDs reports whether the profile lists goroutines one by one, with
// IDs, wait reasons and wait times.
func (p *Profile) HasIDs() bool { return p.Format == FormatDump }

// Describe is a short description of the profile for reports:
// "goroutine dump, 1204 goroutines".
func (p *Profile) Describe() string {
	var what string
	switch {
	case p.Format == FormatDump && p.Crash:
		what = "crash dump"
	case p.Format == FormatDump:
		what = "goroutine dump (debug=2)"
	case p.Format == FormatDebug1:
		what = string(p.Kind) + " profile (debug=1)"
	default:
		what = string(p.Kind) + " profile (protobuf)"
	}
	if p.Format == FormatDump && p.Kind == KindGoroutineLeak {
		what += " with leak marks"
	}
	return what + ", " + plural(p.Total, "goroutine")
}

func plural(n int, what string) string {
	s := strconv.Itoa(n) + " " + what
	if n != 1 {
		s += "s"
	}
	return s
}

// pkgPath is the import path of the package of a fully qualified function
// name: "example.com/m/pkg" for "example.com/m/pkg.(*T).run", "main" for
// "main.main.func1".
func pkgPath(fn string) string {
	slash := strings.LastIndexByte(fn, '/')
	dot := strings.IndexByte(fn[slash+1:], '.')
	if dot < 0 {
		return fn
	}
	return fn[:slash+1+dot]
}

// unescape undoes the runtime's escaping of dots in the last element of an
// import path ("gopkg.in/yaml%2ev3.Unmarshal").
func unescape(fn string) string {
	if strings.Contains(fn, "%") {
		fn = strings.ReplaceAll(fn, "%2e", ".")
	}
	return fn
}

// An aggregator merges the records of identical goroutines: same state,
// leak mark, stack and creator.
type aggregator struct {
	records []*Record
	index   map[string]*Record
	key     strings.Builder
}

func newAggregator() *aggregator { return &aggregator{index: map[string]*Record{}} }

// add merges r, a record of Count goroutines whose IDs (if the profile
// has them) are r.IDs.
func (a *aggregator) add(r *Record) {
	a.key.Reset()
	a.key.WriteString(r.State)
	if r.Leaked {
		a.key.WriteString("\x00leaked")
	}
	for _, f := range r.Frames {
		a.key.WriteByte(0)
		a.key.WriteString(f.Func)
		a.key.WriteByte(' ')
		a.key.WriteString(f.File)
		a.key.WriteString(strconv.Itoa(f.Line))
	}
	if r.Creator != nil {
		a.key.WriteString("\x00created\x00")
		a.key.WriteString(r.Creator.Func)
		a.key.WriteString(r.Creator.File)
		a.key.WriteString(strconv.Itoa(r.Creator.Line))
	}
	for _, k := range slices.Sorted(maps.Keys(r.Labels)) {
		a.key.WriteString("\x00label\x00" + k + "=" + strings.Join(r.Labels[k], ","))
	}
	k := a.key.String()
	old := a.index[k]
	if old == nil {
		a.index[k] = r
		a.records = append(a.records, r)
		return
	}
	old.Count += r.Count
	old.WaitMinutes = max(old.WaitMinutes, r.WaitMinutes)
	old.IDs = append(old.IDs, r.IDs...)
	for _, g := range r.CreatorGoroutines {
		if len(old.CreatorGoroutines) < maxCreators && !slices.Contains(old.CreatorGoroutines, g) {
			old.CreatorGoroutines = append(old.CreatorGoroutines, g)
		}
	}
}

// maxCreators bounds the creator goroutine IDs kept per record.
const maxCreators = 16
