package driver

import (
	"cmp"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// An Action is what one analyzer recorded on one package, kept after the
// package's syntax and types are gone.
type Action struct {
	Analyzer *analysis.Analyzer
	IsRoot   bool
	// Diagnostics are the checker's diagnostics, nil for a result read
	// from the cache; Diags are the same with positions resolved.
	Diagnostics []analysis.Diagnostic
	Diags       []Diag
	Err         error
}

// A Diag is a diagnostic with its positions resolved, as it is printed,
// fixed and cached.
type Diag struct {
	Posn, End token.Position
	Category  string
	Message   string
	URL       string
	Related   []Related
	Fixes     []Fix
}

// Related is a resolved analysis.RelatedInformation.
type Related struct {
	Posn, End token.Position
	Message   string
}

// A Fix is a resolved analysis.SuggestedFix.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       string
	Start, End int
	New        string
}

func resolve(fset *token.FileSet, ds []analysis.Diagnostic) []Diag {
	out := make([]Diag, len(ds))
	for i, d := range ds {
		end := d.End
		if !end.IsValid() {
			end = d.Pos
		}
		out[i] = Diag{Posn: fset.Position(d.Pos), End: fset.Position(end), Category: d.Category, Message: d.Message, URL: d.URL}
		for _, rel := range d.Related {
			out[i].Related = append(out[i].Related, Related{fset.Position(rel.Pos), fset.Position(rel.End), rel.Message})
		}
		for _, sf := range d.SuggestedFixes {
			fix := Fix{Message: sf.Message}
			for _, e := range sf.TextEdits {
				f := fset.File(e.Pos)
				end := e.End
				if !end.IsValid() {
					end = e.Pos
				}
				if f == nil || int(end) > f.Base()+f.Size() {
					fix.Edits = nil
					break
				}
				fix.Edits = append(fix.Edits, Edit{f.Name(), f.Offset(e.Pos), f.Offset(end), string(e.NewText)})
			}
			if len(fix.Edits) > 0 {
				out[i].Fixes = append(out[i].Fixes, fix)
			}
		}
	}
	return out
}

// A Finding is one diagnostic of one analyzer on a package to analyze.
type Finding struct {
	Analyzer *analysis.Analyzer
	Diag
}

// Findings returns the diagnostics of the root actions, sorted by file,
// line, column and analyzer, with those reported twice (a file analyzed in
// a package and in its test variant) once.
func (r *Result) Findings() []Finding {
	type key struct {
		posn, end token.Position
		a         string
		msg       string
	}
	seen := map[key]bool{}
	var out []Finding
	for i := range r.Packages {
		for _, act := range r.Actions[i] {
			if !act.IsRoot || act.Err != nil {
				continue
			}
			for _, d := range act.Diags {
				k := key{d.Posn, d.End, act.Analyzer.Name, d.Message}
				if !seen[k] {
					seen[k] = true
					out = append(out, Finding{act.Analyzer, d})
				}
			}
		}
	}
	slices.SortFunc(out, compareFindings)
	return out
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Posn.Filename, b.Posn.Filename),
		cmp.Compare(a.Posn.Line, b.Posn.Line),
		cmp.Compare(a.Posn.Column, b.Posn.Column),
		cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
		cmp.Compare(a.Message, b.Message),
	)
}

// Result holds the outcome of Analyze.
type Result struct {
	Fset      *token.FileSet
	Analyzers []*analysis.Analyzer
	Packages  []*packages.Package
	// Actions[i] holds the actions on Packages[i], by analyzer; nil for a
	// package that was not analyzed (see Skipped).
	Actions []map[*analysis.Analyzer]*Action
	// Skipped[i] says why Packages[i] was not analyzed ("" if it was).
	Skipped []string

	loader *loader
}

// Errors returns the load, parse and type errors that kept packages from
// being analyzed, each once (a package and its test variant share files;
// a broken dependency is reached from many packages), in the order found.
func (r *Result) Errors() []packages.Error {
	var out []packages.Error
	seen := map[string]bool{}
	add := func(errs []packages.Error) {
		for _, e := range errs {
			if s := e.Error(); !seen[s] {
				seen[s] = true
				out = append(out, e)
			}
		}
	}
	for _, pkg := range r.Packages {
		add(pkg.Errors)
		if pkg.Module != nil && pkg.Module.Error != nil {
			add([]packages.Error{{Pos: "-", Msg: pkg.Module.Error.Err, Kind: packages.ListError}})
		}
	}
	if r.loader != nil {
		var broken []*packages.Package
		for p, d := range r.loader.deps {
			if !r.loader.initial[p] && d.broken == p {
				broken = append(broken, p)
			}
		}
		slices.SortFunc(broken, func(a, b *packages.Package) int { return cmp.Compare(a.ID, b.ID) })
		for _, p := range broken {
			add(r.loader.deps[p].errs)
		}
	}
	return out
}
