package driver_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

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
	"a/x_test.go": `package a_test

import (
	"testing"

	"example.com/eq/a"
)

func TestPoll(t *testing.T) {
	go a.Poll(make(chan int))
	select {}
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
	"syntax/s.go":  "package syntax\n\nfunc f() {\n\tif {\n}\n",
	"typeerr/t.go": "package typeerr\n\nfunc F() int { return \"x\" }\n",
	"user/u.go": `package user

import "example.com/eq/typeerr"

func G() int { return typeerr.F() }
`,
	"cgo/c.go": `package cgo

// int twice(int x) { return 2 * x; }
import "C"

import "runtime"

func Twice(x int, ready func() bool) int {
	for !ready() {
		runtime.Gosched()
	}
	return int(C.twice(C.int(x)))
}
`,
}

// TestSameAsMultichecker runs rtlint with this driver and with the
// multichecker (RTLINT_LOADALL=1) on the same packages and flags and
// requires the same output, byte for byte, and the same exit code.
func TestSameAsMultichecker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rtlint and runs go list; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "rtlint")
	build := exec.Command("go", "build", "-o", bin, "./cmd/rtlint")
	build.Dir = testutil.Root()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	for name, src := range module {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	e2e := filepath.Join(testutil.Testdata(), "mod", "e2e")
	broken := filepath.Join(testutil.Testdata(), "mod", "broken")
	for _, tc := range []struct {
		dir  string
		args []string
	}{
		{dir, []string{"./..."}},
		{dir, []string{"-json", "./..."}},
		{dir, []string{"-c=1", "./a", "./b"}},
		{dir, []string{"-test=false", "./..."}},
		{dir, []string{"-gosched", "-timeafter", "./..."}},
		{dir, []string{"-gosched=false", "./a/..."}},
		{dir, []string{"-doubleclose.unguarded", "-doubleclose", "./a"}},
		{dir, []string{"./a", "./b"}},
		{dir, []string{"-json", "./user", "./typeerr"}},
		{dir, []string{"./nothing/..."}},
		{dir, []string{"./cgo"}},
		{e2e, []string{"./..."}},
		{e2e, []string{"-json", "./..."}},
		{broken, []string{"./..."}},
		{broken, []string{"-json", "./..."}},
	} {
		name := filepath.Base(tc.dir) + " " + strings.Join(tc.args, " ")
		t.Run(name, func(t *testing.T) {
			stream := run(t, bin, tc.dir, nil, tc.args)
			all := run(t, bin, tc.dir, []string{"RTLINT_LOADALL=1"}, tc.args)
			if stream != all {
				t.Errorf("rtlint %s\n-- driver --\n%s\n-- multichecker --\n%s", name, stream, all)
			}
			if stream.stdout == "" && stream.stderr == "" && stream.code == 0 && tc.dir == dir {
				t.Errorf("rtlint %s: no output at all", name)
			}
		})
	}
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
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
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
