package golifecycle_test

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/analyzers/ctxblock"
	"github.com/rtlint/rtlint/analyzers/golifecycle"
	"github.com/rtlint/rtlint/internal/report"
)

var update = flag.Bool("update", false, "rewrite testdata/leakcorpus.txt from this run")

// The 30 kernels of Go's goroutine-leak corpus whose leak is rooted in a
// channel (the other goker kernels deadlock on mutexes, wait groups and
// condition variables).
var channelKernels = []string{
	"NoCloseRange", "MethodContractViolation", "DoubleSend", "EarlyReturn", "NCastLeak", "Timeout",
	"Cockroach10790", "Cockroach13197", "Cockroach13755", "Cockroach1462", "Cockroach18101",
	"Cockroach2448", "Cockroach24808", "Cockroach25456", "Cockroach35073", "Cockroach35931",
	"Etcd6857", "Grpc1275", "Grpc1424", "Grpc660", "Grpc862", "Istio17860", "Istio18454",
	"Kubernetes25331", "Kubernetes38669", "Kubernetes5316", "Kubernetes70277", "Moby21233",
	"Moby33781", "Syncthing5795",
}

// minFound is the floor the issue sets: found in both variants.
const minFound = 24

// TestLeakCorpus runs golifecycle and ctxblock on a copy of the runtime's
// goroutine-leak corpus ($GOROOT/src/runtime/testdata/testgoroutineleakprofile),
// once as shipped (package main) and once as a library (package renamed,
// the init registrations and main removed, the kernels' exported functions
// kept), and keeps the per-kernel table in testdata/leakcorpus.txt: where
// each channel kernel is found (by which analyzer), or why it is missed.
// A finding counts when it points at a blocking operation of a goroutine
// that the runtime's own leak test (runtime/goroutineleakprofile_test.go)
// expects to leak, with the same wait reason. The test fails when a kernel
// found before is missed, when fewer than minFound are found in either
// variant, or when a finding in any kernel claims a leak the runtime test
// does not expect (the mutex, WaitGroup and Cond kernels included). Run
// with -update to rewrite the table.
func TestLeakCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyzes the leak corpus")
	}
	goroot := goEnv(t, "GOROOT")
	corpus := filepath.Join(goroot, "src", "runtime", "testdata", "testgoroutineleakprofile")
	truthFile := filepath.Join(goroot, "src", "runtime", "goroutineleakprofile_test.go")
	if _, err := os.Stat(truthFile); err != nil {
		t.Skipf("no leak corpus in this toolchain: %v", err)
	}
	truth := expectedLeaks(t, truthFile)
	// The runtime's test leaves Kubernetes1321 out (its program can crash
	// on a race) but documents the leak: the goroutine running m.loop
	// blocks sending on a watcher's result channel nobody reads.
	truth["Kubernetes1321"] = append(truth["Kubernetes1321"],
		regexp.MustCompile(`\(\*Mux_kubernetes1321\)\.(loop|distribute)\(.* \[chan send\]`))
	dir := t.TempDir()
	kernels := writeCorpus(t, corpus, dir)

	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the corpus copy does not type-check")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{golifecycle.Analyzer, ctxblock.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var findings []finding
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		if act.Analyzer != golifecycle.Analyzer && act.Analyzer != ctxblock.Analyzer {
			continue
		}
		for _, d := range act.Diagnostics {
			if report.TierOf(d) != report.Default {
				continue
			}
			p := act.Package.Fset.Position(d.Pos)
			findings = append(findings, finding{analyzer: act.Analyzer.Name, pos: d.Pos, file: p.Filename, line: p.Line, msg: d.Message, pkg: act.Package})
		}
	}
	sort.Slice(findings, func(i, j int) bool {
		if findings[i].file != findings[j].file {
			return findings[i].file < findings[j].file
		}
		return findings[i].line < findings[j].line
	})

	want := readTable(t)
	var extras []string
	names := newNamer(t, pkgs)
	table := make(map[string]*row) // by kernel and variant
	isChan := make(map[string]bool)
	for _, k := range channelKernels {
		isChan[k] = true
	}
	for _, v := range []string{"main", "library"} {
		for _, k := range channelKernels {
			table[k+"\t"+v] = &row{kernel: k, variant: v}
		}
	}
	for _, f := range findings {
		variant := "main"
		if strings.Contains(f.file, string(filepath.Separator)+"lib"+string(filepath.Separator)) {
			variant = "library"
		}
		kernel := kernels.of(f.file, names.topFunc(f))
		where := fmt.Sprintf("%s %s:%d", f.analyzer, filepath.Base(f.file), f.line)
		if kernel == "" {
			t.Errorf("%s: finding outside any kernel: %s", where, f.msg)
			continue
		}
		cands, reason := names.entries(f)
		ok := matches(truth[kernel], cands, reason)
		if !ok {
			// A claim the runtime's run does not show is allowed only
			// once reviewed as true: a latent leak on another path.
			key := kernel + "\t" + variant + "\textra\t" + where
			if r := want[kernel+"\t"+variant+"\t"+where]; r != nil && r.why != "" && r.why != unreviewed {
				extras = append(extras, key+": "+r.why)
				continue
			}
			extras = append(extras, key+": "+unreviewed)
			t.Errorf("%s (%s, %s): a leak claim the runtime's test does not expect (goroutines %v, %s), not reviewed in testdata/leakcorpus.txt:\n\t%s", where, kernel, variant, cands, reason, f.msg)
			continue
		}
		if !isChan[kernel] {
			t.Logf("%s (%s, %s): a channel leak the runtime's test expects in a kernel rooted elsewhere: %s", where, kernel, variant, f.msg)
			continue
		}
		r := table[kernel+"\t"+variant]
		if r.where == "" {
			r.where = where
		}
	}

	var out bytes.Buffer
	out.WriteString("# Go's goroutine-leak corpus, the 30 kernels rooted in a channel: where\n")
	out.WriteString("# golifecycle and ctxblock find each (analyzer, file:line of the first\n")
	out.WriteString("# default-tier finding), or why they miss it. Written by\n")
	out.WriteString("# go test ./analyzers/golifecycle -run TestLeakCorpus -update\n")
	out.WriteString("# kernel\tvariant\tresult\twhere or why\n")
	found := map[string]int{}
	for _, k := range channelKernels {
		for _, v := range []string{"main", "library"} {
			r := table[k+"\t"+v]
			old := want[k+"\t"+v]
			if r.where != "" {
				found[v]++
				fmt.Fprintf(&out, "%s\t%s\tfound\t%s\n", k, v, r.where)
				if old != nil && !old.found {
					t.Logf("newly found: %s (%s) at %s", k, v, r.where)
				}
				continue
			}
			why := "not found"
			if old != nil && !old.found && old.where != "" {
				why = old.where
			}
			fmt.Fprintf(&out, "%s\t%s\tmissed\t%s\n", k, v, why)
			if old != nil && old.found {
				t.Errorf("%s (%s) was found (%s) and is now missed", k, v, old.where)
			}
		}
	}
	out.WriteString("# Claims the runtime's run does not show, each reviewed as a true latent\n")
	out.WriteString("# leak (the goroutine is stuck elsewhere first in the kernel's run):\n")
	sort.Strings(extras)
	for _, x := range extras {
		out.WriteString(x + "\n")
	}
	t.Logf("found: %d of %d as package main, %d of %d as a library", found["main"], len(channelKernels), found["library"], len(channelKernels))
	for _, v := range []string{"main", "library"} {
		if found[v] < minFound {
			t.Errorf("%s variant: %d of %d kernels found, want at least %d", v, found[v], len(channelKernels), minFound)
		}
	}
	if *update {
		if err := os.WriteFile(filepath.Join("testdata", "leakcorpus.txt"), out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type finding struct {
	analyzer  string
	pos       token.Pos
	file, msg string
	line      int
	pkg       *packages.Package
}

type row struct {
	kernel, variant, where string
	found                  bool
	why                    string // for an extra claim
}

// unreviewed marks an extra claim -update wrote that nobody has reviewed.
const unreviewed = "UNREVIEWED"

// readTable reads the expectation: by kernel and variant, whether it was
// found and where (or why not).
func readTable(t *testing.T) map[string]*row {
	data, err := os.ReadFile(filepath.Join("testdata", "leakcorpus.txt"))
	if err != nil {
		if *update {
			return nil
		}
		t.Fatal(err)
	}
	out := make(map[string]*row)
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 4)
		if len(f) != 4 {
			t.Fatalf("testdata/leakcorpus.txt: bad line %q", line)
		}
		if f[2] == "extra" {
			where, why, _ := strings.Cut(f[3], ": ")
			out[f[0]+"\t"+f[1]+"\t"+where] = &row{kernel: f[0], variant: f[1], where: where, why: why}
			continue
		}
		out[f[0]+"\t"+f[1]] = &row{kernel: f[0], variant: f[1], found: f[2] == "found", where: f[3]}
	}
	return out
}

func goEnv(t *testing.T, name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

// kernelIndex maps the files (and, for commonpatterns.go, the functions)
// of the corpus copy to kernel names.
type kernelIndex struct {
	byFile map[string]string // base name of a goker file
	byFunc map[string]string // top-level function or method of commonpatterns.go
}

func (k *kernelIndex) of(file, top string) string {
	if filepath.Base(file) == "commonpatterns.go" {
		return k.byFunc[top]
	}
	return k.byFile[filepath.Base(file)]
}

// writeCorpus copies the corpus into dir as a module with four packages:
// main/goker and main/patterns as shipped, lib/goker and lib/patterns as
// libraries.
func writeCorpus(t *testing.T, corpus, dir string) *kernelIndex {
	version := strings.TrimPrefix(goEnv(t, "GOVERSION"), "go")
	if parts := strings.SplitN(version, ".", 3); len(parts) >= 2 {
		version = parts[0] + "." + parts[1]
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module leakcorpus\n\ngo "+version+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := &kernelIndex{byFile: map[string]string{}, byFunc: map[string]string{
		"noCloseRange": "NoCloseRange", "NoCloseRange": "NoCloseRange",
		"worker": "MethodContractViolation", "workerLifecycle": "MethodContractViolation", "MethodContractViolation": "MethodContractViolation",
		"doubleSend": "DoubleSend", "DoubleSend": "DoubleSend",
		"earlyReturn": "EarlyReturn", "EarlyReturn": "EarlyReturn",
		"nCastLeak": "NCastLeak", "NCastLeak": "NCastLeak",
		"timeout": "Timeout", "Timeout": "Timeout",
	}}
	gokerFiles, err := filepath.Glob(filepath.Join(corpus, "goker", "*.go"))
	if err != nil || len(gokerFiles) == 0 {
		t.Fatalf("no goker kernels in %s: %v", corpus, err)
	}
	sets := map[string][]string{
		"goker":    gokerFiles,
		"patterns": {filepath.Join(corpus, "main.go"), filepath.Join(corpus, "commonpatterns.go")},
	}
	for set, files := range sets {
		for _, variant := range []string{"main", "lib"} {
			out := filepath.Join(dir, variant, set)
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			for _, file := range files {
				src, name := copyKernel(t, file, variant == "lib", set)
				if name != "" && set == "goker" {
					idx.byFile[filepath.Base(file)] = name
				}
				if err := os.WriteFile(filepath.Join(out, filepath.Base(file)), src, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return idx
}

// copyKernel returns the source of a corpus file, as shipped or turned
// into a library (package renamed, init and main removed), and the name
// the file registers.
func copyKernel(t *testing.T, file string, library bool, pkg string) ([]byte, string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	name := ""
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if id, isID := callName(call); ok && isID && id == "register" && len(call.Args) == 2 {
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && name == "" {
				name, _ = strconv.Unquote(lit.Value)
			}
		}
		return true
	})
	if !library {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return data, name
	}
	f.Name.Name = pkg
	var decls []ast.Decl
	var drop [][2]token.Pos
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && (fd.Name.Name == "init" || fd.Name.Name == "main") {
			drop = append(drop, [2]token.Pos{fd.Pos(), fd.End()})
			continue
		}
		decls = append(decls, d)
	}
	f.Decls = decls
	var comments []*ast.CommentGroup
	for _, cg := range f.Comments {
		keep := true
		for _, r := range drop {
			if cg.Pos() >= r[0] && cg.End() <= r[1] {
				keep = false
			}
		}
		if keep {
			comments = append(comments, cg)
		}
	}
	f.Comments = comments
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), name
}

func callName(call *ast.CallExpr) (string, bool) {
	if call == nil {
		return "", false
	}
	id, ok := call.Fun.(*ast.Ident)
	if !ok {
		return "", false
	}
	return id.Name, true
}
