package contract

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var idRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]+$`)

func TestTableInvariants(t *testing.T) {
	seen := map[ID]bool{}
	n := 0
	for _, group := range tables {
		for i := range group {
			c := &group[i]
			n++
			if seen[c.ID] {
				t.Errorf("duplicate contract ID %s", c.ID)
			}
			seen[c.ID] = true
			if !idRE.MatchString(string(c.ID)) {
				t.Errorf("%s: ID must be a CamelCase name of the fact", c.ID)
			}
			if c.File == "" || c.Anchor == "" || c.Claim == "" || c.Line <= 0 {
				t.Errorf("%s: File, Anchor, Claim and Line are required", c.ID)
			}
			if c.Since != "" && !strings.HasPrefix(c.Since, "go1.") {
				t.Errorf("%s: Since %q is not a go1.N version", c.ID, c.Since)
			}
			if _, err := declPattern(c.Func); c.Func != "" && err != nil {
				t.Errorf("%s: %v", c.ID, err)
			}
		}
	}
	if n != len(index) {
		t.Errorf("index has %d contracts, tables %d", len(index), n)
	}
}

// installed returns the GOROOT of the go command on PATH, as the linter
// finds it.
func installed(t testing.TB) *Toolchain {
	t.Helper()
	tc := Default()
	if tc.Err != nil {
		t.Fatalf("toolchain: %v", tc.Err)
	}
	return tc
}

// TestEveryAnchorResolvesOnce resolves every anchor in the installed GOROOT
// and checks that the primary anchor picks out one line without ambiguity:
// the scope exists and holds at least Occurrence matching lines.
func TestEveryAnchorResolvesOnce(t *testing.T) {
	tc := installed(t)
	for _, c := range All() {
		if tc.Version != "" && !c.HoldsFor(tc.Version) {
			continue // the claim is not made for this toolchain
		}
		cit := tc.Cite(c.ID)
		if !cit.Resolved {
			t.Errorf("%s: not resolved in %s: %s", c.ID, tc.Version, cit.Reason)
			continue
		}
		lines, err := tc.lines(c.goRootRel())
		if err != nil {
			t.Fatal(err)
		}
		if cit.Line < 1 || cit.Line > len(lines) || !containsAny(lines[cit.Line-1], c) {
			t.Errorf("%s: cited line %d does not contain the anchor", c.ID, cit.Line)
		}
		if tc.Version == c.RecordedIn() && cit.Line != c.Line {
			t.Errorf("%s: resolved to %s:%d in %s, table records %d", c.ID, c.File, cit.Line, tc.Version, c.Line)
		}
	}
}

func containsAny(line string, c *Contract) bool {
	if strings.Contains(line, c.Anchor) {
		return true
	}
	for _, a := range c.FallbackAnchors {
		if strings.Contains(line, a) {
			return true
		}
	}
	return false
}

func TestUnreadableGOROOTFallsBack(t *testing.T) {
	tc := Open(filepath.Join(t.TempDir(), "nogo"))
	if tc.Err == nil {
		t.Fatal("expected an error for a GOROOT without src")
	}
	cit := tc.Cite(CloseOfClosedChanPanics)
	c, _ := Lookup(CloseOfClosedChanPanics)
	if cit.Resolved || cit.Line != c.Line || cit.Version != RecordedVersion {
		t.Fatalf("fallback citation = %+v, want recorded line %d of %s", cit, c.Line, RecordedVersion)
	}
	if got, want := cit.String(), "runtime/chan.go:425, go1.26.8"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestMovedAnchorResolvesInNewSource(t *testing.T) {
	// A toolchain whose chan.go grew ten lines at the top still resolves to
	// the line that holds the anchor, with that toolchain's version.
	root := t.TempDir()
	tc := installed(t)
	src, err := os.ReadFile(filepath.Join(tc.GOROOT, "src/runtime/chan.go"))
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(root, "src/runtime/chan.go"), strings.Repeat("// padding\n", 10)+string(src))
	mustWrite(t, filepath.Join(root, "VERSION"), "go1.99.1\ntime 2030-01-01\n")
	moved := Open(root)
	c, _ := Lookup(CloseOfClosedChanPanics)
	want := tc.Cite(c.ID).Line + 10
	got := moved.Cite(c.ID)
	if !got.Resolved || got.Line != want || got.Version != "go1.99.1" {
		t.Fatalf("got %+v, want line %d in go1.99.1", got, want)
	}
	if got.URL() != "https://github.com/golang/go/blob/go1.99.1/src/runtime/chan.go#L"+strconv.Itoa(want) {
		t.Errorf("URL = %s", got.URL())
	}
	// A file whose anchor text changed falls back to the recorded line.
	mustWrite(t, filepath.Join(root, "src/runtime/chan.go"), strings.ReplaceAll(string(src), "close of closed channel", "closing a closed channel"))
	changed := Open(root)
	if cit := changed.Cite(c.ID); cit.Resolved || cit.Line != c.Line || cit.Version != RecordedVersion {
		t.Fatalf("changed anchor: got %+v, want the recorded fallback", cit)
	}
}

func mustWrite(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScope(t *testing.T) {
	src := `package p

// F does things.
// More doc.
func F(x int) {
	anchor
}

func (r *T) M() {
	anchor
	anchor
}

func (T[E]) G() { anchor }

const C = 8 // anchor

var (
	anchor = 1
)

var V = []int{
	1, // anchor
}
`
	for _, tc := range []struct {
		decl   string
		anchor string
		occ    int
		want   int
	}{
		{"F", "anchor", 1, 6},
		{"F", "More doc", 1, 4},
		{"T.M", "anchor", 2, 11},
		{"T.G", "anchor", 1, 14},
		{"const C", "anchor", 1, 16},
		{"var V", "anchor", 1, 23},
		{"", "anchor = 1", 1, 19},
	} {
		got, err := Resolve(src, tc.decl, tc.anchor, tc.occ)
		if err != nil || got != tc.want {
			t.Errorf("Resolve(%q, %q, %d) = %d, %v; want %d", tc.decl, tc.anchor, tc.occ, got, err, tc.want)
		}
	}
	for _, bad := range []struct{ decl, anchor string }{
		{"F", "nowhere"},
		{"Missing", "anchor"},
		{"T.M", "// "},         // outside the method, and not unique in the file
		{"const C", "anchor "}, // not on the const line
		{"var x y", "anchor"},  // malformed declaration
	} {
		if got, err := Resolve(src, bad.decl, bad.anchor, 1); err == nil {
			t.Errorf("Resolve(%q, %q) = %d, want an error", bad.decl, bad.anchor, got)
		}
	}
}

func TestHoldsFor(t *testing.T) {
	c := &Contract{Since: "go1.23", Until: "go1.27"}
	for v, want := range map[string]bool{"go1.22": false, "1.23": true, "go1.26.8": true, "go1.27": false, "go1.27.3": false} {
		if got := c.HoldsFor(v); got != want {
			t.Errorf("HoldsFor(%s) = %v, want %v", v, got, want)
		}
	}
}
