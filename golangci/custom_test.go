package golangci_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/testutil"
)

// The custom golangci-lint is what `golangci-lint custom` builds from the
// the documented .custom-gcl.yml: golangci-lint v2.15.0's commands with this
// plugin linked in. `custom` clones golangci-lint from GitHub; the test
// builds the same program offline from testdata/golangci (its own module,
// so that golangci-lint never becomes a dependency of rtlint), with the
// rtlint module replaced by this checkout.
//
// A cold build takes minutes; the binary is kept in the user cache
// directory under a key hashing everything it is built from (the
// testdata/golangci module, this module's go.mod, go.sum and non-test
// sources, the Go version), so that later runs, in CI too, reuse it.

// sourceKey hashes the inputs of the custom binary.
func sourceKey(t *testing.T) string {
	t.Helper()
	root := testutil.Root()
	h := sha256.New()
	h.Write([]byte(runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + "\n"))
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch {
			case rel == ".":
				return nil
			case rel == filepath.Join("testdata", "golangci"):
				return nil
			case d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || d.Name() == "example":
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && !strings.HasPrefix(rel, "testdata") {
				return filepath.SkipDir // another module
			}
			return nil
		}
		if strings.HasSuffix(path, "_test.go") || strings.HasSuffix(path, ".md") {
			return nil
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	for _, rel := range files {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		h.Write([]byte(filepath.ToSlash(rel) + " " + hex.EncodeToString(sum[:]) + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// customGolangciLint returns the custom binary, building it if the cache
// has none for the current sources.
func customGolangciLint(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	base := filepath.Join(cache, "rtlint-test")
	dir := filepath.Join(base, "custom-gcl-"+sourceKey(t))
	bin := filepath.Join(dir, "golangci-lint")
	if _, err := os.Stat(bin); err == nil {
		t.Logf("custom golangci-lint from the cache: %s", bin)
		return bin
	}
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"go.mod", "go.sum", "main.go"} {
		b, err := os.ReadFile(filepath.Join(testutil.Testdata(), "golangci", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goCmd := func(args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = src
		// -mod=mod: if this module's requirements moved on since
		// testdata/golangci/go.sum was written, fetch what is missing
		// from the module proxy rather than fail.
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	goCmd("mod", "edit", "-replace", "github.com/rtlint/rtlint="+testutil.Root())
	start := time.Now()
	tmp := fmt.Sprintf("%s.tmp%d", bin, os.Getpid()) // concurrent test runs
	goCmd("build", "-trimpath", "-ldflags=-s -w", "-o", tmp, ".")
	if err := os.Rename(tmp, bin); err != nil {
		t.Fatal(err)
	}
	t.Logf("built the custom golangci-lint in %v: %s", time.Since(start).Round(time.Second), bin)
	prune(base, dir)
	return bin
}

// prune removes the cached binaries of other sources but the newest one,
// and unfinished builds.
func prune(base, keep string) {
	entries, _ := os.ReadDir(base)
	type old struct {
		path string
		mod  time.Time
	}
	var olds []old
	for _, e := range entries {
		p := filepath.Join(base, e.Name())
		if p == keep || !strings.HasPrefix(e.Name(), "custom-gcl-") {
			continue
		}
		if _, err := os.Stat(filepath.Join(p, "golangci-lint")); err != nil {
			os.RemoveAll(p)
			continue
		}
		if info, err := e.Info(); err == nil {
			olds = append(olds, old{p, info.ModTime()})
		}
	}
	sort.Slice(olds, func(i, j int) bool { return olds[i].mod.After(olds[j].mod) })
	for i, o := range olds {
		if i >= 1 {
			os.RemoveAll(o.path)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// lint runs the custom golangci-lint with the given rtlint settings (YAML,
// indented under settings:) on a copy of testdata/mod/integration.
func lint(t *testing.T, bin, settings string) (string, int) {
	t.Helper()
	return lintWith(t, bin, `version: "2"
linters:
  default: none
  enable:
    - rtlint
  settings:
    custom:
      rtlint:
        type: module
        description: Go runtime contracts, each finding citing the Go source line that proves it
        original-url: https://github.com/rtlint/rtlint
`+settings)
}

// lintWith runs the custom golangci-lint with config as .golangci.yml on a
// copy of testdata/mod/integration.
func lintWith(t *testing.T, bin, config string) (string, int) {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, filepath.Join(testutil.Testdata(), "mod", "integration"), dir)
	return lintDir(t, bin, dir, config)
}

// lintDir runs the custom golangci-lint with config as .golangci.yml in
// the module at dir.
func lintDir(t *testing.T, bin, dir, config string) (string, int) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), code
}

var cited = regexp.MustCompile(`\((?:[\w./-]+:\d+, )+go1[\w.]+\) \(rtlint\)$`)

func TestCustomGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint (minutes when not cached)")
	}
	bin := customGolangciLint(t)

	t.Run("findings", func(t *testing.T) {
		out, code := lint(t, bin, "")
		if code != 1 {
			t.Fatalf("exit %d, want 1 (issues)\n%s", code, out)
		}
		for _, want := range []string{
			"findings/findings.go:12:2: emptyselect: select {} parks this goroutine forever",
			"findings/findings.go:18:3: gosched: busy-wait",
			"findings/findings.go:24:2: lockthread: runtime.LockOSThread without a deferred runtime.UnlockOSThread",
		} {
			line := lineWith(out, want)
			if line == "" {
				t.Errorf("missing %q in\n%s", want, out)
			} else if !cited.MatchString(line) {
				t.Errorf("no citation in %q", line)
			}
		}
		// //nolint:rtlint silences nolint.go:7, in golangci-lint as in
		// rtlint itself (see the SARIF test).
		if strings.Contains(out, "nolint.go") || strings.Contains(out, "clean.go") {
			t.Errorf("//nolint:rtlint or the clean package reported:\n%s", out)
		}
	})

	t.Run("disable", func(t *testing.T) {
		out, code := lint(t, bin, "        settings:\n          disable: [gosched, emptyselect]\n")
		if code != 1 || !strings.Contains(out, "lockthread: ") || strings.Contains(out, "gosched: ") || strings.Contains(out, "emptyselect: ") {
			t.Errorf("disable: [gosched, emptyselect]: exit %d\n%s", code, out)
		}
	})

	t.Run("enable", func(t *testing.T) {
		out, code := lint(t, bin, "        settings:\n          enable: [gosched]\n")
		if code != 1 || !strings.Contains(out, "gosched: ") || strings.Contains(out, "lockthread: ") || strings.Contains(out, "emptyselect: ") {
			t.Errorf("enable: [gosched]: exit %d\n%s", code, out)
		}
	})

	// The documented .golangci.yml, as a user copies it.
	t.Run("docs", func(t *testing.T) {
		config := docBlock(t, "# .golangci.yml\n")
		out, code := lintWith(t, bin, config)
		if code != 1 || !strings.Contains(out, "lockthread: ") || !strings.Contains(out, "emptyselect: ") || strings.Contains(out, "gosched: ") {
			t.Errorf("the documented .golangci.yml (which disables gosched): exit %d\n%s", code, out)
		}
	})

	// errcheck and deferloop on one line: golangci-lint keeps one issue
	// per line unless issues.uniq-by-line is false, as the docs say.
	t.Run("uniq-by-line", func(t *testing.T) {
		dir := t.TempDir()
		for name, src := range map[string]string{
			"go.mod": "module example.com/sameline\n\ngo 1.26\n",
			"p/p.go": `package p

import (
	"fmt"
	"os"
)

// Names opens every file and keeps it open until it returns.
func Names(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Println(f.Name())
	}
	return nil
}
`,
		} {
			os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		config := func(uniq string) string {
			return "version: \"2\"\nlinters:\n  default: none\n  enable: [errcheck, rtlint]\n  settings:\n    custom:\n      rtlint:\n        type: module\n" + uniq
		}
		both, _ := lintDir(t, bin, dir, config("issues:\n  uniq-by-line: false\n"))
		if !strings.Contains(both, "p/p.go:15:") || !strings.Contains(both, "deferloop: ") || !strings.Contains(both, "(errcheck)") {
			t.Errorf("with uniq-by-line: false, want errcheck and deferloop on line 15:\n%s", both)
		}
		one, _ := lintDir(t, bin, dir, config(""))
		if strings.Count(one, "p/p.go:15:") != 1 {
			t.Errorf("by default golangci-lint keeps one issue of line 15, the docs say:\n%s", one)
		}
	})

	// review: true is -review: the review-tier observations too.
	t.Run("review", func(t *testing.T) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "p"), 0o755)
		os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/review\n\ngo 1.26\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "p", "p.go"), []byte("package p\n\nimport \"runtime\"\n\n// Yield gives the processor away once.\nfunc Yield() {\n\truntime.Gosched()\n}\n"), 0o644)
		config := func(settings string) string {
			return "version: \"2\"\nlinters:\n  default: none\n  enable: [rtlint]\n  settings:\n    custom:\n      rtlint:\n        type: module\n" + settings
		}
		if out, code := lintDir(t, bin, dir, config("")); code != 0 || strings.Contains(out, "gosched") {
			t.Errorf("without review: exit %d, want a lone Gosched unreported\n%s", code, out)
		}
		if out, code := lintDir(t, bin, dir, config("        settings:\n          review: true\n")); code != 1 || !strings.Contains(out, "p/p.go:7:2: gosched: ") {
			t.Errorf("review: true: exit %d, want the review-tier gosched observation\n%s", code, out)
		}
	})

	t.Run("bad settings", func(t *testing.T) {
		out, code := lint(t, bin, "        settings:\n          disable: [nosuch]\n")
		if code == 0 || code == 1 || !strings.Contains(out, `unknown analyzer "nosuch"`) {
			t.Errorf("disable: [nosuch]: exit %d, want a configuration error\n%s", code, out)
		}
	})
}

func lineWith(out, s string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, s) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// docBlock returns the fenced code block of docs/integrations.md that
// starts with the line first.
func docBlock(t *testing.T, first string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.Root(), "docs", "integrations.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(b), "```yaml\n"+first)
	if !ok {
		t.Fatalf("docs/integrations.md has no yaml block starting %q", first)
	}
	block, _, _ = strings.Cut(block, "```")
	return first + block
}

// TestDocsCustomGcl checks the documented .custom-gcl.yml against what the
// test builds: the golangci-lint version and the plugin's import path.
func TestDocsCustomGcl(t *testing.T) {
	block := docBlock(t, "# .custom-gcl.yml\n")
	gomod, _ := os.ReadFile(filepath.Join(testutil.Testdata(), "golangci", "go.mod"))
	v := regexp.MustCompile(`github.com/golangci/golangci-lint/v2 (v\S+)`).FindStringSubmatch(string(gomod))
	if v == nil || !strings.Contains(block, "version: "+v[1]) {
		t.Errorf("the documented .custom-gcl.yml does not name golangci-lint %v:\n%s", v, block)
	}
	for _, want := range []string{"module: github.com/rtlint/rtlint\n", "import: github.com/rtlint/rtlint/golangci\n"} {
		if !strings.Contains(block, want) {
			t.Errorf("the documented .custom-gcl.yml lacks %q:\n%s", want, block)
		}
	}
	main, _ := os.ReadFile(filepath.Join(testutil.Testdata(), "golangci", "main.go"))
	if !strings.Contains(string(main), `_ "github.com/rtlint/rtlint/golangci"`) {
		t.Errorf("testdata/golangci/main.go does not import the plugin")
	}
}
