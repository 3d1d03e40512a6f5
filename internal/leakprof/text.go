package leakprof

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/report"
)

// maxOutside bounds the sites outside the module the text report lists.
const maxOutside = 5

// Citation is the citation, as diagnostics print it, of the runtime line
// that parks goroutines in the site's state, and the permalink to it.
func (s *Site) Citation() (string, string) {
	cites := []contract.Citation{contract.Default().Cite(citeID(s.State))}
	if slicesMax(s.Leaked) > 0 {
		cites = append(cites, contract.Default().Cite(contract.LeakProfileFindsUnreachableBlocked))
	}
	return report.Format(cites), cites[0].URL()
}

func slicesMax(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// WriteText writes the report for a terminal. Paths are shown relative to
// base when under it.
func (r *Report) WriteText(w io.Writer, base string) error {
	tw := &textWriter{w: w, base: base}
	tw.header(r)
	for _, s := range r.Sites {
		tw.site(r, s)
	}
	if len(r.Sites) == 0 {
		tw.printf("no parked goroutines in the module's code\n\n")
	}
	if len(r.NotObserved) > 0 {
		tw.printf("not observed in %s (rtlint leak findings with no goroutine parked at them):\n", map[bool]string{true: "these profiles", false: "this profile"}[len(r.Profiles) > 1])
		for _, f := range r.NotObserved {
			tw.printf("  %s:%d: %s: %s\n", tw.rel(f.File), f.Line, f.Analyzer, f.Message)
		}
		tw.printf("\n")
	}
	tw.outside(r)
	tw.summary(r)
	return tw.err
}

type textWriter struct {
	w    io.Writer
	base string
	err  error
}

func (tw *textWriter) printf(format string, args ...any) {
	if tw.err == nil {
		_, tw.err = fmt.Fprintf(tw.w, format, args...)
	}
}

func (tw *textWriter) rel(file string) string {
	if tw.base != "" && filepath.IsAbs(file) {
		if rel, err := filepath.Rel(tw.base, file); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return file
}

func (tw *textWriter) header(r *Report) {
	for _, p := range r.Profiles {
		at := ""
		if !p.Time.IsZero() {
			at = ", taken " + p.Time.Format("2006-01-02 15:04:05 MST")
		}
		tw.printf("%s: %s%s\n", p.Name, p.Describe(), at)
	}
	if r.SeriesNote != "" {
		tw.printf("%s\n", r.SeriesNote)
	}
	tw.printf("\n")
}

func (tw *textWriter) site(r *Report, s *Site) {
	state := s.State
	if state == "" {
		state = "an unrecorded wait"
	}
	tw.printf("%-8s %s:%d: %s in %s", s.Verdict, tw.rel(s.File), s.Line, plural(s.Count, "goroutine"), state)
	if s.WaitMinutes > 0 {
		tw.printf(", up to %s", minutes(s.WaitMinutes))
	}
	if len(s.Counts) > 1 {
		tw.printf(" (%s)", countsString(s.Counts))
	}
	tw.printf("\n")
	tw.printf("    in %s", s.Func)
	if s.Callee != nil {
		tw.printf(", blocked in %s", s.Callee.Func)
	}
	tw.printf("\n")
	for _, c := range s.Creators {
		tw.printf("    started at %s:%d", tw.rel(c.File), c.Line)
		switch {
		case c.Inferred:
			tw.printf(" (from the goroutine's entry function)")
		case len(c.Goroutines) > 0:
			tw.printf(" by %s in goroutine %s", c.Func, joinInts(c.Goroutines))
		}
		if len(s.Creators) > 1 {
			tw.printf(", %s", plural(c.Count, "goroutine"))
		}
		tw.printf("\n")
	}
	for _, b := range s.Because {
		tw.printf("    %s: %s\n", s.Verdict, b)
	}
	for _, m := range s.Findings {
		where := "here"
		if m.At == AtGoStmt {
			where = fmt.Sprintf("at the go statement %s:%d", tw.rel(m.File), m.Line)
		}
		tw.printf("    %s %s: %s\n", m.Analyzer, where, m.Message)
	}
	if s.Why != "" {
		tw.printf("    no rtlint finding: %s\n", s.Why)
	}
	cite, _ := s.Citation()
	wakes := "nothing but its peer wakes it"
	if w, ok := reason(s.State); ok {
		wakes = w.wakes
	}
	tw.printf("    %s (%s)\n\n", wakes, cite)
}

func (tw *textWriter) outside(r *Report) {
	if len(r.Outside) == 0 {
		return
	}
	total := 0
	for _, s := range r.Outside {
		total += s.Count
	}
	tw.printf("outside the module: %s at %s", plural(total, "parked goroutine"), plural(len(r.Outside), "site"))
	if len(r.Outside) > maxOutside {
		tw.printf(", the %d largest", maxOutside)
	}
	tw.printf(":\n")
	for _, s := range r.Outside[:min(len(r.Outside), maxOutside)] {
		state := s.State
		if state == "" {
			state = "an unrecorded wait"
		}
		tw.printf("  %s in %s, %s (%s:%d)\n", plural(s.Count, "goroutine"), state, s.Func, s.File, s.Line)
	}
	tw.printf("\n")
}

func (tw *textWriter) summary(r *Report) {
	counts := map[Verdict]int{}
	for _, s := range r.Sites {
		counts[s.Verdict]++
	}
	var parts []string
	for _, v := range []Verdict{VerdictLeaking, VerdictStable, VerdictParked} {
		if counts[v] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[v], v))
		}
	}
	if len(parts) == 0 {
		parts = []string{"no sites"}
	}
	tw.printf("%s in the module; %d leak findings not observed\n", strings.Join(parts, ", "), len(r.NotObserved))
}

// minutes formats a wait: "42 minutes", "3 h 5 min".
func minutes(m int) string {
	if m < 60 {
		return plural(m, "minute")
	}
	if m%60 == 0 {
		return strconv.Itoa(m/60) + " h"
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}
