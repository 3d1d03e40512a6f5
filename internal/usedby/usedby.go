// Package usedby derives, from the source tree, which analyzers rely on
// which runtime contracts and which table file declares each contract. It
// writes internal/contract/usedby_gen.go (go generate ./internal/contract),
// because the rtlint binary has no source tree to read at run time.
//
// An analyzer relies on a contract when a non-test file of its package
// (analyzers/NAME/...) or of a module package it imports, directly or not,
// mentions the contract's ID constant (contract.SendOnClosedChanPanics),
// under whatever name the contract package is imported. The scan is
// syntactic, which is sound for this purpose: IDs are constants, so every
// use of one names it.
package usedby

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Module is the module path of rtlint.
const Module = "github.com/rtlint/rtlint"

// ContractPkg is the import path of the contract table.
const ContractPkg = Module + "/internal/contract"

// GeneratedFile is the generated file, relative to the repository root.
const GeneratedFile = "internal/contract/usedby_gen.go"

// Command regenerates GeneratedFile.
const Command = "go generate ./internal/contract"

// Result is what a scan found.
type Result struct {
	// UsedBy maps a contract ID to the sorted names of the analyzers that
	// rely on it.
	UsedBy map[string][]string
	// Area maps a contract ID to the table its constant is declared in:
	// "chan" for table_chan.go.
	Area map[string]string
	// Title maps an area to the doc comment of its ID constants.
	Title map[string]string
}

// Scan reads the repository at root.
func Scan(root string) (*Result, error) {
	res := &Result{UsedBy: map[string][]string{}, Area: map[string]string{}, Title: map[string]string{}}
	ids, err := scanContracts(filepath.Join(root, "internal", "contract"), res)
	if err != nil {
		return nil, err
	}
	pkgs, err := scanPackages(root, ids)
	if err != nil {
		return nil, err
	}
	for dir := range pkgs {
		name, ok := strings.CutPrefix(dir, "analyzers/")
		if !ok || strings.Contains(name, "/") {
			continue
		}
		for id := range closure(pkgs, dir, map[string]bool{}) {
			res.UsedBy[id] = append(res.UsedBy[id], name)
		}
	}
	for id := range res.UsedBy {
		sort.Strings(res.UsedBy[id])
	}
	return res, nil
}

// closure returns the contract IDs mentioned by the package in dir and by
// the module packages it imports, transitively.
func closure(pkgs map[string]*pkgInfo, dir string, seen map[string]bool) map[string]bool {
	out := map[string]bool{}
	if seen[dir] {
		return out
	}
	seen[dir] = true
	p := pkgs[dir]
	if p == nil {
		return out
	}
	for id := range p.ids {
		out[id] = true
	}
	for imp := range p.imports {
		for id := range closure(pkgs, imp, seen) {
			out[id] = true
		}
	}
	return out
}

// scanContracts collects the ID constants of the contract package: name ->
// value, and records each one's area and the areas' titles.
func scanContracts(dir string, res *Result) (map[string]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		if f.Name.Name != "contract" {
			continue // the generator's own main file
		}
		area := strings.TrimSuffix(strings.TrimPrefix(name, "table_"), ".go")
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			found := false
			for _, s := range gd.Specs {
				vs := s.(*ast.ValueSpec)
				if t, ok := vs.Type.(*ast.Ident); !ok || t.Name != "ID" {
					continue
				}
				for i, n := range vs.Names {
					val := n.Name
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							if s, err := strconv.Unquote(lit.Value); err == nil {
								val = s
							}
						}
					}
					ids[n.Name] = val
					res.Area[val] = area
					found = true
				}
			}
			if found && gd.Doc != nil && res.Title[area] == "" {
				res.Title[area] = strings.Join(strings.Fields(gd.Doc.Text()), " ")
			}
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no contract IDs found in %s", dir)
	}
	return ids, nil
}

type pkgInfo struct {
	ids     map[string]bool // contract ID values mentioned
	imports map[string]bool // module-relative dirs of imported module packages
}

// scanPackages reads the non-test Go files of analyzers/... and internal/...
// (except the contract package itself), keyed by module-relative directory.
func scanPackages(root string, ids map[string]string) (map[string]*pkgInfo, error) {
	pkgs := map[string]*pkgInfo{}
	fset := token.NewFileSet()
	for _, top := range []string{"analyzers", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if n := d.Name(); n == "testdata" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			rel, err := filepath.Rel(root, filepath.Dir(p))
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if rel == "internal/contract" {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
			if err != nil {
				return nil // broken files are the compiler's business
			}
			if ignored(f) {
				return nil
			}
			pi := pkgs[rel]
			if pi == nil {
				pi = &pkgInfo{ids: map[string]bool{}, imports: map[string]bool{}}
				pkgs[rel] = pi
			}
			scanFile(f, ids, pi)
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
	}
	return pkgs, nil
}

var ignoreRE = regexp.MustCompile(`^//go:build\s+ignore\s*$`)

func ignored(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if ignoreRE.MatchString(c.Text) {
				return true
			}
		}
	}
	return false
}

func scanFile(f *ast.File, ids map[string]string, pi *pkgInfo) {
	local := ""
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		if p == ContractPkg {
			local = "contract"
			if imp.Name != nil {
				local = imp.Name.Name
			}
		} else if rest, ok := strings.CutPrefix(p, Module+"/"); ok {
			pi.imports[path.Clean(rest)] = true
		}
	}
	if local == "" || local == "_" {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && x.Name == local && local != "." {
				if v, ok := ids[n.Sel.Name]; ok {
					pi.ids[v] = true
				}
			}
		case *ast.Ident:
			if local == "." {
				if v, ok := ids[n.Name]; ok {
					pi.ids[v] = true
				}
			}
		}
		return true
	})
}

// Generate returns the content of GeneratedFile for the repository at root.
func Generate(root string) ([]byte, error) {
	res, err := Scan(root)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by %q; DO NOT EDIT.\n\n", Command)
	b.WriteString("package contract\n\n")
	b.WriteString("// usedBy lists, for each contract, the analyzers whose source (or the\n")
	b.WriteString("// module packages they import) mentions its ID.\n")
	b.WriteString("var usedBy = map[ID][]string{\n")
	for _, id := range sortedKeys(res.UsedBy) {
		fmt.Fprintf(&b, "\t%q: {", id)
		for i, a := range res.UsedBy[id] {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q", a)
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n\n")
	b.WriteString("// declaredIn names the table file each contract is declared in\n")
	b.WriteString("// (\"chan\" for table_chan.go).\n")
	b.WriteString("var declaredIn = map[ID]string{\n")
	for _, id := range sortedKeys(res.Area) {
		fmt.Fprintf(&b, "\t%q: %q,\n", id, res.Area[id])
	}
	b.WriteString("}\n\n")
	b.WriteString("// areaTitles holds the doc comment of each table's ID constants.\n")
	b.WriteString("var areaTitles = map[string]string{\n")
	for _, a := range sortedKeys(res.Title) {
		fmt.Fprintf(&b, "\t%q: %q,\n", a, res.Title[a])
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
