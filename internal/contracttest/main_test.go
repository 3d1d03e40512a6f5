package contracttest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

// childEnv names the scenario a re-executed test binary runs instead of the
// tests.
const childEnv = "RTLINT_CONTRACTTEST_CHILD"

// children are the scenarios run in a child process. Each prints key=value
// lines for the parent test to check.
var children = map[string]func(){}

func TestMain(m *testing.M) {
	if name := os.Getenv(childEnv); name != "" {
		f, ok := children[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "contracttest: no child scenario %q\n", name)
			os.Exit(2)
		}
		f()
		os.Exit(0)
	}
	code := m.Run()
	for _, f := range atExit {
		f()
	}
	os.Exit(code)
}

// atExit holds cleanups of state shared by several tests (temporary
// directories of shared builds).
var atExit []func()

// goVersion is the running Go version as the table's HoldsFor reads it;
// a development toolchain counts as the newest.
func goVersion() string {
	v := runtime.Version()
	if !regexp.MustCompile(`^go1(\.\d+){1,2}`).MatchString(v) {
		return ""
	}
	return v
}

// verifies names the table entries a test demonstrates and logs their
// claims and citations. A test whose contracts all do not hold for the
// running Go version (by their Since/Until) is skipped.
func verifies(t *testing.T, ids ...contract.ID) {
	t.Helper()
	tc := contract.Default()
	holds := false
	for _, id := range ids {
		c, ok := contract.Lookup(id)
		if !ok {
			t.Fatalf("no contract %s in the table", id)
		}
		t.Logf("verifies %s (%s): %s", id, tc.Cite(id), c.Claim)
		if c.HoldsFor(goVersion()) {
			holds = true
		} else {
			t.Logf("%s holds for %s, not %s", id, c.Versions(), runtime.Version())
		}
	}
	if !holds {
		t.Skipf("the contracts verified here do not hold for %s", runtime.Version())
	}
}

// holds reports whether the contract holds for the running Go version.
func holds(id contract.ID) bool {
	c, ok := contract.Lookup(id)
	return ok && c.HoldsFor(goVersion())
}

// citedMessage returns the panic or error message a contract's anchor
// quotes: the anchor `"send on closed channel"` cites the message
// send on closed channel.
func citedMessage(t *testing.T, id contract.ID) string {
	t.Helper()
	c, ok := contract.Lookup(id)
	if !ok {
		t.Fatalf("no contract %s", id)
	}
	m := regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`).FindStringSubmatch(c.Anchor)
	if m == nil {
		t.Fatalf("%s: anchor %s quotes no message", id, c.Anchor)
	}
	return strings.ReplaceAll(m[1], `\"`, `"`)
}

// recovered runs f and returns what it panicked with.
func recovered(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

// wantRuntimePanic checks that r is a runtime.Error whose message is msg.
func wantRuntimePanic(t *testing.T, r any, msg string) {
	t.Helper()
	err, ok := r.(runtime.Error)
	if !ok {
		t.Fatalf("panic value = %#v, want a runtime.Error %q", r, msg)
	}
	if err.Error() != msg {
		t.Fatalf("panic = %q, want %q", err.Error(), msg)
	}
}

// eventually polls cond until it holds or a generous deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// goroutines returns the header state ("chan receive", "select (no
// cases)") of every goroutine whose stack mentions fn, a function name
// such as "contracttest.parkedSender(".
func goroutines(fn string) []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var states []string
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		if !bytes.Contains(g, []byte(fn)) {
			continue
		}
		header, _, _ := bytes.Cut(g, []byte("\n"))
		m := headerRE.FindSubmatch(header)
		if m == nil {
			continue
		}
		states = append(states, string(m[1]))
	}
	return states
}

// headerRE matches "goroutine 7 [chan receive, 2 minutes, locked to thread]:"
// and captures the wait reason.
var headerRE = regexp.MustCompile(`^goroutine \d+ (?:gp=\S+ m=\S+ (?:mp=\S+ )?)?\[([^,\]]+)`)

// parked counts the goroutines running fn that are parked with reason.
func parked(fn, reason string) int {
	k := 0
	for _, s := range goroutines(fn) {
		if s == reason {
			k++
		}
	}
	return k
}

// waitParked waits until n goroutines running fn are parked with reason.
func waitParked(t *testing.T, fn, reason string, n int) {
	t.Helper()
	eventually(t, fmt.Sprintf("%d goroutine(s) in %s are parked in [%s]", n, fn, reason), func() bool {
		return parked(fn, reason) == n
	})
}

// runChild re-executes the test binary to run a child scenario and returns
// its key=value output. env is added to the child's environment.
func runChild(t *testing.T, name string, env ...string) map[string]string {
	t.Helper()
	out, err := runChildRaw(t, 2*time.Minute, name, env...)
	if err != nil {
		t.Fatalf("child %s: %v\n%s", name, err, out)
	}
	return keyValues(out)
}

func runChildRaw(t *testing.T, timeout time.Duration, name string, env ...string) (string, error) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "-test.run=^$")
	cmd.Env = append(withoutEnv(os.Environ(), "GOMAXPROCS", "GODEBUG", "GOGC"), childEnv+"="+name)
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return string(out), context.DeadlineExceeded
	}
	return string(out), err
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
next:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}

func keyValues(out string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.ContainsAny(k, " \t") {
			m[k] = v
		}
	}
	return m
}

// goTool returns the go command of the running toolchain.
func goTool(t *testing.T) string {
	t.Helper()
	// go test puts the running toolchain's bin directory first on PATH.
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	return p
}

// goEnv is the environment for go commands the tests run: the running
// toolchain only, no network, no workspace, the shared build cache.
func goEnv() []string {
	return append(withoutEnv(os.Environ(), "GOTOOLCHAIN", "GOWORK", "GOPROXY", "GOFLAGS", "GOEXPERIMENT", "GOOS", "GOARCH", "CGO_ENABLED"),
		"GOTOOLCHAIN=local", "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod", "CGO_ENABLED=0")
}

// run runs a command in dir and returns its combined output.
func run(t *testing.T, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	return command(dir, env, args...)
}

// command runs a command in dir, with a generous timeout, and returns its
// combined output.
func command(dir string, env []string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// writeFiles writes files (slash-separated names relative to dir).
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := writeTree(dir, files); err != nil {
		t.Fatal(err)
	}
}

func writeTree(dir string, files map[string]string) error {
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}
