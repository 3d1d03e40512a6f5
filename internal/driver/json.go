package driver

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// The -json output has the shape of go vet's and the multichecker's: a
// tree from package ID to analyzer name to either the list of diagnostics
// or {"error": "..."}; only analyzers with something to say appear. Each
// list is sorted by position.

type jsonDiag struct {
	Category       string        `json:"category,omitempty"`
	Posn           string        `json:"posn"`
	End            string        `json:"end"`
	Message        string        `json:"message"`
	SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
	Related        []jsonRelated `json:"related,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

type jsonError struct {
	Err string `json:"error"`
}

// WriteJSON writes the -json tree.
func (r *Result) WriteJSON(w io.Writer) error {
	tree := map[string]map[string]any{}
	for i, p := range r.Packages {
		byName := map[string]any{}
		if why := r.Skipped[i]; why != "" {
			for _, a := range r.Analyzers {
				byName[a.Name] = jsonError{"not analyzed: " + why}
			}
		}
		for _, a := range r.Analyzers {
			act := r.Actions[i][a]
			switch {
			case act == nil:
			case act.Err != nil:
				byName[a.Name] = jsonError{act.Err.Error()}
			case len(act.Diags) > 0:
				diags := slices.Clone(act.Diags)
				slices.SortStableFunc(diags, func(x, y Diag) int {
					return compareFindings(Finding{a, x}, Finding{a, y})
				})
				list := make([]jsonDiag, len(diags))
				for j, d := range diags {
					list[j] = toJSON(d)
				}
				byName[a.Name] = list
			}
		}
		if len(byName) > 0 {
			tree[p.ID] = byName
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func toJSON(d Diag) jsonDiag {
	jd := jsonDiag{Category: d.Category, Posn: d.Posn.String(), End: d.End.String(), Message: d.Message}
	if !d.End.IsValid() {
		jd.End = jd.Posn
	}
	for _, f := range d.Fixes {
		jf := jsonFix{Message: f.Message}
		for _, e := range f.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{e.File, e.Start, e.End, e.New})
		}
		jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
	}
	for _, rl := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{rl.Posn.String(), rl.End.String(), rl.Message})
	}
	return jd
}
