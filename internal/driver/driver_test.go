package driver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/cli"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

// The module the equivalence test runs on: findings in a package and its
// tests (the same file analyzed in p and p [p.test]), a package importing
// another one analyzed alongside it, an external test, a syntax error, a
// type error and a package importing the broken one, a cgo package.
var module = map[string]string{
	"go.mod": "module example.com/eq\n\ngo 1.26\n",
	"a/a.go": `package a

import (
	"runtime"
	"time"
)

// Spin spins: gosched.
func Spin(ready func() bool) {
	for !ready() {
		runtime.Gosched()
	}
}

// Poll allocates a timer per iteration: timeafter.
func Poll(c chan int) {
	for {
		select {
		case <-c:
		case <-time.After(time.Second):
			return
		}
	}
}

type T struct{ ch chan int }

func (t *T) Close() { close(t.ch); close(t.ch) }
`,
	"a/a_test.go": `package a

import (
	"runtime"
	"testing"
)

func TestSpin(t *testing.T) {
	runtime.GOMAXPROCS(2)
	Spin(func() bool { return true })
}
`,
	// The external test imports b and c, which import a: they are
	// recompiled for the test (b [a.test], c [a.test]), and b [a.test]
	// has two importers in it.
	"a/x_test.go": `package a_test

import (
	"testing"

	"example.com/eq/a"
	"example.com/eq/b"
	"example.com/eq/c"
)

func TestPoll(t *testing.T) {
	go a.Poll(make(chan int))
	b.Pin()
	c.Run()
	select {}
}
`,
	"c/c.go": `package c

import (
	"runtime"

	"example.com/eq/b"
)

func Run() {
	b.Pin()
	runtime.Gosched()
}
`,
	"b/b.go": `package b

import (
	"runtime"

	"example.com/eq/a"
)

func Pin() {
	runtime.LockOSThread()
	a.Spin(func() bool { return false })
}
`,
	// A directory with external tests alone: a package without files.
	"xonly/x_test.go": "package xonly_test\n\nimport (\n\t\"runtime\"\n\t\"testing\"\n)\n\nfunc TestX(t *testing.T) {\n\t//rtlint:ignore gosched\n\truntime.GOMAXPROCS(1)\n}\n",
	"syntax/s.go":     "package syntax\n\nfunc f() {\n\tif {\n}\n",
	"typeerr/t.go":    "package typeerr\n\nfunc F() int { return \"x\" }\n",
	"user/u.go": `package user

import "example.com/eq/typeerr"

func G() int { return typeerr.F() }
`,
	"cgo/c.go": `package cgo

// int twice(int x) { return 2 * x; }
import "C"

import "runtime"

func Twice(x int, work func()) int {
	runtime.LockOSThread()
	work()
	return int(C.twice(C.int(x)))
}
`,
}

// TestSameAsChecker runs rtlint (this driver, -json) on the same packages
// and flags as the x/tools checker run in this process on packages loaded
// wholly from source (what the multichecker does), and requires the same
// findings on every package that type-checks; packages that do not are
// reported as not analyzed instead. It runs each case twice, on an empty
// result cache, then reading it.
func TestSameAsChecker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rtlint and runs go list; skipped with -short")
	}
	bin := buildRtlint(t)
	dir := writeModule(t, module)
	e2e := filepath.Join(testutil.Testdata(), "mod", "e2e")
	broken := filepath.Join(testutil.Testdata(), "mod", "broken")
	for _, tc := range []struct {
		dir  string
		args []string
	}{
		{dir, []string{"./..."}},
		{dir, []string{"-test=false", "./..."}},
		{dir, []string{"-gosched", "-timeafter", "./..."}},
		{dir, []string{"-gosched=false", "./a/..."}},
		{dir, []string{"-doubleclose.unguarded", "-doubleclose", "./a"}},
		{dir, []string{"./a", "./b"}},
		{dir, []string{"./user", "./typeerr"}},
		{dir, []string{"./cgo"}},
		{dir, []string{"./xonly"}},
		{e2e, []string{"./..."}},
		{e2e, []string{"-review", "./..."}},
		{broken, []string{"./..."}},
	} {
		name := filepath.Base(tc.dir) + " " + strings.Join(tc.args, " ")
		t.Run(name, func(t *testing.T) {
			want, skipped := reference(t, tc.dir, tc.args)
			cache := "RTLINT_CACHE=" + t.TempDir()
			for _, pass := range []string{"fresh", "cached"} {
				r := run(t, bin, tc.dir, []string{cache}, append([]string{"-json"}, tc.args...))
				got, notAnalyzed := jsonSet(t, r.stdout)
				for k := range want {
					if !got[k] {
						t.Errorf("%s run: the driver misses %s", pass, k)
					}
				}
				for k := range got {
					if !want[k] {
						t.Errorf("%s run: the driver reports %s, the checker does not", pass, k)
					}
				}
				for id := range skipped {
					if !notAnalyzed[id] {
						t.Errorf("%s run: %s does not type-check, but the driver does not say it was not analyzed", pass, id)
					}
				}
				if len(want) == 0 && len(skipped) == 0 && tc.dir == dir {
					t.Errorf("no findings at all: the case tests nothing")
				}
			}
		})
	}
}

// reference analyzes with the x/tools checker, in this process, what
// rtlint args would, and returns its findings as "posn analyzer message"
// keys, and the IDs of the packages that do not type-check.
func reference(t *testing.T, dir string, args []string) (findings, illTyped map[string]bool) {
	t.Helper()
	all := suite.Analyzers()
	fs := flag.NewFlagSet("rtlint", flag.ContinueOnError)
	r := cli.RegisterRun(fs, cli.Register(fs, all))
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	analyzers := r.Analyzers()
	defer func() { // the flags are the analyzers' own: reset them
		directive.SetReview(false)
		for _, a := range all {
			a.Flags.VisitAll(func(f *flag.Flag) { _ = f.Value.Set(f.DefValue) })
		}
	}()
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: r.Tests, Dir: dir, BuildFlags: r.BuildFlags()}
	pkgs, err := packages.Load(cfg, fs.Args()...)
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	findings, illTyped = map[string]bool{}, map[string]bool{}
	for _, act := range graph.Roots {
		if act.Package.IllTyped {
			illTyped[act.Package.ID] = true
			continue
		}
		for _, d := range act.Diagnostics {
			findings[fmt.Sprintf("%s %s %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message)] = true
		}
	}
	return findings, illTyped
}

// jsonSet reads -json output as jsonSet's keys, and the IDs of packages
// reported as not analyzed.
func jsonSet(t *testing.T, out string) (findings, notAnalyzed map[string]bool) {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	findings, notAnalyzed = map[string]bool{}, map[string]bool{}
	for id, byName := range tree {
		for name, raw := range byName {
			var e struct{ Error string }
			if json.Unmarshal(raw, &e) == nil && e.Error != "" {
				if strings.HasPrefix(e.Error, "not analyzed: ") {
					notAnalyzed[id] = true
				} else {
					t.Errorf("%s: %s: %s", id, name, e.Error)
				}
				continue
			}
			var diags []struct{ Posn, Message string }
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatal(err)
			}
			for _, d := range diags {
				findings[fmt.Sprintf("%s %s %s", d.Posn, name, d.Message)] = true
			}
		}
	}
	return findings, notAnalyzed
}

type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return "stdout:\n" + r.stdout + "stderr:\n" + r.stderr + "exit code " + string(rune('0'+r.code))
}

func run(t *testing.T, bin, dir string, env, args []string) result {
	t.Helper()
	return runTimeout(t, bin, dir, env, args, 10*time.Minute)
}

// runTimeout is run failing the test if rtlint has not finished after d.
func runTimeout(t *testing.T, bin, dir string, env, args []string, d time.Duration) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("rtlint %v did not finish in %v (hung?)\n%s", args, d, stderr.String())
	}
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.stderr, "panic:") {
		t.Fatalf("rtlint %v crashed:\n%s", args, r.stderr)
	}
	return r
}

func buildRtlint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rtlint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/rtlint")
	build.Dir = testutil.Root()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// entries lists the result cache's files with their identity.
func entries(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	m := map[string]os.FileInfo{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := os.Stat(path)
		m[path] = fi
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCache checks that the result cache is read when nothing changed and
// is not when anything the results depend on did: a file of the package, a
// dependency's exported API, an analyzer flag, the go.mod's go line.
func TestCache(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rtlint and runs go list; skipped with -short")
	}
	bin := buildRtlint(t)
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/c\n\ngo 1.26\n",
		"a/a.go": `package a

import "runtime"

// Spin spins.
func Spin(ready *bool) {
	for !*ready {
		runtime.Gosched()
	}
}

func Ready() bool { return true }
`,
		"b/b.go": `package b

import (
	"time"

	"example.com/c/a"
)

func Poll(c chan int, flush func()) {
	for a.Ready() {
		select {
		case v := <-c:
			println(v)
		case <-time.After(time.Second):
			flush()
		}
	}
}
`,
	})
	cacheDir := t.TempDir()
	env := []string{"RTLINT_CACHE=" + cacheDir}
	first := run(t, bin, dir, env, []string{"./..."})
	if first.code != 3 || !strings.Contains(first.stderr, "a/a.go:8:3") || !strings.Contains(first.stderr, "b/b.go:14:") {
		t.Fatalf("first run: %s", first)
	}
	stored := entries(t, cacheDir)
	if len(stored) == 0 {
		t.Fatal("nothing stored in the result cache")
	}

	// Nothing changed: every result is read, none written again.
	if again := run(t, bin, dir, env, []string{"./..."}); again != first {
		t.Fatalf("second run differs:\n%s\nfirst:\n%s", again, first)
	}
	now := entries(t, cacheDir)
	for p, fi := range stored {
		if !os.SameFile(fi, now[p]) || len(now) != len(stored) {
			t.Fatalf("the cache was written again on an unchanged module (%s)", p)
		}
	}

	// A flag: the cached results are not those of -gosched=false.
	if r := run(t, bin, dir, env, []string{"-gosched=false", "./..."}); strings.Contains(r.stderr, "a/a.go:8:3") {
		t.Fatalf("-gosched=false served gosched's cached finding:\n%s", r)
	}

	// A file of the package: the finding moves with the code.
	src := strings.Replace(readFile(t, filepath.Join(dir, "a/a.go")), "// Spin spins.\n", "// Spin spins,\n// and yields.\n", 1)
	writeFile(t, filepath.Join(dir, "a/a.go"), src)
	if r := run(t, bin, dir, env, []string{"./..."}); !strings.Contains(r.stderr, "a/a.go:9:3") || strings.Contains(r.stderr, "a/a.go:8:3") {
		t.Fatalf("after an edit of a/a.go the finding did not move to line 9:\n%s", r)
	}

	// A dependency's API: b type-checks against a's new export data.
	src = strings.Replace(readFile(t, filepath.Join(dir, "a/a.go")), "func Ready() bool { return true }", "func Ready() int { return 1 }", 1)
	writeFile(t, filepath.Join(dir, "a/a.go"), src)
	if r := run(t, bin, dir, env, []string{"./..."}); r.code != 1 || !strings.Contains(r.stderr, "b/b.go:10") {
		t.Fatalf("after a's API changed, b's type error was not reported (stale result from the cache?):\n%s", r)
	}

	// The go.mod: timeafter says what holds for the module's go line.
	src = strings.Replace(readFile(t, filepath.Join(dir, "a/a.go")), "func Ready() int { return 1 }", "func Ready() bool { return true }", 1)
	writeFile(t, filepath.Join(dir, "a/a.go"), src)
	before := run(t, bin, dir, env, []string{"-timeafter", "./b"})
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/c\n\ngo 1.26\n\ngodebug asynctimerchan=1\n")
	after := run(t, bin, dir, env, []string{"-timeafter", "./b"})
	if before.stderr == after.stderr {
		t.Fatalf("go.mod's godebug line changed nothing in timeafter's message (stale result from the cache?):\n%s", after)
	}
	uncached := run(t, bin, dir, []string{"RTLINT_CACHE=off"}, []string{"-timeafter", "./b"})
	if after != uncached {
		t.Fatalf("cached run differs from an uncached one:\n%s\nuncached:\n%s", after, uncached)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, name, src string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
}
