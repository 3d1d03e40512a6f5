package testutil

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// ApplyFixes writes to disk alternative alt (0 for the first) of the
// suggested fix of every diagnostic a reported on the root packages of
// graph, skipping packages for which skip (if not nil) is true. An edit
// seen twice (the same file in a package and its test variant, or one
// import added by two fixes) is applied once; other overlapping edits fail
// the test. It returns how many fixes it applied and the files it changed.
func ApplyFixes(t *testing.T, graph *checker.Graph, a *analysis.Analyzer, alt int, skip func(*packages.Package) bool) (fixes int, files []string) {
	t.Helper()
	type edit struct {
		start, end int
		text       string
	}
	edits := map[string][]edit{}
	seen := map[string]bool{}
	for act := range graph.All() {
		if act.Analyzer != a || !act.IsRoot || (skip != nil && skip(act.Package)) {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) <= alt {
				continue
			}
			counted := false
			for _, e := range d.SuggestedFixes[alt].TextEdits {
				f := fset.File(e.Pos)
				end := e.End
				if end == token.NoPos {
					end = e.Pos
				}
				ed := edit{f.Offset(e.Pos), f.Offset(end), string(e.NewText)}
				key := fmt.Sprint(f.Name(), ed)
				if seen[key] {
					continue
				}
				seen[key] = true
				edits[f.Name()] = append(edits[f.Name()], ed)
				if !counted {
					fixes++
					counted = true
				}
			}
		}
	}
	for name, es := range edits {
		files = append(files, name)
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sort.SliceStable(es, func(i, j int) bool { return es[i].start > es[j].start })
		for i, e := range es {
			if i > 0 && e.end > es[i-1].start {
				t.Fatalf("%s: overlapping fixes at offsets %d and %d", filepath.Base(name), e.start, es[i-1].start)
			}
			src = append(src[:e.start:e.start], append([]byte(e.text), src[e.end:]...)...)
		}
		if err := os.WriteFile(name, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	return fixes, files
}
