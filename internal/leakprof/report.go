package leakprof

import "slices"

// Options tune the report.
type Options struct {
	// Min is the count at which a site with no other evidence is called
	// leaking; 0 turns the rule off.
	Min int
}

// DefaultMin is the default for Options.Min.
const DefaultMin = 1000

// A Report is the outcome of reading profiles against a module.
type Report struct {
	Profiles []*Profile // in the order compared
	Modules  []Module
	// Series is set when the profiles are of one process, taken one after
	// another; SeriesNote says how that was decided.
	Series     bool
	SeriesNote string
	// Sites are the sites in the module, ranked; Outside the sites of
	// goroutines with no frame in the module.
	Sites, Outside []*Site
	// NotObserved are the golifecycle and ctxblock findings at which no
	// profile shows a parked goroutine.
	NotObserved []Finding
	// Errors are the problems that kept packages from being analyzed.
	Errors []string
	// Toolchain is the Go version citations resolve against.
	Toolchain string
}

// Leaking counts the sites whose verdict is leaking.
func (r *Report) Leaking() int {
	n := 0
	for _, s := range r.Sites {
		if s.Verdict == VerdictLeaking {
			n++
		}
	}
	return n
}

// Build groups the parked goroutines of the profiles into sites, joins
// them with the static findings and decides each site's verdict. starts
// are the goroutine starts of the analyzed packages (GoStmts).
func Build(profiles []*Profile, loc *Locator, starts []GoStmt, findings []Finding, opts Options) *Report {
	ps, series, note := order(profiles)
	g := newGrouper(loc, newStartIndex(starts), len(ps))
	for i, p := range ps {
		g.add(i, p)
	}
	g.finish()
	r := &Report{Profiles: ps, Modules: loc.Modules(), Series: series, SeriesNote: note}
	var all []*Site
	for _, s := range g.sites {
		all = append(all, s)
	}
	// Map iteration order must not leak into the report.
	sortSites(all)
	r.NotObserved = join(all, findings)
	decide(all, series, opts.Min)
	sortSites(all)
	for _, s := range all {
		sortCreators(s)
		if s.InModule {
			r.Sites = append(r.Sites, s)
		} else {
			r.Outside = append(r.Outside, s)
		}
	}
	return r
}

func sortCreators(s *Site) {
	slices.SortStableFunc(s.Creators, func(a, b *Creator) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if a.File != b.File {
			if a.File < b.File {
				return -1
			}
			return 1
		}
		return a.Line - b.Line
	})
}
