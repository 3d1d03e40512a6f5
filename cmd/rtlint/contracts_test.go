package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

func contracts(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runContracts(args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestContractsSheet(t *testing.T) {
	out, errs, code := contracts(t)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "# Runtime contract sheet (go1.") || !strings.Contains(out, "| `SendOnClosedChanPanics` |") {
		t.Errorf("unexpected sheet:\n%.800s", out)
	}

	out, _, code = contracts(t, "-json")
	var s struct {
		GoVersion string `json:"goVersion"`
		Contracts []struct {
			ID       string   `json:"id"`
			File     string   `json:"file"`
			Line     int      `json:"line"`
			Resolved bool     `json:"resolved"`
			UsedBy   []string `json:"usedBy"`
		} `json:"contracts"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || code != 0 {
		t.Fatalf("-json: exit %d, %v", code, err)
	}
	if len(s.Contracts) != len(contract.All()) {
		t.Errorf("-json: %d contracts, want %d", len(s.Contracts), len(contract.All()))
	}

	file := filepath.Join(t.TempDir(), "sheet.md")
	if _, errs, code := contracts(t, "-o", file); code != 0 {
		t.Fatalf("-o: exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(file); err != nil || !strings.HasPrefix(string(b), "<!-- Code generated") {
		t.Errorf("-o wrote %q, %v", b, err)
	}
}

func TestContractsCheck(t *testing.T) {
	out, errs, code := contracts(t, "-check")
	if code != 0 {
		t.Fatalf("-check on the installed toolchain: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, " resolve") {
		t.Errorf("-check output: %s", out)
	}

	// A toolchain whose chan.go changed the cited message: the check fails
	// and names the contract.
	tc := contract.Default()
	src, err := os.ReadFile(filepath.Join(tc.GOROOT, "src", "runtime", "chan.go"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "src", "runtime"), 0o755)
	os.WriteFile(filepath.Join(root, "src", "runtime", "chan.go"), []byte(strings.ReplaceAll(string(src), `"close of closed channel"`, `"closing a closed channel"`)), 0o644)
	os.WriteFile(filepath.Join(root, "VERSION"), []byte("go1.99.0\n"), 0o644)

	out, errs, code = contracts(t, "-check", "-goroot", root)
	if code != 1 || !strings.Contains(out, "FAIL CloseOfClosedChanPanics") || !strings.Contains(errs, "no longer resolve") {
		t.Errorf("-check -goroot (changed anchor): exit %d\n%s%s", code, out, errs)
	}
	out, errs, code = contracts(t, "-check", "-against", root)
	if code != 1 || !strings.Contains(out, "unresolved     CloseOfClosedChanPanics") {
		t.Errorf("-check -against DIR: exit %d\n%s%s", code, out, errs)
	}
	out, _, code = contracts(t, "-check", "-json", "-against", root)
	var rep struct {
		Drift []struct{ ID, Change string } `json:"drift"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 || len(rep.Drift) == 0 {
		t.Errorf("-check -json -against: exit %d, %v", code, err)
	}
}

func TestContractsBadUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-against", "go1.27.3"}, 2, "-against needs -check"},
		{[]string{"-check", "-o", "x"}, 2, "does not go with -check"},
		{[]string{"-goroot", "/nonexistent/go"}, 1, "cannot read the Go source"},
		{[]string{"-check", "-goroot", "/nonexistent/go"}, 1, "cannot read the Go source"},
		{[]string{"-check", "-against", "/nonexistent/go"}, 2, "neither a Go release (go1.N.P) nor a directory"},
		{[]string{"-check", "-against", "go1"}, 2, "neither a Go release"},
		{[]string{"-check", "-against", "/"}, 1, "cannot read the Go source of /"},
	} {
		out, errs, code := contracts(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) || strings.Count(errs, "\n") > 1 {
			t.Errorf("%v: exit %d, stderr %q, stdout %.200q; want exit %d and %q on one line", tc.args, code, errs, out, tc.code, tc.msg)
		}
	}
	out, _, code := contracts(t, "-h")
	if code != 0 || !strings.Contains(out, "usage: rtlint contracts") {
		t.Errorf("-h: exit %d, %q", code, out)
	}
}
