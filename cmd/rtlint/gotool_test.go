package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"

	"github.com/rtlint/rtlint/internal/testutil"
)

// TestGoTool installs rtlint as a module tool the way a Go 1.24+ project
// pins a linter, `go get -tool github.com/rtlint/rtlint/cmd/rtlint`, and
// runs it with `go tool rtlint ./...`, with -sarif, and under go vet.
//
// The module comes from a file:// GOPROXY holding this working tree as
// version v0.0.1, zipped with golang.org/x/mod/zip as the module proxy
// would serve a release. Unlike a replace directive this tests what users
// get: the module path and go.mod as published, the zip's file set (nested
// modules under testdata are left out, embedded docs kept), and the go
// command resolving "latest". Dependencies come from the local module
// cache first, then the configured proxy; the module cache of the test is
// its own, so that the fake version never enters the real one.
func TestGoTool(t *testing.T) {
	tmp := t.TempDir()
	const version = "v0.0.1"
	proxy := filepath.Join(tmp, "proxy")
	dir := filepath.Join(proxy, "github.com", "rtlint", "rtlint", "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := modzip.CreateFromDir(zf, module.Version{Path: "github.com/rtlint/rtlint", Version: version}, testutil.Root()); err != nil {
		t.Fatalf("zipping the module: %v", err)
	}
	zf.Close()
	gomod, _ := os.ReadFile(filepath.Join(testutil.Root(), "go.mod"))
	info, _ := json.Marshal(map[string]any{"Version": version, "Time": time.Now().UTC().Format(time.RFC3339)})
	for name, data := range map[string][]byte{"list": []byte(version + "\n"), version + ".mod": gomod, version + ".info": info} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	user := filepath.Join(tmp, "user")
	copyDir(t, integrationDir(), user)
	os.WriteFile(filepath.Join(user, "go.mod"), []byte("module example.com/user\n\ngo 1.26\n"), 0o644)
	env := append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+","+localProxy(t),
		"GONOSUMDB=github.com/rtlint/rtlint", // v0.0.1 of this test is not in the checksum database
		"GOMODCACHE="+filepath.Join(tmp, "modcache"),
		"GOFLAGS=-modcacherw", "GOWORK=off",
	)
	gocmd := func(args ...string) result {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = user
		cmd.Env = env
		out, err := cmd.Output()
		r := result{stdout: string(out)}
		if exit, ok := err.(*exec.ExitError); ok {
			r.code, r.stderr = exit.ExitCode(), string(exit.Stderr)
		} else if err != nil {
			t.Fatal(err)
		}
		return r
	}

	if r := gocmd("get", "-tool", "github.com/rtlint/rtlint/cmd/rtlint"); r.code != 0 {
		t.Fatalf("go get -tool: exit %d\n%s", r.code, r.stderr)
	}
	mod, _ := os.ReadFile(filepath.Join(user, "go.mod"))
	if !strings.Contains(string(mod), "tool github.com/rtlint/rtlint/cmd/rtlint") || !strings.Contains(string(mod), "github.com/rtlint/rtlint "+version) {
		t.Fatalf("go.mod after go get -tool:\n%s", mod)
	}

	r := gocmd("tool", "rtlint", "./...")
	if r.code != 3 || !strings.Contains(r.stderr, "findings/findings.go:25:2: runtime.LockOSThread without a deferred runtime.UnlockOSThread") {
		t.Fatalf("go tool rtlint ./...: exit %d, want 3 with the lockthread finding\n%s", r.code, r.stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !citation.MatchString(line) {
			t.Errorf("finding without citation: %s", line)
		}
	}

	r = gocmd("tool", "rtlint", "-sarif", "./findings")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Version string }
			}
			Results []any
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || r.code != 0 || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Fatalf("go tool rtlint -sarif: exit %d, %v\n%s", r.code, err, r.stderr)
	}
	if v := log.Runs[0].Tool.Driver.Version; v != version {
		t.Errorf("SARIF driver version %q, want %s", v, version)
	}

	path := strings.TrimSpace(gocmd("tool", "-n", "rtlint").stdout)
	if r := gocmd("vet", "-vettool="+path, "./findings"); r.code == 0 || !strings.Contains(r.stderr, "LockOSThread without a deferred") {
		t.Errorf("go vet -vettool=$(go tool -n rtlint): exit %d\n%s", r.code, r.stderr)
	}
}
