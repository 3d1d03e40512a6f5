package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/contract"
)

// A Cache keeps each package's analysis results, keyed on everything the
// results depend on, so that a run on unchanged packages reads them instead
// of analyzing (as staticcheck's cache and go vet's do). Only packages that
// loaded, type-checked and analyzed without an error are kept.
//
// The key of a package is the SHA-256 of: the rtlint executable's
// contents; the analyzers run and every analyzer flag's value; the
// toolchain citations resolve against (GOROOT, its version) and the
// environment that selects build configurations (GOOS, GOARCH, GOFLAGS,
// GOEXPERIMENT, CGO_ENABLED, GOTOOLCHAIN, GODEBUG, RTLINT_GOROOT); the
// package's ID, path and name; the name and contents of every file go list
// reports for it (compiled, original, other and ignored files); the export
// data file of each import (the go build cache names those by content);
// and the contents of the go.mod that governs it (timeafter reads its go
// and godebug lines).
type Cache struct {
	dir    string
	base   []byte // the part of every key that does not depend on the package
	byName map[string]*analysis.Analyzer
	src    map[*packages.Package]string // the source key of imports without export data
}

// cacheFormat changes whenever the entry format or the key's recipe does.
const cacheFormat = "rtlint-results-2"

// OpenCache returns the result cache for a run of analyzers (those
// selected, with what they require), or nil when caching is off
// (RTLINT_CACHE=off) or impossible. RTLINT_CACHE may name the directory;
// the default is rtlint/results in the user's cache directory.
func OpenCache(analyzers []*analysis.Analyzer, buildFlags []string) *Cache {
	dir := os.Getenv("RTLINT_CACHE")
	switch dir {
	case "off":
		return nil
	case "":
		ucd, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		dir = filepath.Join(ucd, "rtlint", "results")
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", cacheFormat)
	if err := hashFile(h, exe); err != nil {
		return nil
	}
	c := &Cache{dir: dir, byName: map[string]*analysis.Analyzer{}}
	var visit func(as []*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if c.byName[a.Name] == nil {
				c.byName[a.Name] = a
				visit(a.Requires)
			}
		}
	}
	visit(analyzers)
	for _, a := range analyzers {
		fmt.Fprintf(h, "analyzer %s\n", a.Name)
	}
	fmt.Fprintf(h, "build flags %q\n", buildFlags)
	names := make([]string, 0, len(c.byName))
	for n := range c.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c.byName[n].Flags.VisitAll(func(f *flag.Flag) { fmt.Fprintf(h, "flag %s.%s=%s\n", n, f.Name, f.Value) })
	}
	tc := contract.Default()
	fmt.Fprintf(h, "toolchain %s %s %v\n", tc.GOROOT, tc.Version, tc.Err)
	for _, v := range []string{"GOOS", "GOARCH", "GOFLAGS", "GOEXPERIMENT", "CGO_ENABLED", "GOTOOLCHAIN", "GODEBUG", "RTLINT_GOROOT", "GOROOT"} {
		fmt.Fprintf(h, "env %s=%s\n", v, os.Getenv(v))
	}
	c.base = h.Sum(nil)
	return c
}

func hashFile(h hash.Hash, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return err
	}
	fmt.Fprintf(h, "file %s %x\n", name, sum.Sum(nil))
	return nil
}

// key returns pkg's key, or "" if its results must not be cached.
func (c *Cache) key(pkg *packages.Package) string {
	if len(pkg.Errors) > 0 || len(pkg.CompiledGoFiles) == 0 {
		return ""
	}
	h := sha256.New()
	h.Write(c.base)
	fmt.Fprintf(h, "package %q %q %q\n", pkg.ID, pkg.PkgPath, pkg.Name)
	for _, list := range [][]string{pkg.CompiledGoFiles, pkg.GoFiles, pkg.OtherFiles, pkg.IgnoredFiles, pkg.EmbedFiles} {
		fmt.Fprintf(h, "files %d\n", len(list))
		for _, name := range list {
			if hashFile(h, name) != nil {
				return ""
			}
		}
	}
	if !c.hashImports(h, pkg) {
		return ""
	}
	if gomod := goModOf(pkg); gomod != "" {
		if hashFile(h, gomod) != nil {
			return ""
		}
	}
	if pkg.Module != nil {
		fmt.Fprintf(h, "module %q %q %q\n", pkg.Module.Path, pkg.Module.Version, pkg.Module.GoVersion)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sourceKey hashes the files of a package without export data and the
// keys of its imports; "" when one cannot be read.
func (c *Cache) sourceKey(pkg *packages.Package) string {
	if k, ok := c.src[pkg]; ok {
		return k
	}
	if c.src == nil {
		c.src = map[*packages.Package]string{}
	}
	c.src[pkg] = "" // an import cycle is impossible; this marks the visit
	h := sha256.New()
	fmt.Fprintf(h, "source %q\n", pkg.ID)
	for _, name := range pkg.CompiledGoFiles {
		if hashFile(h, name) != nil {
			return ""
		}
	}
	if !c.hashImports(h, pkg) {
		return ""
	}
	k := hex.EncodeToString(h.Sum(nil))
	c.src[pkg] = k
	return k
}

// hashImports writes to h what each import of pkg contributes to its key:
// its export data file (the go build cache names those by content), or,
// for one type-checked from source (a test variant), the key of its files
// and imports. It returns false when one cannot be had.
func (c *Cache) hashImports(h hash.Hash, pkg *packages.Package) bool {
	paths := make([]string, 0, len(pkg.Imports))
	for path := range pkg.Imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		imp := pkg.Imports[path]
		k := imp.ExportFile
		if k == "" && imp.PkgPath != "unsafe" {
			if k = c.sourceKey(imp); k == "" {
				return false
			}
		}
		fmt.Fprintf(h, "import %q %q %q\n", path, imp.ID, k)
	}
	return true
}

// goModOf is the go.mod governing pkg, found as timeafter finds it.
func goModOf(pkg *packages.Package) string {
	if pkg.Module != nil && pkg.Module.GoMod != "" {
		return pkg.Module.GoMod
	}
	if len(pkg.GoFiles) == 0 {
		return ""
	}
	for dir := filepath.Dir(pkg.GoFiles[0]); ; {
		if p := filepath.Join(dir, "go.mod"); fileExists(p) {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

type cacheEntry struct {
	Actions []cachedAction
}

type cachedAction struct {
	Analyzer string
	IsRoot   bool
	Diags    []Diag
}

func (c *Cache) path(key string) string { return filepath.Join(c.dir, key[:2], key) }

// get returns the actions kept under key, if any, and marks the entry used
// (for Trim).
func (c *Cache) get(key string) (map[*analysis.Analyzer]*Action, bool) {
	p := c.path(key)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	var e cacheEntry
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&e) != nil {
		return nil, false
	}
	acts := map[*analysis.Analyzer]*Action{}
	for _, ca := range e.Actions {
		a := c.byName[ca.Analyzer]
		if a == nil {
			return nil, false
		}
		acts[a] = &Action{Analyzer: a, IsRoot: ca.IsRoot, Diags: ca.Diags}
	}
	c.touch(p)
	return acts, true
}

// put keeps a package's results under key, unless an analysis failed.
// Failing to write is not an error: the next run analyzes again.
func (c *Cache) put(key string, acts map[*analysis.Analyzer]*Action) {
	var e cacheEntry
	for _, act := range acts {
		if act.Err != nil {
			return
		}
		e.Actions = append(e.Actions, cachedAction{act.Analyzer.Name, act.IsRoot, act.Diags})
	}
	slices.SortFunc(e.Actions, func(a, b cachedAction) int {
		if a.Analyzer < b.Analyzer {
			return -1
		}
		if a.Analyzer > b.Analyzer {
			return 1
		}
		return 0
	})
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(e) != nil {
		return
	}
	p := c.path(key)
	if os.MkdirAll(filepath.Dir(p), 0o777) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "tmp-")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
}
