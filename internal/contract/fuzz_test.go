package contract

import (
	"strings"
	"testing"
)

// FuzzResolve feeds the anchor resolver mutated Go source, declarations
// and anchors, seeded with the region around every contract's declaration
// in the installed GOROOT. Whatever the input, it must not panic, and a
// line it returns must exist, contain the anchor, and lie in the
// declaration's scope unless the anchor is unique in the whole file.
//
//	go test -run '^$' -fuzz FuzzResolve -fuzztime 5m ./internal/contract
func FuzzResolve(f *testing.F) {
	tc := installed(f)
	seeded := 0
	for _, c := range All() {
		lines, err := tc.lines(c.goRootRel())
		if err != nil || c.Anchor == "" {
			continue
		}
		start, end, ok := Scope(lines, c.Func)
		if !ok {
			continue
		}
		// The declaration with a few lines around it keeps seeds small.
		start, end = max(0, start-3), min(len(lines)-1, end+3, start+200)
		f.Add(strings.Join(lines[start:end+1], "\n"), c.Func, c.Anchor, c.Occurrence)
		seeded++
	}
	if seeded == 0 {
		f.Fatalf("no contract's source could be read from %s: nothing to seed with", tc.GOROOT)
	}
	f.Add("package p\n\n// F does.\nfunc F() {\n\tx := 1\n\tx := 1\n}\n", "F", "x := 1", 2)
	f.Add("type T struct{}\n\nfunc (t *T) M() {\n\tcall()\n}\n", "T.M", "call()", 1)
	f.Add("var (\n\ta = 1\n)\n", "var a", "a = 1", 0)
	f.Fuzz(func(t *testing.T, src, decl, anchor string, occurrence int) {
		line, err := Resolve(src, decl, anchor, occurrence)
		if err != nil {
			if line != 0 {
				t.Errorf("error %v with line %d", err, line)
			}
			return
		}
		lines := strings.Split(src, "\n")
		if line < 1 || line > len(lines) {
			t.Fatalf("line %d outside the input's %d lines", line, len(lines))
		}
		if !strings.Contains(lines[line-1], anchor) {
			t.Fatalf("line %d %q does not contain the anchor %q", line, lines[line-1], anchor)
		}
		if again, _ := Resolve(src, decl, anchor, occurrence); again != line {
			t.Fatalf("resolved to %d, then to %d", line, again)
		}
		holding := 0
		for _, l := range lines {
			if strings.Contains(l, anchor) {
				holding++
			}
		}
		if holding > 1 {
			// Not unique in the file: it must have been found in scope.
			start, end, ok := Scope(lines, decl)
			if !ok || line-1 < start || line-1 > end {
				t.Fatalf("line %d of an anchor that is not unique in the file is outside %q's scope (%d-%d, %v)", line, decl, start+1, end+1, ok)
			}
		}
	})
}
