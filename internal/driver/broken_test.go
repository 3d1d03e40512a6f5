package driver_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBrokenDependencies runs rtlint on modules where a package at
// several depths of the import graph does not type-check, under GOMAXPROCS
// 1, 2 and 8. The run must end (a deadlock between CPU tokens and imports
// type-checked from source once hung the 1-CPU run for good), print each
// type error once, name each package it did not analyze once, still
// analyze the packages that do not depend on the broken one, and exit 1.
func TestBrokenDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rtlint and runs go list; skipped with -short")
	}
	bin := buildRtlint(t)
	// a1, a2, a3 -> b -> c -> d -> e; f is independent and has a finding.
	// broken names the package given a type error.
	layout := map[string][]string{"a1": {"b"}, "a2": {"b"}, "a3": {"b"}, "b": {"c"}, "c": {"d"}, "d": {"e"}, "e": nil, "f": nil}
	dependsOn := func(pkg, broken string) bool {
		for p := pkg; ; {
			if p == broken {
				return true
			}
			next := layout[p]
			if len(next) == 0 {
				return false
			}
			p = next[0]
		}
	}
	for _, broken := range []string{"e", "c", "b"} {
		files := map[string]string{"go.mod": "module example.com/deep\n\ngo 1.26\n"}
		for pkg, imports := range layout {
			var src strings.Builder
			fmt.Fprintf(&src, "package %s\n\n", pkg)
			for _, imp := range imports {
				fmt.Fprintf(&src, "import \"example.com/deep/%s\"\n\nvar _ = %s.V\n\n", imp, imp)
			}
			if pkg == broken {
				src.WriteString("var V int = \"not an int\"\n")
			} else {
				src.WriteString("var V int\n")
			}
			if pkg == "f" {
				src.WriteString("\nfunc F() { select {} }\n")
			}
			files[pkg+"/"+pkg+".go"] = src.String()
		}
		dir := writeModule(t, files)
		for _, procs := range []string{"1", "2", "8"} {
			t.Run(fmt.Sprintf("broken=%s/GOMAXPROCS=%s", broken, procs), func(t *testing.T) {
				r := runTimeout(t, bin, dir, []string{"GOMAXPROCS=" + procs, "RTLINT_CACHE=off"}, []string{"./..."}, 2*time.Minute)
				if r.code != 1 {
					t.Errorf("exit %d, want 1\n%s", r.code, r)
				}
				typeErr := regexp.MustCompile(regexp.QuoteMeta(broken+"/"+broken+`.go:`) + `\d+:\d+: cannot use "not an int"`)
				if n := len(typeErr.FindAllString(r.stderr, -1)); n != 1 {
					t.Errorf("the type error is printed %d times, want once\n%s", n, r.stderr)
				}
				for pkg := range layout {
					line := "rtlint: example.com/deep/" + pkg + " not analyzed: "
					n := strings.Count(r.stderr, line)
					if want := dependsOn(pkg, broken); want && n != 1 || !want && n != 0 {
						t.Errorf("%q appears %d times\n%s", line, n, r.stderr)
					}
				}
				if !strings.Contains(r.stderr, "f/f.go:5:12: emptyselect: ") {
					t.Errorf("the package that does not depend on the broken one was not analyzed\n%s", r.stderr)
				}
				if strings.Contains(r.stderr, "failed prerequisites") || strings.Contains(r.stderr, "analysis skipped") {
					t.Errorf("internal pass errors leak into the output\n%s", r.stderr)
				}
			})
		}
	}
}

// TestTags checks that -tags is honoured: a finding in a file behind a
// build tag is reported only with the tag.
func TestTags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rtlint and runs go list; skipped with -short")
	}
	bin := buildRtlint(t)
	dir := writeModule(t, map[string]string{
		"go.mod":  "module example.com/tags\n\ngo 1.26\n",
		"p/p.go":  "package p\n",
		"p/sp.go": "//go:build special\n\npackage p\n\nfunc F() { select {} }\n",
	})
	env := []string{"RTLINT_CACHE=" + t.TempDir()}
	if r := run(t, bin, dir, env, []string{"./..."}); r.code != 0 {
		t.Errorf("without the tag: exit %d, want 0\n%s", r.code, r)
	}
	for _, args := range [][]string{{"-tags", "special", "./..."}, {"-tags=other,special", "./..."}} {
		if r := run(t, bin, dir, env, args); r.code != 3 || !strings.Contains(r.stderr, "p/sp.go:5:12: emptyselect:") {
			t.Errorf("%v: exit %d, want 3 with the tagged finding\n%s", args, r.code, r)
		}
	}
}
