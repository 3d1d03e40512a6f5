package leakprof

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// A Site is a line the parked goroutines of the profiles block at: the
// innermost frame of their stacks inside the user's module, with their wait
// reason. Goroutines with no frame in the module are grouped by their
// innermost frame outside the runtime, in sites marked !InModule.
type Site struct {
	File  string // local file when InModule, else as recorded
	Line  int
	Func  string
	State string // the wait reason; "" when the profile records none
	// StateFromStack is set when the wait reason was read off the runtime
	// frames rather than printed by the runtime.
	StateFromStack bool
	InModule       bool
	// Callee is the call the site blocks inside (sync.(*WaitGroup).Wait,
	// a dependency's function), nil when it blocks right at this line (a
	// channel operation, a select).
	Callee *Frame
	// Counts holds the goroutines parked here in each profile, in the
	// report's profile order; Leaked how many of them the runtime's leak
	// detector marked.
	Counts, Leaked []int
	// Count is the site's count in the last profile of a series, else the
	// most in any one profile.
	Count       int
	WaitMinutes int
	Creators    []*Creator
	// IDs are the first goroutine IDs seen here (dumps only).
	IDs []int

	Findings []Match // rtlint findings at this line or its go statements
	Why      string  // when there are none: why rtlint has no finding
	Trend    Trend
	Verdict  Verdict
	Because  []string // why the verdict
}

// maxIDs bounds the goroutine IDs a site keeps for display.
const maxIDs = 8

// A Creator is a go statement (or WaitGroup.Go call) that started
// goroutines parked at a site.
type Creator struct {
	File       string // local file when InModule, else as recorded
	Line       int
	Func       string // the function holding the go statement, when recorded
	InModule   bool
	Count      int   // goroutines of the site it started, the most in any one profile
	counts     []int // per profile
	Goroutines []int // goroutines that ran the go statement, when recorded
	// Inferred is set when the profile did not record the creator and
	// rtlint found the go statement from the goroutine's entry function.
	Inferred bool
}

// Max is the largest count of the site in any one profile.
func (s *Site) Max() int { return slices.Max(s.Counts) }

// Latest is the site's count in the last profile.
func (s *Site) Latest() int { return s.Counts[len(s.Counts)-1] }

func (s *Site) key() string { return s.File + ":" + strconv.Itoa(s.Line) + " " + s.State }

// grouper builds the sites of a series of profiles.
type grouper struct {
	loc      *Locator
	starts   *startIndex
	n        int // profiles
	sites    map[string]*Site
	creators map[*Site]map[string]*Creator
	// unknown holds the records without a wait reason (debug=1), added
	// last to the site of the same line, whatever its wait reason.
	unknown []pending
}

type pending struct {
	i int
	r *Record
}

func newGrouper(loc *Locator, starts *startIndex, n int) *grouper {
	return &grouper{loc: loc, starts: starts, n: n, sites: map[string]*Site{}, creators: map[*Site]map[string]*Creator{}}
}

// add adds the parked records of profile i.
func (g *grouper) add(i int, p *Profile) {
	for _, r := range p.Records {
		if !parked(r.State) || len(r.Frames) == 0 {
			continue
		}
		if r.State == "" {
			g.unknown = append(g.unknown, pending{i, r})
			continue
		}
		g.addRecord(i, r, g.site(r))
	}
}

// finish adds the records without a wait reason: to the site of their line
// with the most goroutines, or to a site of their own.
func (g *grouper) finish() {
	byLine := map[string]*Site{}
	for _, s := range g.sites {
		k := s.File + ":" + strconv.Itoa(s.Line)
		if old := byLine[k]; old == nil || s.Max() > old.Max() || s.Max() == old.Max() && s.State < old.State {
			byLine[k] = s
		}
	}
	for _, u := range g.unknown {
		s := g.site(u.r)
		if known := byLine[s.File+":"+strconv.Itoa(s.Line)]; known != nil {
			if s.Max() == 0 {
				delete(g.sites, s.key())
			}
			s = known
		}
		g.addRecord(u.i, u.r, s)
	}
	g.unknown = nil
}

// addRecord adds record r of profile i to site s.
func (g *grouper) addRecord(i int, r *Record, s *Site) {
	s.Counts[i] += r.Count
	if r.Leaked {
		s.Leaked[i] += r.Count
	}
	s.WaitMinutes = max(s.WaitMinutes, r.WaitMinutes)
	for _, id := range r.IDs {
		if len(s.IDs) >= maxIDs {
			break
		}
		s.IDs = append(s.IDs, id)
	}
	for _, c := range g.creatorsOf(r) {
		k := c.File + ":" + strconv.Itoa(c.Line)
		old := g.creators[s][k]
		if old == nil {
			g.creators[s][k] = c
			s.Creators = append(s.Creators, c)
			old = c
			old.counts = make([]int, g.n)
		}
		old.counts[i] += r.Count
		old.Count = max(old.Count, old.counts[i])
		for _, gid := range r.CreatorGoroutines {
			if len(old.Goroutines) < maxCreators && !slices.Contains(old.Goroutines, gid) {
				old.Goroutines = append(old.Goroutines, gid)
			}
		}
	}
}

// site finds or makes the site of record r.
func (g *grouper) site(r *Record) *Site {
	s := &Site{State: r.State, StateFromStack: r.StateFromStack}
	found := false
	for i, f := range r.Frames {
		if local, ok := g.loc.Locate(f); ok {
			s.File, s.Line, s.Func, s.InModule, found = local, f.Line, f.Func, true, true
			if i > 0 && !isRuntime(r.Frames[i-1].Func) {
				callee := r.Frames[i-1]
				s.Callee = &callee
			}
			break
		}
	}
	if !found {
		f := r.Frames[0]
		for _, fr := range r.Frames {
			if !isRuntime(fr.Func) {
				f = fr
				break
			}
		}
		s.File, s.Line, s.Func = f.File, f.Line, f.Func
	}
	if old := g.sites[s.key()]; old != nil {
		return old
	}
	s.Counts, s.Leaked = make([]int, g.n), make([]int, g.n)
	g.sites[s.key()] = s
	g.creators[s] = map[string]*Creator{}
	return s
}

// isRuntime reports whether fn is the runtime's or one of the linknamed
// shims the sync, poll and time packages park through.
func isRuntime(fn string) bool {
	if strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "internal/runtime/") {
		return true
	}
	_, ok := parkers[fn]
	return ok
}

// creatorsOf returns the go statements that started r's goroutines: the
// recorded creator, or, when the profile has none (or it is outside the
// module, as for sync.WaitGroup.Go), those found from the goroutine's
// entry function.
func (g *grouper) creatorsOf(r *Record) []*Creator {
	if r.Creator != nil {
		local, ok := g.loc.Locate(*r.Creator)
		if ok {
			return []*Creator{{File: local, Line: r.Creator.Line, Func: r.Creator.Func, InModule: true}}
		}
	}
	var out []*Creator
	if entry, ok := entryFrame(r.Frames); ok {
		if local, ok := g.loc.Locate(entry); ok {
			for _, st := range g.starts.starting(local, entry) {
				out = append(out, &Creator{File: st.File, Line: st.Line, InModule: true, Inferred: true})
			}
		}
	}
	if len(out) == 0 && r.Creator != nil {
		out = append(out, &Creator{File: r.Creator.File, Line: r.Creator.Line, Func: r.Creator.Func})
	}
	return out
}

// entryFrame is the function a goroutine started with: its outermost
// frame below runtime.goexit.
func entryFrame(frames []Frame) (Frame, bool) {
	for i := len(frames) - 1; i >= 0; i-- {
		if frames[i].Func != "runtime.goexit" {
			return frames[i], true
		}
	}
	return Frame{}, false
}

// A startIndex finds the goroutine starts of the analyzed packages.
type startIndex struct {
	byFile   map[string][]GoStmt
	byCallee map[string][]GoStmt
}

func newStartIndex(starts []GoStmt) *startIndex {
	x := &startIndex{byFile: map[string][]GoStmt{}, byCallee: map[string][]GoStmt{}}
	for _, s := range starts {
		x.byFile[s.File] = append(x.byFile[s.File], s)
		if s.Callee != "" {
			x.byCallee[s.Callee] = append(x.byCallee[s.Callee], s)
		}
	}
	return x
}

// starting returns the starts that run entry, located at local: the go
// statement of a compiler wrapper (gowrap), the innermost function
// literal whose body holds the entry line, or every start of the named
// function.
func (x *startIndex) starting(local string, entry Frame) []GoStmt {
	if strings.Contains(entry.Func, ".gowrap") {
		for _, s := range x.byFile[local] {
			if s.Line == entry.Line {
				return []GoStmt{s}
			}
		}
	}
	var best *GoStmt
	for i, s := range x.byFile[local] {
		if s.BodyFrom <= entry.Line && entry.Line <= s.BodyTo && (best == nil || s.BodyFrom >= best.BodyFrom) {
			best = &x.byFile[local][i]
		}
	}
	if best != nil {
		return []GoStmt{*best}
	}
	return x.byCallee[entry.Func]
}

// sortSites ranks sites: leaking first, then by count (latest, then
// largest), then by how long they have waited, then by position.
func sortSites(sites []*Site) {
	slices.SortStableFunc(sites, func(a, b *Site) int {
		return cmp.Or(
			cmp.Compare(b.Verdict.rank(), a.Verdict.rank()),
			cmp.Compare(b.Count, a.Count),
			cmp.Compare(b.Max(), a.Max()),
			cmp.Compare(b.WaitMinutes, a.WaitMinutes),
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.State, b.State))
	})
}
