package driver

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"os"
	"slices"
)

// A FixResult says what ApplyFixes did (or, in a dry run, would do).
type FixResult struct {
	Fixed     []Finding // findings whose first suggested fix was applied
	Remaining []Finding // findings with no fix, or whose fix overlapped another's
	Files     []string  // files changed, sorted
	Diff      string    // unified diff of every change (dry run only)
}

// ApplyFixes applies the first suggested fix of each finding (-fix): the
// edits of a fix that overlaps an edit already taken are skipped whole,
// identical edits (the same file in a package and its test variant) are
// applied once, and each changed file that was gofmt-formatted is
// formatted again. With dryRun (-diff) nothing is written and the result
// carries a unified diff instead. Paths in the diff are relative to dir.
func ApplyFixes(findings []Finding, dryRun bool, dir string) (*FixResult, error) {
	res := &FixResult{}
	byFile := map[string][]Edit{}
	for _, f := range findings {
		if len(f.Fixes) == 0 {
			res.Remaining = append(res.Remaining, f)
			continue
		}
		if !fits(byFile, f.Fixes[0].Edits) {
			res.Remaining = append(res.Remaining, f)
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			if !slices.Contains(byFile[e.File], e) {
				byFile[e.File] = append(byFile[e.File], e)
			}
		}
		res.Fixed = append(res.Fixed, f)
	}
	for file := range byFile {
		res.Files = append(res.Files, file)
	}
	slices.Sort(res.Files)
	rel := relativizer(dir)
	var diff bytes.Buffer
	for _, file := range res.Files {
		before, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		after, err := applyEdits(before, byFile[file])
		if err != nil {
			return nil, fmt.Errorf("%s: %v (changed since it was analyzed?)", rel(file), err)
		}
		if formatted, err := format.Source(before); err == nil && bytes.Equal(formatted, before) {
			if out, err := format.Source(after); err == nil {
				after = out
			}
		}
		if dryRun {
			diff.WriteString(unifiedDiff(rel(file), string(before), string(after)))
			continue
		}
		fi, err := os.Stat(file)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(file, after, fi.Mode().Perm()); err != nil {
			return nil, err
		}
	}
	res.Diff = diff.String()
	return res, nil
}

// fits reports whether edits overlap none already in byFile (an identical
// edit is not an overlap).
func fits(byFile map[string][]Edit, edits []Edit) bool {
	for _, e := range edits {
		for _, o := range byFile[e.File] {
			if e == o {
				continue
			}
			if e.Start < o.End && o.Start < e.End || e.Start == o.Start && e.End == o.End {
				return false
			}
			// Two insertions at one point would depend on their order.
			if e.Start == e.End && o.Start == o.End && e.Start == o.Start {
				return false
			}
		}
	}
	return true
}

func applyEdits(src []byte, edits []Edit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b Edit) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.Start < last || e.End > len(src) || e.Start > e.End {
			return nil, fmt.Errorf("edit [%d,%d) out of range", e.Start, e.End)
		}
		out.Write(src[last:e.Start])
		out.WriteString(e.New)
		last = e.End
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}
