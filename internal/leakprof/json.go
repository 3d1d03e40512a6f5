package leakprof

import (
	"encoding/json"
	"io"
	"path/filepath"
	"time"
)

// The JSON report. Field names are stable; paths are relative to the
// directory given to WriteJSON when under it, absolute otherwise.
type jsonReport struct {
	Profiles    []jsonProfile `json:"profiles"`
	Modules     []Module      `json:"modules"`
	Series      bool          `json:"series"`
	SeriesNote  string        `json:"series_note,omitempty"`
	Leaking     int           `json:"leaking"`
	Sites       []jsonSite    `json:"sites"`
	Outside     []jsonSite    `json:"outside"`
	NotObserved []jsonFinding `json:"not_observed"`
	Errors      []string      `json:"errors,omitempty"`
	Toolchain   string        `json:"toolchain,omitempty"`
}

type jsonProfile struct {
	File    string     `json:"file"`
	Format  Format     `json:"format"`
	Kind    Kind       `json:"kind"`
	Crash   bool       `json:"crash,omitempty"`
	Time    *time.Time `json:"time,omitempty"`
	BuildID string     `json:"build_id,omitempty"`
	Total   int        `json:"goroutines"`
}

type jsonSite struct {
	File           string        `json:"file"`
	Line           int           `json:"line"`
	Func           string        `json:"func"`
	WaitReason     string        `json:"wait_reason"`
	FromStack      bool          `json:"wait_reason_from_stack,omitempty"`
	BlockedIn      string        `json:"blocked_in,omitempty"`
	Counts         []int         `json:"counts"`
	Leaked         []int         `json:"leaked"`
	MaxWaitMinutes int           `json:"max_wait_minutes"`
	GoroutineIDs   []int         `json:"goroutine_ids,omitempty"`
	Creators       []jsonCreator `json:"creators,omitempty"`
	Verdict        Verdict       `json:"verdict"`
	Because        []string      `json:"because,omitempty"`
	Trend          Trend         `json:"trend,omitempty"`
	Findings       []jsonFinding `json:"findings,omitempty"`
	NoFinding      string        `json:"no_finding,omitempty"`
	Citation       string        `json:"citation,omitempty"`
	CitationURL    string        `json:"citation_url,omitempty"`
}

type jsonCreator struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Func       string `json:"func,omitempty"`
	Count      int    `json:"count"`
	Goroutines []int  `json:"goroutines,omitempty"`
	Inferred   bool   `json:"inferred,omitempty"`
}

type jsonFinding struct {
	Analyzer string `json:"analyzer"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
	At       string `json:"at,omitempty"`
}

// WriteJSON writes the report as one indented JSON object.
func (r *Report) WriteJSON(w io.Writer, base string) error {
	rel := func(file string) string {
		if base != "" && filepath.IsAbs(file) {
			if p, err := filepath.Rel(base, file); err == nil && filepath.IsLocal(p) {
				return filepath.ToSlash(p)
			}
		}
		return file
	}
	out := jsonReport{Modules: r.Modules, Series: r.Series, SeriesNote: r.SeriesNote, Leaking: r.Leaking(),
		Sites: []jsonSite{}, Outside: []jsonSite{}, NotObserved: []jsonFinding{}, Errors: r.Errors, Toolchain: r.Toolchain}
	for _, p := range r.Profiles {
		jp := jsonProfile{File: p.Name, Format: p.Format, Kind: p.Kind, Crash: p.Crash, BuildID: p.BuildID, Total: p.Total}
		if !p.Time.IsZero() {
			t := p.Time
			jp.Time = &t
		}
		out.Profiles = append(out.Profiles, jp)
	}
	finding := func(f Finding, at string) jsonFinding {
		return jsonFinding{Analyzer: f.Analyzer, File: rel(f.File), Line: f.Line, Column: f.Column, Message: f.Message, At: at}
	}
	site := func(s *Site) jsonSite {
		js := jsonSite{File: rel(s.File), Line: s.Line, Func: s.Func, WaitReason: s.State, FromStack: s.StateFromStack,
			Counts: s.Counts, Leaked: s.Leaked, MaxWaitMinutes: s.WaitMinutes, GoroutineIDs: s.IDs,
			Verdict: s.Verdict, Because: s.Because, Trend: s.Trend, NoFinding: s.Why}
		if s.Callee != nil {
			js.BlockedIn = s.Callee.Func
		}
		if s.InModule {
			js.Citation, js.CitationURL = s.Citation()
		}
		for _, c := range s.Creators {
			js.Creators = append(js.Creators, jsonCreator{File: rel(c.File), Line: c.Line, Func: c.Func, Count: c.Count, Goroutines: c.Goroutines, Inferred: c.Inferred})
		}
		for _, m := range s.Findings {
			js.Findings = append(js.Findings, finding(m.Finding, m.At))
		}
		return js
	}
	for _, s := range r.Sites {
		out.Sites = append(out.Sites, site(s))
	}
	for _, s := range r.Outside {
		out.Outside = append(out.Outside, site(s))
	}
	for _, f := range r.NotObserved {
		out.NotObserved = append(out.NotObserved, finding(f, ""))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	return enc.Encode(out)
}
