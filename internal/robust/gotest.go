package robust

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"go/version"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rtlint/rtlint/internal/driver"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// StdImporter imports standard-library packages from their export data,
// all read up front (so that type-checkers may share it concurrently).
type StdImporter struct {
	pkgs map[string]*types.Package
	fset *token.FileSet
}

// NewStdImporter lists std in goroot (building its export data if need be)
// and reads every package's export data into fset.
func NewStdImporter(goroot string, fset *token.FileSet) (*StdImporter, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedExportFile,
		Dir:  filepath.Join(goroot, "src"),
	}
	list, err := packages.Load(cfg, "std")
	if err != nil {
		return nil, err
	}
	imp := &StdImporter{pkgs: map[string]*types.Package{}, fset: fset}
	for p := range packages.Postorder(list) {
		if p.PkgPath == "unsafe" || p.ExportFile == "" {
			continue
		}
		f, err := os.Open(p.ExportFile)
		if err != nil {
			return nil, err
		}
		r, err := gcexportdata.NewReader(f) //lint:ignore SA1019 go1.26's go list still hands out archives
		if err == nil {
			_, err = gcexportdata.Read(r, fset, imp.pkgs, p.PkgPath)
		}
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p.PkgPath, err)
		}
	}
	return imp, nil
}

// Import implements types.Importer.
func (imp *StdImporter) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if p := imp.pkgs[path]; p != nil && p.Complete() {
		return p, nil
	}
	return nil, fmt.Errorf("not a standard-library package: %s", path)
}

// GoTestFiles returns the Go files of the Go test suite ($GOROOT/test and
// its subdirectories, without the multi-file *.dir packages), each a
// program of its own, that build for this platform; keep selects a sample
// (nil keeps all).
func GoTestFiles(goroot string, keep func(i int) bool) ([]string, error) {
	var names []string
	root := filepath.Join(goroot, "test")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasSuffix(path, ".dir") || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		if ok, err := build.Default.MatchFile(filepath.Dir(path), d.Name()); err != nil || !ok {
			return nil
		}
		names = append(names, path)
		return nil
	})
	if keep != nil {
		var kept []string
		for i, n := range names {
			if keep(i) {
				kept = append(kept, n)
			}
		}
		names = kept
	}
	return names, err
}

// TypeCheckFiles parses and type-checks each file as a package of its own
// against the standard library, GOMAXPROCS at a time, and returns those
// that type-check (the others are the suite's deliberate errors, or need
// packages beside them) and how many did not.
func TypeCheckFiles(imp *StdImporter, names []string) (ok []*SingleFile, failed int) {
	out := make([]*SingleFile, len(names))
	sizes := types.SizesFor("gc", runtime.GOARCH)
	var next atomic.Int64
	var nfailed atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(names) {
					return
				}
				f, err := parser.ParseFile(imp.fset, names[i], nil, parser.ParseComments|parser.SkipObjectResolution)
				if err != nil {
					nfailed.Add(1)
					continue
				}
				info := driver.NewTypesInfo()
				path := "gotest/" + strings.TrimSuffix(filepath.Base(names[i]), ".go")
				var firstErr error
				conf := &types.Config{
					Importer:  imp,
					Sizes:     sizes,
					GoVersion: version.Lang(runtime.Version()), // "" for a devel toolchain
					Error: func(err error) {
						if firstErr == nil {
							firstErr = err
						}
					},
				}
				pkg, _ := conf.Check(path, imp.fset, []*ast.File{f}, info)
				if firstErr != nil {
					nfailed.Add(1)
					continue
				}
				out[i] = &SingleFile{Fset: imp.fset, File: f, Types: pkg, Info: info, Sizes: sizes}
			}
		})
	}
	wg.Wait()
	for _, f := range out {
		if f != nil {
			ok = append(ok, f)
		}
	}
	return ok, int(nfailed.Load())
}
