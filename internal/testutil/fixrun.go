package testutil

import (
	"bytes"
	"os"
	"os/exec"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// FixRun checks that an analyzer's suggested fixes keep a program's
// behaviour. It copies the module at dir (whose root holds a main
// package) to a temporary directory, runs it with `go run .`, applies the
// first suggested fix of every diagnostic the analyzer reports on ./...,
// checks that the result passes `go vet`, and runs it again. It returns the
// two outputs, the number of fixes applied, and the directory holding the
// fixed copy.
func FixRun(t *testing.T, dir string, a *analysis.Analyzer) (before, after string, fixes int, fixed string) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	tmp := t.TempDir()
	if err := os.CopyFS(tmp, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	before = goCmd(t, tmp, "run", ".")

	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: tmp}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		t.Fatalf("%d errors loading %s", n, dir)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	fixes, _ = ApplyFixes(t, graph, a, 0, nil)
	goCmd(t, tmp, "vet", "./...")
	after = goCmd(t, tmp, "run", ".")
	return before, after, fixes, tmp
}

func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %v in %s: %v\n%s%s", args, dir, err, out.Bytes(), stderr.Bytes())
	}
	return out.String()
}
