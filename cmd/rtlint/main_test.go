package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

var rtlintBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "rtlint-e2e")
	if err != nil {
		panic(err)
	}
	rtlintBin = filepath.Join(dir, "rtlint")
	build := exec.Command("go", "build", "-o", rtlintBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building rtlint: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs cmd in dir and returns its output and exit code.
func run(t *testing.T, dir string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	r := result{stdout.String(), stderr.String(), code}
	for _, out := range []string{r.stdout, r.stderr} {
		if strings.Contains(out, "panic:") || strings.Contains(out, "goroutine 1 [") {
			t.Fatalf("%s %v crashed:\n%s", name, args, out)
		}
	}
	return r
}

func e2eDir() string { return filepath.Join(testutil.Testdata(), "mod", "e2e") }

// citation matches the citation list at the end of a message.
var citation = regexp.MustCompile(`\(((?:[\w./-]+:\d+, )+)(go1[\w.]+)\)$`)

// checkCitations checks that msg ends in a citation whose lines exist in
// the installed GOROOT and that the first holds the anchor of contract id.
func checkCitations(t *testing.T, msg, id string) {
	t.Helper()
	m := citation.FindStringSubmatch(msg)
	if m == nil {
		t.Errorf("no citation in %q", msg)
		return
	}
	goroot := contract.Default().GOROOT
	for i, ref := range strings.Split(strings.TrimSuffix(m[1], ", "), ", ") {
		path, lineStr, _ := strings.Cut(ref, ":")
		line, _ := strconv.Atoi(lineStr)
		src, err := os.ReadFile(filepath.Join(goroot, "src", path))
		if err != nil {
			t.Errorf("citation %s: %v", ref, err)
			continue
		}
		lines := strings.Split(string(src), "\n")
		if line < 1 || line > len(lines) {
			t.Errorf("citation %s: %s has %d lines", ref, path, len(lines))
			continue
		}
		if c, ok := contract.Lookup(contract.ID(id)); i == 0 && ok && !strings.Contains(lines[line-1], c.Anchor) {
			t.Errorf("citation %s: line %q lacks the anchor %q of %s", ref, lines[line-1], c.Anchor, id)
		}
	}
	if v := contract.Default().Version; m[2] != v {
		t.Errorf("citation version %s, toolchain is %s", m[2], v)
	}
}

type jsonDiag struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
}

// jsonFindings parses -json output into analyzer -> diagnostics.
func jsonFindings(t *testing.T, out string) map[string][]jsonDiag {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	got := map[string][]jsonDiag{}
	for _, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("%s: %v: %s", name, err, raw)
			}
			got[name] = append(got[name], diags...)
		}
	}
	return got
}

func TestStandaloneFindings(t *testing.T) {
	r := run(t, e2eDir(), rtlintBin, "./...")
	if r.code != 3 {
		t.Fatalf("exit %d, want 3\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"findings/findings.go:11:2: emptyselect: select {} parks this goroutine forever",
		"findings/findings.go:17:3: gosched: busy-wait",
		"findings/findings.go:23:2: gomaxprocs: a library that sets GOMAXPROCS",
		"findings/findings.go:28:2: lockthread: runtime.LockOSThread without a deferred runtime.UnlockOSThread",
		"silenced/silenced.go:20:2: directives: //rtlint:ignore lockthread gives no reason",
		"silenced/silenced.go:21:2: lockthread: runtime.LockOSThread without a deferred",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("missing %q in\n%s", want, r.stderr)
		}
	}
	for _, unwanted := range []string{"clean/", "silenced.go:10", "silenced.go:15"} {
		if strings.Contains(r.stderr, unwanted) {
			t.Errorf("unexpected finding %q in\n%s", unwanted, r.stderr)
		}
	}

	js := run(t, e2eDir(), rtlintBin, "-json", "./...")
	if js.code != 0 {
		t.Fatalf("-json: exit %d, want 0\n%s", js.code, js.stderr)
	}
	got := jsonFindings(t, js.stdout)
	n := 0
	for name, diags := range got {
		for _, d := range diags {
			if name == "directives" {
				continue // about the comment, not the runtime: no citation
			}
			n++
			checkCitations(t, d.Message, d.Category)
		}
	}
	if n != 5 {
		t.Errorf("%d cited findings, want 5: %v", n, got)
	}
}

func TestDisableAnalyzer(t *testing.T) {
	r := run(t, e2eDir(), rtlintBin, "-gosched=false", "./findings")
	if r.code != 3 || strings.Contains(r.stderr, "busy-wait") || !strings.Contains(r.stderr, "select {} parks") {
		t.Fatalf("-gosched=false: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, e2eDir(), rtlintBin, "-gosched", "./findings")
	if r.code != 3 || !strings.Contains(r.stderr, "busy-wait") || strings.Contains(r.stderr, "select {} parks") {
		t.Fatalf("-gosched: exit %d\n%s", r.code, r.stderr)
	}
}

func TestExitCodes(t *testing.T) {
	if r := run(t, e2eDir(), rtlintBin, "./clean"); r.code != 0 || r.stderr != "" {
		t.Errorf("clean package: exit %d, output %q", r.code, r.stderr)
	}
	broken := filepath.Join(testutil.Testdata(), "mod", "broken")
	if r := run(t, broken, rtlintBin, "./..."); r.code != 1 || !strings.Contains(r.stderr, `cannot use "not an int"`) {
		t.Errorf("type error: exit %d, want 1 with the type error\n%s", r.code, r.stderr)
	}
	if r := run(t, e2eDir(), rtlintBin, "./nosuchdir"); r.code != 1 || !strings.Contains(r.stderr, "nosuchdir") {
		t.Errorf("missing package: exit %d, want 1\n%s", r.code, r.stderr)
	}
	r := run(t, e2eDir(), rtlintBin, "-nosuchflag", "./...")
	if first, _, _ := strings.Cut(r.stderr, "\n"); r.code != 2 || first != "rtlint: flag provided but not defined: -nosuchflag" {
		t.Errorf("bad flag: exit %d, want 2 and a one-line error first\n%s", r.code, r.stderr)
	}
	if r := run(t, e2eDir(), rtlintBin); r.code != 2 || !strings.HasPrefix(r.stderr, "rtlint: no packages to analyze\n") {
		t.Errorf("no arguments: exit %d, want 2\n%s", r.code, r.stderr)
	}
	if r := run(t, e2eDir(), rtlintBin, "-json"); r.code != 2 {
		t.Errorf("flags without packages: exit %d, want 2\n%s", r.code, r.stderr)
	}
	if r := run(t, e2eDir(), rtlintBin, "help", "lockthread"); r.code != 0 || !strings.Contains(r.stdout+r.stderr, "defer runtime.UnlockOSThread()") {
		t.Errorf("help lockthread: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, e2eDir(), rtlintBin, "help"); r.code != 0 || !strings.Contains(r.stdout, "emptyselect") {
		t.Errorf("help: exit %d\n%s", r.code, r.stdout)
	}
}

func TestGoVet(t *testing.T) {
	r := run(t, e2eDir(), "go", "vet", "-vettool="+rtlintBin, "./...")
	if r.code == 0 {
		t.Fatalf("go vet found nothing\n%s", r.stderr)
	}
	var cited int
	for _, line := range strings.Split(r.stderr, "\n") {
		if strings.HasPrefix(line, "findings/") || strings.HasPrefix(line, "silenced/") {
			if strings.Contains(line, "rtlint:ignore lockthread gives no reason") {
				continue
			}
			cited++
			if !citation.MatchString(line) {
				t.Errorf("vet line without citation: %s", line)
			}
		}
	}
	if cited != 5 {
		t.Errorf("go vet reported %d cited findings, want 5\n%s", cited, r.stderr)
	}
	// Analyzer flags pass through go vet.
	r = run(t, e2eDir(), "go", "vet", "-vettool="+rtlintBin, "-gosched=false", "-lockthread=false", "-emptyselect=false", "-gomaxprocs=false", "-directives=false", "./...")
	if r.code != 0 {
		t.Errorf("go vet with every analyzer off: exit %d\n%s", r.code, r.stderr)
	}
	if r := run(t, e2eDir(), "go", "vet", "-vettool="+rtlintBin, "./clean"); r.code != 0 {
		t.Errorf("go vet on a clean package: exit %d\n%s", r.code, r.stderr)
	}
}

// TestFix checks -fix: the fixable finding is fixed and said so, the
// others are printed as remaining, exit code 3 while findings remain and 0
// once none do; and -diff: the same change as a diff on stdout, nothing
// written.
func TestFix(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, e2eDir(), dir)
	file := filepath.Join(dir, "findings", "findings.go")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	d := run(t, dir, rtlintBin, "-diff", "./findings")
	if d.code != 3 || !strings.Contains(d.stdout, "--- a/findings/findings.go\n+++ b/findings/findings.go\n") ||
		!strings.Contains(d.stdout, "\n+\tdefer runtime.UnlockOSThread()\n") {
		t.Errorf("-diff: exit %d, want 3 and the fix as a diff on stdout\n%s\n%s", d.code, d.stdout, d.stderr)
	}
	if !strings.Contains(d.stderr, "rtlint: -diff: 1 of 4 findings have a fix") {
		t.Errorf("-diff does not say how many findings it fixes:\n%s", d.stderr)
	}
	if now, _ := os.ReadFile(file); string(now) != string(orig) {
		t.Errorf("-diff changed the file")
	}
	// The diff applies with patch and gives what -fix writes.
	patched := t.TempDir()
	copyDir(t, dir, patched)
	if r := run(t, patched, "patch", "-p1", "-i", writeTemp(t, d.stdout)); r.code != 0 {
		t.Errorf("patch -p1 failed on -diff's output: %s%s", r.stdout, r.stderr)
	}

	r := run(t, dir, rtlintBin, "-fix", "./findings")
	if r.code != 3 {
		t.Errorf("-fix with findings left: exit %d, want 3\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"findings/findings.go:28:2: lockthread: fixed: Defer runtime.UnlockOSThread\n",
		"findings/findings.go:11:2: emptyselect: select {} parks",
		"rtlint: -fix: applied 1 fixes in 1 files; 3 findings remain\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-fix output lacks %q:\n%s", want, r.stderr)
		}
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "runtime.LockOSThread()\n\tdefer runtime.UnlockOSThread()\n\twork()") {
		t.Errorf("fix not applied:\n%s", src)
	}
	if want, _ := os.ReadFile(filepath.Join(patched, "findings", "findings.go")); string(want) != string(src) {
		t.Errorf("-diff's patch and -fix disagree:\n%s\n---\n%s", want, src)
	}
	if r := run(t, dir, "go", "build", "./..."); r.code != 0 {
		t.Errorf("fixed code does not build: %s", r.stderr)
	}
	if r := run(t, dir, rtlintBin, "./findings"); strings.Contains(r.stderr, "LockOSThread without") {
		t.Errorf("finding remains after -fix:\n%s", r.stderr)
	}
	// Only fixable findings left: -fix fixes them all and exits 0.
	if r := run(t, dir, rtlintBin, "-fix", "-lockthread", "./findings"); r.code != 0 || !strings.Contains(r.stderr, "applied 0 fixes in 0 files; 0 findings remain") {
		t.Errorf("-fix with nothing left: exit %d, want 0\n%s", r.code, r.stderr)
	}
}

func writeTemp(t *testing.T, content string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "patch")
	if err := os.WriteFile(f, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
	return f
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExample runs rtlint on the example module the README's first command
// uses: the first run must show real findings, each with its citation.
func TestExample(t *testing.T) {
	r := run(t, filepath.Join(testutil.Root(), "example"), rtlintBin, "-json", "./...")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	got := jsonFindings(t, r.stdout)
	for _, name := range []string{"emptyselect", "gosched", "gomaxprocs", "lockthread", "golifecycle", "doubleclose", "deferloop", "timeafter"} {
		if len(got[name]) == 0 {
			t.Errorf("example shows no %s finding", name)
		}
		for _, d := range got[name] {
			checkCitations(t, d.Message, d.Category)
		}
	}
}

// TestOtherToolchain checks that citations follow the toolchain the user
// builds with: GOTOOLCHAIN selects go1.27.3, standalone and under go vet.
func TestOtherToolchain(t *testing.T) {
	if testing.Short() {
		t.Skip("downloads and builds with go1.27.3")
	}
	const other = "go1.27.3"
	probe := exec.Command("go", "env", "GOROOT", "GOVERSION")
	probe.Env = append(os.Environ(), "GOTOOLCHAIN="+other)
	out, err := probe.Output()
	if err != nil || !strings.Contains(string(out), other) {
		testutil.SkipUnlessCI(t, "toolchain %s cannot be had here (%v)", other, err)
	}
	env := func(args ...string) *exec.Cmd {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = e2eDir()
		// A GOROOT left in the environment must not win over GOTOOLCHAIN.
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+other, "GOROOT="+contract.Default().GOROOT)
		return cmd
	}
	standalone, _ := env(rtlintBin, "./findings").CombinedOutput()
	if !strings.Contains(string(standalone), ", "+other+")") || strings.Contains(string(standalone), ", go1.26") {
		t.Errorf("standalone under GOTOOLCHAIN=%s does not cite %s:\n%s", other, other, standalone)
	}

	// A binary built with an older Go than go vet runs says so clearly.
	vet, err := env("go", "vet", "-vettool="+rtlintBin, "./findings").CombinedOutput()
	if err == nil || !strings.Contains(string(vet), "rtlint: built with go1.26") || !strings.Contains(string(vet), "rebuild it with that toolchain") {
		t.Errorf("go vet with an older rtlint: %v\n%s", err, vet)
	}
	if n := strings.Count(string(vet), "exit status 1"); n > 1 {
		t.Errorf("go vet with an older rtlint fails %d dependencies instead of saying why once:\n%s", n, vet)
	}

	// Built with that toolchain, go vet cites it.
	bin := filepath.Join(t.TempDir(), "rtlint")
	build := env("go", "build", "-o", bin, ".")
	build.Dir = "."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building rtlint with %s: %v\n%s", other, err, out)
	}
	vet, _ = env("go", "vet", "-vettool="+bin, "./findings").CombinedOutput()
	if !strings.Contains(string(vet), ", "+other+")") {
		t.Errorf("go vet under %s does not cite it:\n%s", other, vet)
	}
}

// findingLine is a finding as standalone text output prints it.
var findingLine = regexp.MustCompile(`^([^/:][^:]*\.go):(\d+):(\d+): ([a-z]+): (.+)$`)

// TestOutputFormat checks the text output: "file:line:col: analyzer:
// message (citation)", file names relative to the working directory as go
// vet prints them, sorted by file and position, each analyzer named so
// that //rtlint:ignore NAME is at hand.
func TestOutputFormat(t *testing.T) {
	names := map[string]bool{}
	for _, a := range suite.Analyzers() {
		names[a.Name] = true
	}
	for _, tc := range []struct{ dir, pattern, prefix string }{
		{e2eDir(), "./...", ""},
		{filepath.Join(e2eDir(), "findings"), "./...", ""},
		{filepath.Join(e2eDir(), "findings"), "../silenced", "../"},
	} {
		r := run(t, tc.dir, rtlintBin, tc.pattern)
		if r.code != 3 {
			t.Fatalf("%s in %s: exit %d\n%s", tc.pattern, tc.dir, r.code, r.stderr)
		}
		type pos struct {
			file      string
			line, col int
		}
		var prev pos
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		for i, line := range lines {
			if tc.prefix != "" {
				// Outside the working directory: the absolute name.
				if !strings.HasPrefix(line, filepath.Dir(tc.dir)+string(filepath.Separator)) {
					t.Errorf("a file outside the working directory is not named in full: %s", line)
				}
				continue
			}
			m := findingLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("line %d is not file:line:col: analyzer: message: %q", i+1, line)
				continue
			}
			if !names[m[4]] {
				t.Errorf("line %d names no analyzer: %q", i+1, line)
			}
			if _, err := os.Stat(filepath.Join(tc.dir, m[1])); err != nil {
				t.Errorf("line %d: %s is not relative to the working directory: %v", i+1, m[1], err)
			}
			if m[4] != "directives" && !citation.MatchString(m[5]) {
				t.Errorf("line %d has no citation: %q", i+1, line)
			}
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			cur := pos{m[1], l, c}
			if i > 0 && (cur.file < prev.file || cur.file == prev.file && (cur.line < prev.line || cur.line == prev.line && cur.col < prev.col)) {
				t.Errorf("line %d is out of order after %v: %q", i+1, prev, line)
			}
			prev = cur
		}
	}
}
