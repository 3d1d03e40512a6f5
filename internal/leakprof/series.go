package leakprof

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Trend is how a site's count moved across profiles of one process.
type Trend string

const (
	TrendNone      Trend = ""          // one profile, or profiles of different processes
	TrendGrowing   Trend = "growing"   // more goroutines in the last profile than in the first, never fewer on the way
	TrendStable    Trend = "stable"    // the same count in every profile
	TrendShrinking Trend = "shrinking" // fewer in the last profile than in the first
	TrendMixed     Trend = "varying"   // up and down
)

// order puts the profiles in time order when every one records its time
// (protobuf profiles), else keeps the command line's order, and decides
// whether they form a series: profiles of one process taken one after
// another, whose counts can be compared. It returns the ordered profiles,
// whether they are a series, and a sentence saying how that was decided.
func order(profiles []*Profile) ([]*Profile, bool, string) {
	ps := slices.Clone(profiles)
	if len(ps) < 2 {
		return ps, false, ""
	}
	timed := true
	for _, p := range ps {
		timed = timed && !p.Time.IsZero()
	}
	if timed {
		slices.SortStableFunc(ps, func(a, b *Profile) int { return a.Time.Compare(b.Time) })
	}
	var why []string
	for i := 1; i < len(ps); i++ {
		ok, reason := sameProcess(ps[i-1], ps[i])
		if !ok {
			return ps, false, fmt.Sprintf("%s and %s are not of one process (%s): counts are shown side by side, without a trend", ps[i-1].Name, ps[i].Name, reason)
		}
		why = append(why, reason)
	}
	return ps, true, "one process (" + strings.Join(slices.Compact(why), "; ") + "), compared oldest first"
}

// sameProcess decides whether b is a later profile of a's process.
//
// Dumps list goroutines by ID, and the runtime never reuses an ID within a
// process: two dumps share a process when some parked goroutine has the
// same ID, state and stack in both. Protobuf profiles record no process
// and no goroutine IDs, only the binary: two of the same build ID taken at
// different times are taken to be one process. A dump and a protobuf
// profile, or profiles that list different things (every goroutine, or
// only leaked ones), are not compared.
func sameProcess(a, b *Profile) (bool, string) {
	if a.full() != b.full() {
		return false, "one lists every goroutine, the other only leaked ones"
	}
	switch {
	case a.HasIDs() && b.HasIDs():
		n := sharedGoroutines(a, b)
		if n == 0 {
			return false, "no goroutine appears in both with the same ID and stack"
		}
		return true, plural(n, "parked goroutine") + " appear in both with the same ID and stack"
	case a.Format != FormatDump && b.Format != FormatDump:
		if a.BuildID == "" || a.BuildID != b.BuildID {
			return false, "different or unrecorded build IDs"
		}
		if a.Time.Equal(b.Time) {
			return false, "taken at the same time"
		}
		return true, "same build ID " + truncate(a.BuildID, 12) + ", taken at different times"
	}
	return false, "a dump and a stack profile cannot be matched to one process"
}

// full reports whether the profile lists every goroutine.
func (p *Profile) full() bool { return p.Format == FormatDump || p.Kind == KindGoroutine }

// sharedGoroutines counts the parked goroutines of b whose ID a lists
// with the same state and stack.
func sharedGoroutines(a, b *Profile) int {
	sig := map[int]string{}
	for _, r := range a.Records {
		if !parked(r.State) {
			continue
		}
		k := signature(r)
		for _, id := range r.IDs {
			sig[id] = k
		}
	}
	n := 0
	for _, r := range b.Records {
		if !parked(r.State) {
			continue
		}
		k := signature(r)
		for _, id := range r.IDs {
			if sig[id] == k {
				n++
			}
		}
	}
	return n
}

func signature(r *Record) string {
	var b strings.Builder
	b.WriteString(r.State)
	for _, f := range r.Frames {
		b.WriteString("\x00" + f.Func + "\x00" + strconv.Itoa(f.Line))
	}
	return b.String()
}

// trend reads a site's counts in a series.
func trend(counts []int) Trend {
	first, last := counts[0], counts[len(counts)-1]
	up, down := false, false
	for i := 1; i < len(counts); i++ {
		up = up || counts[i] > counts[i-1]
		down = down || counts[i] < counts[i-1]
	}
	switch {
	case !up && !down:
		return TrendStable
	case last > first && !down:
		return TrendGrowing
	case last < first && !up:
		return TrendShrinking
	}
	return TrendMixed
}
