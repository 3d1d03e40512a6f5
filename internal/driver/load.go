package driver

import (
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/packages"
)

// LoadMode is the go/packages mode of a one-query load (go list -deps
// -export -compiled), which builds the export data of every package listed,
// those to analyze and their test variants included. Load does better.
const LoadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedTypesSizes | packages.NeedModule

// Load lists the packages matching patterns for Analyze, asking the go
// command to build export data only where go vet does: for the packages
// the packages to analyze import. A first go list gives the import graph
// without building anything; a second builds the export data of every
// imported package that is not a test variant. The packages to analyze are
// type-checked from source anyway, so building their export data (and
// that of their test variants, which can be the largest packages of a
// module) is wasted work: on a large single-package module it doubled the
// first run's cost. A test variant that another package of the test
// imports is type-checked from source, bodies ignored, when needed.
//
// cfg.Mode is ignored. An error in either listing that go/packages
// returns as an error is returned; per-package errors are recorded in the
// packages: a dependency that failed to compile carries the compiler's
// errors in its Errors.
func Load(cfg *packages.Config, patterns ...string) ([]*packages.Package, error) {
	graph := *cfg
	graph.Mode = LoadMode &^ packages.NeedExportFile
	listed, err := packages.Load(&graph, patterns...)
	if err != nil || len(listed) == 0 {
		return listed, err
	}
	// A test's generated main package ("p.test") holds no code of the
	// user's: nothing to analyze, and analyzing it would need every test
	// variant's types.
	var initial []*packages.Package
	for _, p := range listed {
		if !(graph.Tests && p.Name == "main" && strings.HasSuffix(p.ID, ".test") && len(p.Errors) == 0) {
			initial = append(initial, p)
		}
	}
	roots := map[*packages.Package]bool{}
	for _, p := range initial {
		roots[p] = true
	}
	need := map[string]*packages.Package{}
	var paths []string
	for p := range packages.Postorder(initial) {
		for _, imp := range p.Imports {
			if imp.PkgPath == "unsafe" || isTestVariant(imp) || need[imp.ID] != nil {
				continue // a test variant has no export data of its own to ask for
			}
			need[imp.ID] = imp
			paths = append(paths, imp.ID)
		}
	}
	if len(paths) == 0 {
		return initial, nil
	}
	export := *cfg
	export.Mode = packages.NeedName | packages.NeedExportFile
	export.Tests = false
	built, err := packages.Load(&export, paths...)
	if err != nil {
		return nil, err
	}
	dir := cfg.Dir
	for _, b := range built {
		p := need[b.ID]
		if p == nil {
			continue
		}
		p.ExportFile = b.ExportFile
		if b.ExportFile == "" && !roots[p] {
			p.Errors = append(p.Errors, compileErrors(dir, b.Errors)...)
		}
	}
	return initial, nil
}

var compilerLine = regexp.MustCompile(`^(.+\.(?:go|s|c|h)):(\d+)(?::(\d+))?: (.*)$`)

// compileErrors splits the go command's "# pkg\nfile:line:col: msg\n..."
// compile errors into one error per line, with file names made absolute
// (the go command prints them relative to its directory).
func compileErrors(dir string, errs []packages.Error) []packages.Error {
	var out []packages.Error
	for _, e := range errs {
		split := false
		for _, line := range strings.Split(e.Msg, "\n") {
			m := compilerLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			file := m[1]
			if !filepath.IsAbs(file) && dir != "" {
				file = filepath.Join(dir, file)
			} else if !filepath.IsAbs(file) {
				if abs, err := filepath.Abs(file); err == nil {
					file = abs
				}
			}
			pos := file + ":" + m[2]
			if m[3] != "" {
				pos += ":" + m[3]
			}
			out = append(out, packages.Error{Pos: pos, Msg: m[4], Kind: packages.TypeError})
			split = true
		}
		if !split {
			out = append(out, e)
		}
	}
	return out
}
