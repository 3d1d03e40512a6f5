package sheet

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/testutil"
)

func installed(t *testing.T) *contract.Toolchain {
	t.Helper()
	tc := contract.Default()
	if tc.Err != nil {
		t.Fatalf("toolchain: %v", tc.Err)
	}
	return tc
}

var sheetVersionRE = regexp.MustCompile(`(?m)^# Runtime contract sheet \((\S+)\)$`)

// TestCommittedSheetIsFresh fails when docs/runtime-contracts.md differs
// from what `rtlint contracts` prints for this toolchain: a contract,
// claim, analyzer or observability note changed, or the Go version did.
func TestCommittedSheetIsFresh(t *testing.T) {
	tc := installed(t)
	var want bytes.Buffer
	if err := Build(tc).WriteMarkdown(&want); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(testutil.Root(), filepath.FromSlash(Path))
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: generate it with `%s`", err, Regenerate)
	}
	if bytes.Equal(got, want.Bytes()) {
		return
	}
	why := "is stale"
	if m := sheetVersionRE.FindSubmatch(got); m != nil && string(m[1]) != tc.Version {
		why = "was generated for " + string(m[1]) + ", this toolchain is " + tc.Version + " (a Go upgrade: review the diff of the sheet in the upgrade's pull request)"
	}
	t.Fatalf("%s %s (first difference: %s): regenerate it with `go generate ./internal/contract && %s`",
		Path, why, firstDiff(string(got), want.String()), Regenerate)
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ": have " + clip(gl) + ", want " + clip(wl)
		}
	}
	return "none"
}

func itoa(i int) string { return strconv.Itoa(i) }

func clip(s string) string {
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return "`" + s + "`"
}

func TestInstalledToolchainResolves(t *testing.T) {
	rep, err := Check(installed(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failed() {
		t.Errorf("%s: %s", f.ID, f.Reason)
	}
	if rep.Count(Resolved)+rep.Count(Retired) != len(rep.Findings) {
		t.Errorf("statuses: %d resolved, %d not applicable, %d unavailable, %d unresolved of %d", rep.Count(Resolved), rep.Count(Retired), rep.Count(Unavailable), rep.Count(Unresolved), len(rep.Findings))
	}
}

// fakeGOROOT returns a GOROOT holding only src/runtime/chan.go, edited.
func fakeGOROOT(t *testing.T, version string, edit func(string) string) string {
	t.Helper()
	tc := installed(t)
	src, err := os.ReadFile(filepath.Join(tc.GOROOT, "src", "runtime", "chan.go"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "src", "runtime"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "src", "runtime", "chan.go"), []byte(edit(string(src))), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "VERSION"), []byte(version+"\ntime 2030-01-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func find(t *testing.T, r *Report, id contract.ID) Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.ID == string(id) {
			return f
		}
	}
	t.Fatalf("no finding for %s", id)
	return Finding{}
}

func TestCheckAndCompare(t *testing.T) {
	base, err := Check(installed(t))
	if err != nil {
		t.Fatal(err)
	}
	root := fakeGOROOT(t, "go1.99.0", func(s string) string {
		s = strings.ReplaceAll(s, `"close of closed channel"`, `"closing a closed channel"`)
		s = strings.Replace(s, "// release all readers", "// wake all readers", 1)
		return strings.Repeat("// padding\n", 10) + s
	})
	other, err := Check(contract.Open(root))
	if err != nil {
		t.Fatal(err)
	}
	if f := find(t, other, contract.CloseOfClosedChanPanics); f.Status != Unresolved || !strings.Contains(f.Reason, "not found") {
		t.Errorf("changed anchor: %+v, want unresolved", f)
	}
	if f := find(t, other, contract.SendOnClosedChanPanics); f.Status != Resolved || f.Line != find(t, base, contract.SendOnClosedChanPanics).Line+10 {
		t.Errorf("moved anchor: %+v", f)
	}
	if f := find(t, other, contract.AsyncTimerChanRemovalPlanned); f.Status != Unavailable {
		t.Errorf("a doc/ file in a GOROOT without doc/: %+v, want unavailable", f)
	}
	failed := map[string]bool{}
	for _, f := range other.Failed() {
		failed[f.ID] = true
	}
	if !failed[string(contract.CloseOfClosedChanPanics)] || !failed[string(contract.GoschedDoesNotSuspend)] {
		t.Errorf("Failed() = %v", failed)
	}

	drift := map[string]Drift{}
	for _, d := range Compare(base, other) {
		drift[d.ID] = d
	}
	if d := drift[string(contract.CloseOfClosedChanPanics)]; d.Change != Lost {
		t.Errorf("CloseOfClosedChanPanics: %s, want %s", d.Change, Lost)
	}
	// chansend is untouched: same text and declaration, ten lines down.
	if d := drift[string(contract.SendOnClosedChanPanics)]; d.Change != Moved {
		t.Errorf("SendOnClosedChanPanics: %s, want %s (%+v)", d.Change, Moved, d)
	}
	// closechan changed elsewhere: the cited line is the same, the
	// declaration is not.
	if d := drift[string(contract.CloseOfNilChanPanics)]; d.Change != Declaration {
		t.Errorf("CloseOfNilChanPanics: %s, want %s", d.Change, Declaration)
	}
}

func TestCheckUnreadableGOROOT(t *testing.T) {
	if _, err := Check(contract.Open(filepath.Join(t.TempDir(), "nogo"))); err == nil {
		t.Fatal("Check of a GOROOT without source succeeded")
	}
}

func TestSheetContent(t *testing.T) {
	s := Build(installed(t))
	var md, js bytes.Buffer
	if err := s.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	text := md.String()
	row := regexp.MustCompile("(?m)^\\| `SendOnClosedChanPanics` \\| .+ \\| \\[runtime/chan\\.go:\\d+\\]\\(https://github\\.com/golang/go/blob/go1[^)]+#L\\d+\\) `chansend` \\| go1\\.0\\+ \\| .+ \\| `TestSendOnClosedChanPanics`: .+ \\|$")
	if !row.MatchString(text) {
		t.Errorf("no well-formed row for SendOnClosedChanPanics in:\n%s", text[:min(len(text), 3000)])
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "| `") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 7 {
			t.Errorf("row with a stray |: %s", line)
		}
	}
	var decoded Sheet
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatal(err)
	}
	if len(decoded.Rows) != len(contract.All()) || decoded.GoVersion == "" {
		t.Errorf("JSON: %d rows, version %q", len(decoded.Rows), decoded.GoVersion)
	}
}

// driftVersions are the toolchains TestDrift compares the installed one
// with: $RTLINT_DRIFT_AGAINST (comma-separated, "off" for none), else
// go1.27.3.
func driftVersions() []string {
	v := os.Getenv("RTLINT_DRIFT_AGAINST")
	switch v {
	case "":
		return []string{"go1.27.3"}
	case "off":
		return nil
	}
	return strings.Split(v, ",")
}

// TestDrift resolves every anchor against another Go release, fetched
// through the module proxy with GOTOOLCHAIN, and reports what changed. A
// contract that holds for that release (by Since/Until) but whose anchor no
// longer resolves fails: give it FallbackAnchors/FallbackFuncs or an
// Until. Moved lines and changed declarations are logged for review.
func TestDrift(t *testing.T) {
	base, err := Check(installed(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range driftVersions() {
		t.Run(v, func(t *testing.T) {
			if testing.Short() {
				t.Skipf("-short: not fetching %s", v)
			}
			root, err := FetchToolchain(context.Background(), v)
			if err != nil {
				testutil.SkipUnlessCI(t, "cannot get %s, so the drift against it is NOT checked: %v", v, err)
			}
			other, err := Check(contract.Open(root))
			if err != nil {
				testutil.SkipUnlessCI(t, "cannot read %s's source (%s), so the drift against it is NOT checked: %v", v, root, err)
			}
			count := map[Change]int{}
			for _, d := range Compare(base, other) {
				count[d.Change]++
				switch d.Change {
				case Lost:
					t.Errorf("%s: resolves in %s (%s) but not in %s: %s; add FallbackAnchors/FallbackFuncs, or set Until if the claim no longer holds",
						d.ID, base.GoVersion, d.From.Cite, other.GoVersion, d.To.Reason)
				case NotApplicable:
					t.Logf("not applicable in %s: %s: %s", other.GoVersion, d.ID, d.To.Reason)
				case Text:
					t.Logf("text changed:  %s: %s -> %s\n\twas: %s\n\tnow: %s", d.ID, d.From.Cite, d.To.Cite, d.From.Text, d.To.Text)
				case Declaration:
					t.Logf("declaration changed: %s: %s -> %s", d.ID, d.From.Cite, d.To.Cite)
				case Moved:
					t.Logf("moved: %s: %s -> %s", d.ID, d.From.Cite, d.To.Cite)
				}
			}
			t.Logf("from %s to %s: %d unresolved, %d text changed, %d declaration changed, %d moved, %d same, %d not applicable",
				base.GoVersion, other.GoVersion, count[Lost], count[Text], count[Declaration], count[Moved], count[Same], count[NotApplicable])
		})
	}
}
