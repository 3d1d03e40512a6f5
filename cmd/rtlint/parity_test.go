package main_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

// The parity fixture (testdata/mod/parity) marks each line a finding is
// expected on with "parity:ANALYZER[:WHEN]": WHEN is the flag that brings
// it (tags: -tags special; unguarded: -doubleclose.unguarded; review:
// -review, a review-tier observation) or, for "tests", what -test=false
// takes away; no WHEN, every run.
type expectation struct {
	key  string // "p/p.go:10 lockthread"
	when string
}

func parityDir() string { return filepath.Join(testutil.Testdata(), "mod", "parity") }

var parityMark = regexp.MustCompile(`parity:([a-z]+)(?::([a-z]+))?`)

func parityExpectations(t *testing.T) []expectation {
	t.Helper()
	var out []expectation
	err := filepath.WalkDir(parityDir(), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(parityDir(), path)
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := parityMark.FindStringSubmatch(sc.Text()); m != nil && !strings.HasPrefix(strings.TrimSpace(sc.Text()), "// Package") {
				out = append(out, expectation{fmt.Sprintf("%s:%d %s", filepath.ToSlash(rel), line, m[1]), m[2]})
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 6 {
		t.Fatalf("only %d parity marks in the fixture", len(out))
	}
	return out
}

// A parityCase is a flag that selects findings, and the findings it
// should give: the expectations kept by want.
type parityCase struct {
	flags []string
	want  func(e expectation) bool
}

var parityCases = []parityCase{
	{nil, func(e expectation) bool { return e.when == "" || e.when == "tests" }},
	{[]string{"-tags=special"}, func(e expectation) bool { return e.when == "" || e.when == "tests" || e.when == "tags" }},
	{[]string{"-test=false"}, func(e expectation) bool { return e.when == "" }},
	{[]string{"-emptyselect"}, func(e expectation) bool { return e.when == "" && strings.HasSuffix(e.key, " emptyselect") }},
	{[]string{"-emptyselect=false"}, func(e expectation) bool {
		return (e.when == "" || e.when == "tests") && !strings.HasSuffix(e.key, " emptyselect")
	}},
	{[]string{"-doubleclose.unguarded"}, func(e expectation) bool { return e.when == "" || e.when == "tests" || e.when == "unguarded" }},
	{[]string{"-review"}, func(e expectation) bool { return e.when == "" || e.when == "tests" || e.when == "review" }},
}

// parityRoutes run rtlint with flags on the fixture and return what it
// found, as "file:line analyzer" keys with the tier each was reported in.
var parityRoutes = map[string]func(t *testing.T, flags []string) map[string]string{
	"text": func(t *testing.T, flags []string) map[string]string {
		r := run(t, parityDir(), rtlintBin, append(flags, "./...")...)
		return textFindings(t, r.stderr, "")
	},
	"json": func(t *testing.T, flags []string) map[string]string {
		r := run(t, parityDir(), rtlintBin, append(append([]string{"-json"}, flags...), "./...")...)
		return jsonTree(t, r.stdout)
	},
	"sarif": func(t *testing.T, flags []string) map[string]string {
		r := run(t, parityDir(), rtlintBin, append(append([]string{"-sarif"}, flags...), "./...")...)
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID    string `json:"ruleId"`
					Level     string `json:"level"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
							Region           struct{ StartLine int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
			t.Fatalf("-sarif %v: %v\n%s", flags, err, r.stderr)
		}
		got := map[string]string{}
		for _, res := range log.Runs[0].Results {
			loc := res.Locations[0].PhysicalLocation
			tier := "default"
			if res.Level == "note" {
				tier = "review"
			}
			got[fmt.Sprintf("%s:%d %s", loc.ArtifactLocation.URI, loc.Region.StartLine, res.RuleID)] = tier
		}
		return got
	},
	"vet": func(t *testing.T, flags []string) map[string]string {
		var args []string
		for _, f := range flags {
			if f == "-tags=special" {
				args = append(args, "-tags=special") // go vet's own flag
				continue
			}
			args = append(args, f)
		}
		r := run(t, parityDir(), "go", append(append([]string{"vet", "-json", "-vettool=" + rtlintBin}, args...), "./...")...)
		// go vet -json prints, on stdout, one JSON tree per package, one
		// after another.
		got := map[string]string{}
		var body strings.Builder
		for _, line := range strings.Split(r.stdout, "\n") {
			if !strings.HasPrefix(line, "#") {
				body.WriteString(line + "\n")
			}
		}
		dec := json.NewDecoder(strings.NewReader(body.String()))
		for {
			var tree json.RawMessage
			if err := dec.Decode(&tree); err != nil {
				break
			}
			for k, v := range jsonTree(t, string(tree)) {
				got[k] = v
			}
		}
		return got
	},
	"lsp": func(t *testing.T, flags []string) map[string]string {
		p := startLSP(t, parityDir(), flags...)
		p.Initialize(false)
		names := map[string]bool{}
		for _, a := range suite.Analyzers() {
			names[a.Name] = true
		}
		got := map[string]string{}
		for _, rel := range []string{"p/p.go", "p/tagged.go", "p/p_test.go", "q/q.go"} {
			uri := p.Open(filepath.Join(parityDir(), rel), 1)
			for _, d := range p.WaitDiags(uri, 1, func([]lsptest.Diagnostic) bool { return true }) {
				if !names[d.Code] {
					continue // a note of the server's own (a file the build excludes)
				}
				tier := "default"
				if d.Severity == 3 { // Information
					tier = "review"
				}
				got[fmt.Sprintf("%s:%d %s", rel, d.Range.Start.Line+1, d.Code)] = tier
			}
		}
		p.Shutdown()
		return got
	},
}

// textFindings reads standalone text output (or go vet's) into keys.
func textFindings(t *testing.T, out, prefix string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if m := findingLine.FindStringSubmatch(line); m != nil {
			got[fmt.Sprintf("%s%s:%s %s", prefix, m[1], m[2], m[4])] = "?"
		}
	}
	return got
}

// jsonTree reads a -json tree into keys, with tiers from the category.
func jsonTree(t *testing.T, out string) map[string]string {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, byName := range tree {
		for name, raw := range byName {
			var diags []struct{ Posn, Category string }
			if json.Unmarshal(raw, &diags) != nil {
				continue // {"error": ...}
			}
			for _, d := range diags {
				file, rest, _ := strings.Cut(d.Posn, ".go:")
				line, _, _ := strings.Cut(rest, ":")
				rel, _ := filepath.Rel(parityDir(), file+".go")
				tier := "default"
				if strings.HasPrefix(d.Category, "review/") {
					tier = "review"
				}
				got[fmt.Sprintf("%s:%s %s", filepath.ToSlash(rel), line, name)] = tier
			}
		}
	}
	return got
}

// TestFlagParity runs each selection flag (-tags, -test, -NAME,
// -NAME=false, -NAME.OPTION, -review) through each route (standalone
// text, -json, -sarif, rtlint lsp, go vet) and requires the findings the
// fixture marks for it, in the tier it marks, from every route.
func TestFlagParity(t *testing.T) {
	exps := parityExpectations(t)
	for _, pc := range parityCases {
		var want []string
		review := map[string]bool{}
		for _, e := range exps {
			if pc.want(e) {
				want = append(want, e.key)
				review[e.key] = e.when == "review"
			}
		}
		sort.Strings(want)
		for _, route := range []string{"text", "json", "sarif", "lsp", "vet"} {
			t.Run(fmt.Sprintf("%s/%s", route, strings.Join(pc.flags, " ")), func(t *testing.T) {
				got := parityRoutes[route](t, pc.flags)
				var keys []string
				for k := range got {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				if !slices.Equal(keys, want) {
					t.Errorf("rtlint %v by %s:\n got %q\nwant %q", pc.flags, route, keys, want)
				}
				for k, tier := range got {
					if tier == "?" {
						continue // text output carries no tier
					}
					if wantTier := map[bool]string{true: "review", false: "default"}[review[k]]; tier != wantTier {
						t.Errorf("%s by %s: tier %s, want %s", k, route, tier, wantTier)
					}
				}
			})
		}
	}
}

// TestOutputFlagParity runs the flags that choose what is printed (-c,
// -fix, -diff, -json, -sarif) through each route: honoured where the route
// can, otherwise refused with one line and exit code 2, never ignored.
func TestOutputFlagParity(t *testing.T) {
	oneLine := func(t *testing.T, what string, r result) {
		t.Helper()
		if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") > 3 || r.stderr == "" {
			t.Errorf("%s: exit %d, want 2 with a short error\n%s%s", what, r.code, r.stdout, r.stderr)
		}
	}
	// Standalone and go vet honour -c.
	if r := run(t, parityDir(), rtlintBin, "-c=1", "./p"); !strings.Contains(r.stderr, "\n10\t\truntime.LockOSThread() // parity:lockthread\n") {
		t.Errorf("rtlint -c=1 printed no context:\n%s", r.stderr)
	}
	if r := run(t, parityDir(), "go", "vet", "-vettool="+rtlintBin, "-c=1", "./p"); !strings.Contains(r.stderr, "\n10\t\truntime.LockOSThread() // parity:lockthread\n") {
		t.Errorf("go vet -c=1 printed no context:\n%s", r.stderr)
	}
	// -fix and -diff: standalone applies and diffs; go vet applies (its
	// -diff needs -fix).
	for _, route := range []string{"standalone", "vet"} {
		dir := t.TempDir()
		copyDir(t, parityDir(), dir)
		var r result
		if route == "standalone" {
			r = run(t, dir, rtlintBin, "-fix", "./p")
		} else {
			r = run(t, dir, "go", "vet", "-vettool="+rtlintBin, "-fix", "./p")
		}
		src, _ := os.ReadFile(filepath.Join(dir, "p", "p.go"))
		if !strings.Contains(string(src), "defer runtime.UnlockOSThread()") {
			t.Errorf("%s -fix did not apply the fix (exit %d)\n%s", route, r.code, r.stderr)
		}
	}
	if r := run(t, parityDir(), rtlintBin, "-diff", "./p"); !strings.Contains(r.stdout, "+\tdefer runtime.UnlockOSThread()") {
		t.Errorf("rtlint -diff printed no diff:\n%s", r.stdout)
	}
	if r := run(t, parityDir(), "go", "vet", "-vettool="+rtlintBin, "-diff", "./p"); r.code == 0 || !strings.Contains(r.stderr, "-diff flag requires -fix") {
		t.Errorf("go vet -diff without -fix: exit %d\n%s", r.code, r.stderr)
	}
	// Combinations a route cannot honour.
	for _, args := range [][]string{
		{"-json", "-c=1"}, {"-json", "-fix"}, {"-json", "-diff"}, {"-json", "-sarif"},
		{"-sarif", "-c=1"}, {"-sarif", "-fix"}, {"-sarif", "-diff"}, {"-srcroot=.", "-json"},
	} {
		oneLine(t, fmt.Sprint(args), run(t, parityDir(), rtlintBin, append(args, "./...")...))
	}
	for _, flag := range []string{"-c=1", "-fix", "-diff", "-json", "-sarif"} {
		p := startLSP(t, parityDir(), flag)
		code := p.exitCode()
		oneLine(t, "rtlint lsp "+flag, result{code: code, stderr: p.stderr.String()})
	}
	if r := run(t, parityDir(), "go", "vet", "-vettool="+rtlintBin, "-sarif", "./p"); r.code == 0 || !strings.Contains(r.stderr, "sarif") {
		t.Errorf("go vet -sarif: exit %d, want an error naming the flag\n%s", r.code, r.stderr)
	}
}
