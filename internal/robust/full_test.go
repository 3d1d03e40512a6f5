//go:build robustfull

package robust_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/robust"
	"github.com/rtlint/rtlint/internal/suite"
)

const robustFull = true

// TestFull is the whole robustness run, done once by hand (it takes tens of
// minutes): std and cmd with tests, every module in RTLINT_ROBUST_MODULES
// (a colon-separated list of module directories with their dependencies
// downloaded, default /work/corpus/src/*) with its tests, and the packages
// those modules depend on from the module cache (pattern all, standard
// library excluded, each package once). TestGoTestSuite covers the whole
// of $GOROOT/test in the same mode.
//
//	go test -tags robustfull -run 'TestFull|TestGoTestSuite' -timeout 0 -v ./internal/robust
func TestFull(t *testing.T) {
	analyzers := suite.Analyzers()
	total := new(robust.Summary)
	run := func(what, dir string, tests bool, filter func(*packages.Package) bool, patterns ...string) {
		t0 := time.Now()
		pkgs, err := robust.Load(dir, nil, tests, patterns...)
		if err != nil {
			t.Errorf("%s: %v", what, err)
			return
		}
		if filter != nil {
			var kept []*packages.Package
			for _, p := range pkgs {
				if filter(p) {
					kept = append(kept, p)
				}
			}
			pkgs = kept
		}
		s, err := robust.Packages(analyzers, pkgs, 10*time.Minute)
		check(t, what, s, err)
		t.Logf("%s: %v", what, time.Since(t0).Round(time.Second))
		total.Add(s)
	}
	root := goroot(t)
	run("std", filepath.Join(root, "src"), true, nil, "std")
	run("cmd", filepath.Join(root, "src"), true, nil, "cmd/...")

	mods := filepath.SplitList(os.Getenv("RTLINT_ROBUST_MODULES"))
	if len(mods) == 0 {
		mods, _ = filepath.Glob("/work/corpus/src/*/go.mod")
		for i := range mods {
			mods[i] = filepath.Dir(mods[i])
		}
	}
	seen := map[string]bool{} // dependency packages already analyzed, by path@version
	for _, dir := range mods {
		run(filepath.Base(dir), dir, true, nil, "./...")
		run(filepath.Base(dir)+" dependencies", dir, false, func(p *packages.Package) bool {
			if p.Module == nil || p.Module.Main {
				return false // standard library, or the module itself
			}
			key := p.PkgPath + "@" + p.Module.Version
			if seen[key] {
				return false
			}
			seen[key] = true
			return true
		}, "all")
	}
	t.Logf("TOTAL: %v", total)
}
