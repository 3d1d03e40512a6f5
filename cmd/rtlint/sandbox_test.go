package main_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/testutil"
)

// The module TestSandbox analyzes: code whose execution would leave a
// marker (package init, a test, a go:generate line, a cgo-free main), and a
// finding.
var sandboxModule = map[string]string{
	"go.mod": "module example.com/sandbox\n\ngo 1.26\n",
	"main.go": `package main

//go:generate touch MARKER

import (
	"os"
	"runtime"
)

func init() { os.WriteFile(os.Getenv("RTLINT_MARKER"), []byte("init ran"), 0o644) }

var ready bool

func main() {
	for !ready {
		runtime.Gosched()
	}
}
`,
	"main_test.go": `package main

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	os.WriteFile(os.Getenv("RTLINT_MARKER"), []byte("TestMain ran"), 0o644)
	os.Exit(m.Run())
}
`,
}

// TestSandbox shows that rtlint needs no network, never executes the code it
// analyzes, and writes nothing to the analyzed module: it runs rtlint,
// rtlint -json and go vet -vettool=rtlint in a network namespace of their
// own (unshare -n: only a downed loopback) on a module whose init,
// TestMain and go:generate line would leave a marker, then checks the
// findings, that there is no marker, and that every file is as it was.
func TestSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	if err := exec.Command("unshare", "-n", "true").Run(); err != nil {
		// It needs root or unprivileged user namespaces, which some
		// containers deny: the issue asks for it where available.
		testutil.SkipUnlessCI(t, "unshare -n is not available here (%v)", err)
	}
	dir := t.TempDir()
	for name, src := range sandboxModule {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	marker := filepath.Join(t.TempDir(), "marker")
	before := treeText(t, dir)

	// A proxy that cannot be reached: any module fetch fails, loudly.
	env := append(os.Environ(), "RTLINT_MARKER="+marker, "GOPROXY=https://proxy.golang.org", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	for _, args := range [][]string{
		{rtlintBin, "./..."},
		{rtlintBin, "-json", "./..."},
		{"go", "vet", "-vettool=" + rtlintBin, "./..."},
	} {
		cmd := exec.Command("unshare", append([]string{"-n"}, args...)...)
		cmd.Dir, cmd.Env = dir, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		want := 3 // findings
		if args[0] == "go" {
			want = 1 // go vet: the tool reported
		} else if args[1] == "-json" {
			want = 0
		}
		if code != want || !strings.Contains(out.String(), "busy-wait: this loop spins") {
			t.Errorf("%v without a network: exit %d (want %d), output:\n%s", args, code, want, out.String())
		}
		if _, err := os.Stat(marker); err == nil {
			data, _ := os.ReadFile(marker)
			t.Fatalf("%v executed the analyzed code: %s", args, data)
		}
	}
	if after := treeText(t, dir); after != before {
		t.Errorf("the analyzed module changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// treeText lists every file under dir with its content.
func treeText(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b.WriteString(path + " " + info.Mode().String() + "\n")
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			b.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
