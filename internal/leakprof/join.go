package leakprof

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strconv"
)

// A Finding is one rtlint diagnostic from the static analysis of the
// module's packages.
type Finding struct {
	Analyzer string
	File     string // absolute
	Line     int
	Column   int
	Message  string
}

// Match is a finding joined with a site.
type Match struct {
	Finding
	// At says where the finding is: AtSite (the blocking operation) or
	// AtGoStmt (the go statement that started the goroutines).
	At string
}

const (
	AtSite   = "site"
	AtGoStmt = "go statement"
)

// leakAnalyzers are the analyzers whose findings predict a goroutine that
// never ends; their findings that no profile shows goroutines at are
// listed as not observed.
var leakAnalyzers = []string{"golifecycle", "ctxblock"}

// Verdict is what the evidence says about a site.
type Verdict string

const (
	// VerdictLeaking: the goroutines here will not come back: the runtime's
	// leak detector marked them, or their count grows across profiles of
	// one process, or rtlint predicted the leak from the source, or the
	// count reached Options.Min.
	VerdictLeaking Verdict = "leaking"
	// VerdictStable: the count stays flat across profiles of one process.
	VerdictStable Verdict = "stable"
	// VerdictParked: goroutines wait here, with no evidence either way.
	VerdictParked Verdict = "parked"
)

func (v Verdict) rank() int {
	switch v {
	case VerdictLeaking:
		return 2
	case VerdictStable:
		return 1
	}
	return 0
}

// join attaches to each site the findings at its line and at the lines of
// its go statements, says why there are none, and returns the findings of
// the leak analyzers that no site matched.
func join(sites []*Site, findings []Finding) []Finding {
	at := map[string][]Finding{}
	for _, f := range findings {
		k := f.File + ":" + strconv.Itoa(f.Line)
		at[k] = append(at[k], f)
	}
	used := map[string]bool{}
	for _, s := range sites {
		if !s.InModule {
			continue
		}
		seen := map[Finding]bool{}
		add := func(file string, line int, where string) {
			k := file + ":" + strconv.Itoa(line)
			for _, f := range at[k] {
				if !seen[f] {
					seen[f] = true
					used[k] = true
					s.Findings = append(s.Findings, Match{f, where})
				}
			}
		}
		add(s.File, s.Line, AtSite)
		for _, c := range s.Creators {
			if c.InModule {
				add(c.File, c.Line, AtGoStmt)
			}
		}
		if len(s.Findings) == 0 {
			s.Why = whyNot(s)
		}
	}
	var unseen []Finding
	for _, f := range findings {
		if slices.Contains(leakAnalyzers, f.Analyzer) && !used[f.File+":"+strconv.Itoa(f.Line)] {
			unseen = append(unseen, f)
		}
	}
	slices.SortFunc(unseen, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Analyzer, b.Analyzer))
	})
	return slices.CompactFunc(unseen, func(a, b Finding) bool { return a == b })
}

// whyNot says why rtlint has no finding at a site in the module.
func whyNot(s *Site) string {
	if _, err := os.Stat(s.File); err != nil {
		return "the module has no such file: the profile comes from other source than this checkout"
	}
	if s.Callee != nil && !isStd(pkgPath(s.Callee.Func)) {
		// The site is the innermost frame in the module: its callee is not.
		return fmt.Sprintf("the goroutines block inside %s, outside the module: rtlint analyzes the module's packages only", s.Callee.Func)
	}
	if s.State == "" {
		return "the profile records no wait reason (a debug=1 profile hides the runtime's frames): take a debug=2 dump or a protobuf profile to see it"
	}
	w, ok := reason(s.State)
	switch {
	case !ok:
		return "rtlint does not model this wait"
	case w.channel:
		return "rtlint's channel analyses (golifecycle, ctxblock) report a blocking operation only when every peer of its channel is in view in the package and gives up or never comes; here the channel's peers are elsewhere (a parameter, a field or a channel that escapes), or some path leaves the goroutine"
	}
	return w.unmodeled
}

// decide gives each site its verdict and the reasons for it.
func decide(sites []*Site, series bool, min int) {
	for _, s := range sites {
		if !s.InModule {
			s.Verdict, s.Count = VerdictParked, s.Max()
			continue
		}
		var because []string
		if n := slices.Max(s.Leaked); n > 0 {
			because = append(because, fmt.Sprintf("the runtime's leak detector marked %s: blocked on something no running goroutine can reach", plural(n, "goroutine")))
		}
		s.Count = s.Max()
		if series {
			s.Trend = trend(s.Counts)
			s.Count = s.Latest()
		}
		if s.Trend == TrendGrowing {
			because = append(because, "growing across the profiles: "+countsString(s.Counts))
		}
		for _, m := range s.Findings {
			if slices.Contains(leakAnalyzers, m.Analyzer) {
				because = append(because, m.Analyzer+" predicted this from the source")
				break
			}
		}
		if min > 0 && s.Max() >= min {
			because = append(because, fmt.Sprintf("%d goroutines parked at one line (-min %d)", s.Max(), min))
		}
		switch {
		case s.Trend == TrendStable && slices.Max(s.Leaked) == 0:
			s.Verdict = VerdictStable
			s.Because = []string{"the count stays at " + strconv.Itoa(s.Latest()) + " across the profiles"}
		case s.Trend != TrendNone && s.Trend != TrendGrowing && slices.Max(s.Leaked) == 0:
			s.Verdict = VerdictParked
		case len(because) > 0:
			s.Verdict = VerdictLeaking
			s.Because = because
		default:
			s.Verdict = VerdictParked
		}
	}
}

func countsString(counts []int) string {
	var b []byte
	for i, n := range counts {
		if i > 0 {
			b = append(b, " -> "...)
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(b)
}
