package leakprof

import (
	"cmp"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// A Module is one of the user's modules: where rtlint leaks runs.
type Module struct {
	Path string // module path, "example.com/m"
	Dir  string // absolute directory of its go.mod
}

// A MainPackage is a package main of the user's modules, which stack
// traces name "main." whatever its import path.
type MainPackage struct {
	Dir   string   // absolute directory
	Files []string // base names of its Go files
}

// A Locator places the frames of a profile in the user's modules: it maps
// a frame, recorded with the paths of the machine that built the program
// (or module paths under -trimpath), to the local file it came from.
type Locator struct {
	modules []Module
	mains   []MainPackage
}

// NewLocator returns a locator for the given modules and their main
// packages.
func NewLocator(modules []Module, mains []MainPackage) *Locator {
	mods := slices.Clone(modules)
	// Longest path first: a nested module owns its subtree.
	slices.SortFunc(mods, func(a, b Module) int { return cmp.Compare(len(b.Path), len(a.Path)) })
	return &Locator{modules: mods, mains: mains}
}

// Modules returns the modules, longest path first.
func (l *Locator) Modules() []Module { return l.modules }

// Locate returns the local file of f and true when f's function belongs
// to one of the user's modules. The file may be missing locally when the
// source has changed since the program was built.
func (l *Locator) Locate(f Frame) (string, bool) {
	if f.File == "" || f.Func == "" {
		return "", false
	}
	base := path.Base(filepath.ToSlash(f.File))
	pkg := pkgPath(f.Func)
	if pkg == "main" {
		return l.locateMain(f.File, base)
	}
	pkg = strings.TrimSuffix(pkg, "_test") // an external test package shares its directory
	for _, m := range l.modules {
		if pkg == m.Path || strings.HasPrefix(pkg, m.Path+"/") {
			rel := strings.TrimPrefix(strings.TrimPrefix(pkg, m.Path), "/")
			return filepath.Join(m.Dir, filepath.FromSlash(rel), base), true
		}
	}
	return "", false
}

// locateMain picks, among the main packages with a file of that base
// name, the one whose directory shares the longest tail with the recorded
// path: the dump of ./cmd/api's binary says /build/src/cmd/api/main.go or
// example.com/m/cmd/api/main.go.
func (l *Locator) locateMain(recorded, base string) (string, bool) {
	dir := strings.Split(path.Dir(filepath.ToSlash(recorded)), "/")
	best, bestScore := "", -1
	for _, m := range l.mains {
		if !slices.Contains(m.Files, base) {
			continue
		}
		local := strings.Split(filepath.ToSlash(m.Dir), "/")
		score := 0
		for score < len(dir) && score < len(local) && dir[len(dir)-1-score] == local[len(local)-1-score] {
			score++
		}
		if score > bestScore {
			best, bestScore = filepath.Join(m.Dir, base), score
		}
	}
	return best, best != ""
}

// Rel is file relative to the first module directory that holds it, for
// display; file itself otherwise.
func (l *Locator) Rel(file string) string {
	for _, m := range l.modules {
		if rel, err := filepath.Rel(m.Dir, file); err == nil && filepath.IsLocal(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return file
}

// isStd reports whether an import path belongs to the standard library
// (no dot in its first element).
func isStd(pkg string) bool {
	first, _, _ := strings.Cut(pkg, "/")
	return !strings.Contains(first, ".")
}
