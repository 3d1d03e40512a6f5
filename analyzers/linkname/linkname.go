package linkname

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/linkcheck"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer is the linkname analyzer.
var Analyzer = newAnalyzer()

// config holds the analyzer's flags; it is bound once, when the driver
// parses its command line, and only read afterwards.
type config struct {
	std bool
}

func newAnalyzer() *analysis.Analyzer {
	cfg := new(config)
	a := &analysis.Analyzer{
		Name:     "linkname",
		Doc:      analysisutil.Doc(doc, "linkname"),
		URL:      analysisutil.URL("linkname"),
		Requires: []*analysis.Analyzer{directive.Analyzer},
		Run:      cfg.run,
	}
	a.Flags.BoolVar(&cfg.std, "std", false, "also check standard-library packages, which pull each other's symbols by design")
	return a
}

// containedFile is the one file name under which a package may keep its
// pulls, documented and version-checked.
const containedFile = "runtime_linkname.go"

// A pull is one two-argument //go:linkname naming a standard-library
// symbol.
type pull struct {
	comment       *ast.Comment
	file          *ast.File
	local, target string
	obj           types.Object
	isVar         bool
	definition    bool // a function with a body or a variable with a value
}

func (cfg *config) run(pass *analysis.Pass) (any, error) {
	// The compiler accepts //go:linkname only in files importing unsafe.
	if !analysisutil.Imports(pass.Pkg, "unsafe") {
		return nil, nil
	}
	cands := candidates(pass)
	if len(cands) == 0 {
		return nil, nil
	}
	tc := contract.Default()
	std := inGOROOT(pass, tc.GOROOT)
	if std && !cfg.std {
		// std and cmd are built from the same tree as the symbols they
		// pull, in lockstep, and the linker checks them itself.
		return nil, nil
	}
	var pulls []*pull
	for _, p := range cands {
		pkg, _ := linkcheck.SplitSymbol(p.target)
		if pkg == pass.Pkg.Path() || !linkcheck.IsStd(tc.GOROOT, pkg) {
			continue // the package's own symbols; symbols outside std
		}
		resolve(pass, p)
		if p.definition && std {
			continue // std's pushes to other std packages
		}
		pulls = append(pulls, p)
	}
	if len(pulls) == 0 {
		return nil, nil
	}
	// Built lazily, once per process and target: only packages that
	// pull a std symbol get here.
	ix := linkcheck.For(linkcheck.DefaultTarget(tc.GOROOT, tc.Version))
	ck := &checker{pass: pass, r: report.New(pass), ix: ix, used: usedObjects(pass, pulls)}
	ck.where = ix.Target().Version
	if ck.where == "" {
		ck.where = "this toolchain"
	}
	ck.where += " " + ix.Target().String()

	byFile := map[*ast.File][]*pull{}
	var files []*ast.File
	for _, p := range pulls {
		if byFile[p.file] == nil {
			files = append(files, p.file)
		}
		byFile[p.file] = append(byFile[p.file], p)
	}
	for _, f := range files {
		if filepath.Base(pass.Fset.File(f.Pos()).Name()) == containedFile {
			ck.contained(f, byFile[f])
			continue
		}
		for _, p := range byFile[f] {
			ck.loose(p)
		}
	}
	return nil, nil
}

// candidates returns the two-argument //go:linkname directives of the
// package's files.
func candidates(pass *analysis.Pass) []*pull {
	var out []*pull
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rest, ok := strings.CutPrefix(c.Text, "//go:linkname ")
				if !ok {
					continue
				}
				fields := strings.Fields(rest)
				if len(fields) != 2 {
					continue // the one-argument push, or malformed
				}
				out = append(out, &pull{comment: c, file: f, local: fields[0], target: fields[1]})
			}
		}
	}
	return out
}

// inGOROOT reports whether the package's files are in $GOROOT/src.
func inGOROOT(pass *analysis.Pass, goroot string) bool {
	if goroot == "" || len(pass.Files) == 0 {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	src := filepath.Join(goroot, "src") + string(filepath.Separator)
	return strings.HasPrefix(name, src)
}

// resolve finds the local object a directive names and whether its
// declaration is a definition (a func with a body, a var with a value)
// or a pull (a body-less func, a var without value).
func resolve(pass *analysis.Pass, p *pull) {
	p.obj = pass.Pkg.Scope().Lookup(p.local)
	switch obj := p.obj.(type) {
	case *types.Var:
		p.isVar = true
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				gd, ok := d.(*ast.GenDecl)
				if !ok || gd.Tok != token.VAR {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					for _, n := range vs.Names {
						if pass.TypesInfo.Defs[n] == obj {
							p.definition = len(vs.Values) > 0
						}
					}
				}
			}
		}
	case *types.Func:
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && pass.TypesInfo.Defs[fd.Name] == obj {
					p.definition = fd.Body != nil
				}
			}
		}
	}
}

// usedObjects returns the pulled locals that the package refers to.
func usedObjects(pass *analysis.Pass, pulls []*pull) map[types.Object]bool {
	want := map[types.Object]bool{}
	for _, p := range pulls {
		if p.obj != nil {
			want[p.obj] = false
		}
	}
	for _, obj := range pass.TypesInfo.Uses {
		if _, ok := want[obj]; ok {
			want[obj] = true
		}
	}
	return want
}

type checker struct {
	pass  *analysis.Pass
	r     *report.Reporter
	ix    *linkcheck.Index
	used  map[types.Object]bool
	where string // "go1.26.8 linux/amd64"
}

// loose reports a pull outside runtime_linkname.go: always, with the
// link-time verdict.
func (ck *checker) loose(p *pull) {
	if p.definition {
		ck.reportDefinition(p)
		return
	}
	v := ck.ix.Check(ck.pass.Pkg.Path(), p.target, p.isVar)
	if ck.ix.Intrinsic(ck.pass.Pkg.Path(), p.local) {
		v.Kind, v.Links = linkcheck.Unknown, true // compiled to an instruction: nothing to link
	}
	verdict, ids := ck.verdict(p, v)
	msg := fmt.Sprintf("//go:linkname pull of %s reaches into the standard library's internals, which any Go release may rename, change or remove", p.target)
	if verdict != "" {
		msg += "; " + verdict
	}
	msg += "; " + remedy(p.target, v.Links)
	ck.r.Report(p.comment, msg, ids...)
}

// contained checks runtime_linkname.go: its top-of-file comment must name
// each pulled symbol and the Go versions it is known to work with, and
// the package must check runtime.Version(). A pull that will not link is
// reported there too.
func (ck *checker) contained(f *ast.File, pulls []*pull) {
	top := topComment(f)
	first := pulls[0]
	if !goVersionMention.MatchString(top) {
		ck.r.Review(first.comment, "the top-of-file comment of runtime_linkname.go names no Go version: say which Go versions each pulled symbol is known to work with, so that an upgrade is a deliberate step", contract.LinknamePullNeedsPush)
	}
	if !ck.checksVersion(f) {
		ck.r.Review(first.comment, fmt.Sprintf("package %s pulls standard-library internals in runtime_linkname.go but never checks runtime.Version(): refuse or degrade on a Go version the pulls were not tested with (or pin the file with a //go:build go1.N && !go1.M constraint)", ck.pass.Pkg.Name()), contract.RuntimeVersionString)
	}
	for _, p := range pulls {
		if p.definition {
			ck.reportDefinition(p)
			continue
		}
		if !namesSymbol(top, p.target) {
			ck.r.Review(p.comment, fmt.Sprintf("runtime_linkname.go pulls %s but its top-of-file comment does not name it: list each pulled symbol with the Go versions it is known to work with", p.target), contract.LinknamePullNeedsPush)
		}
		v := ck.ix.Check(ck.pass.Pkg.Path(), p.target, p.isVar)
		if v.Links && v.Kind != linkcheck.NewVar {
			continue
		}
		verdict, ids := ck.verdict(p, v)
		ck.r.Report(p.comment, fmt.Sprintf("//go:linkname pull of %s: %s; %s", p.target, verdict, remedy(p.target, false)), ids...)
	}
}

// reportDefinition reports a //go:linkname that gives a definition (a
// function with a body, a variable with a value) a standard-library name.
func (ck *checker) reportDefinition(p *pull) {
	def := ck.ix.Lookup(p.target)
	if def.Defined && !p.isVar {
		ck.r.Report(p.comment, fmt.Sprintf("//go:linkname gives %s the name of the standard-library symbol %s, which %s already defines (%s): linking fails with a duplicated definition; rename it", p.local, p.target, ck.where, def.Where), contract.LinknameDuplicateDef)
		return
	}
	ck.r.Report(p.comment, fmt.Sprintf("//go:linkname gives %s the name of the standard-library symbol %s, replacing or supplying part of the standard library behind its back; any Go release may change what it expects of %s", p.local, p.target, p.target), contract.LinknameOnlyPullsChecked)
}

// alternatives maps pulled symbols to the public API that replaces them.
var alternatives = map[string]string{
	"runtime.nanotime":        "time.Now (its monotonic reading) and time.Since",
	"runtime.nanotime1":       "time.Now (its monotonic reading) and time.Since",
	"runtime.walltime":        "time.Now",
	"time.now":                "time.Now",
	"time.runtimeNano":        "time.Now (its monotonic reading) and time.Since",
	"runtime.fastrand":        "math/rand/v2",
	"runtime.fastrandn":       "math/rand/v2",
	"runtime.fastrand64":      "math/rand/v2",
	"runtime.fastrandu":       "math/rand/v2",
	"runtime.cheaprand":       "math/rand/v2",
	"runtime.cheaprandn":      "math/rand/v2",
	"runtime.memhash":         "hash/maphash",
	"runtime.strhash":         "hash/maphash",
	"runtime.memhash64":       "hash/maphash",
	"runtime.memhash32":       "hash/maphash",
	"runtime.gcount":          "runtime.NumGoroutine",
	"runtime.mcount":          "runtime/metrics",
	"runtime.stopTheWorld":    "runtime/metrics or runtime.ReadMemStats",
	"runtime.getg":            "context values or pprof labels",
	"runtime.Goid":            "context values or pprof labels",
	"runtime.goid":            "context values or pprof labels",
	"runtime.throw":           "panic",
	"runtime.fatal":           "panic",
	"runtime.memmove":         "copy",
	"runtime.procyield":       "runtime.Gosched or a sync primitive",
	"sync.runtime_doSpin":     "sync.Mutex",
	"sync.runtime_canSpin":    "sync.Mutex",
	"runtime.newobject":       "new or reflect.New",
	"reflect.unsafe_New":      "reflect.New",
	"runtime.mallocgc":        "make or new",
	"runtime.typedmemmove":    "reflect.Copy or typed assignment",
	"runtime.cputicks":        "time.Now",
	"runtime.findfunc":        "runtime.FuncForPC or runtime.CallersFrames",
	"runtime.funcname":        "runtime.FuncForPC",
	"runtime.callers":         "runtime.Callers",
	"runtime.readUnaligned64": "encoding/binary",
}

// remedy says what to do instead.
func remedy(sym string, links bool) string {
	alt, known := alternatives[sym]
	if !known {
		alt = "a public API"
	}
	switch {
	case !links:
		return "use " + alt + " (-ldflags=-checklinkname=0 only silences the linker)"
	case known:
		return "use " + alt + " instead"
	}
	return "use a public API; if there is none, keep the pull in a file named runtime_linkname.go whose top comment lists each pulled symbol with the Go versions it was tested with, and check runtime.Version() before relying on it"
}

// topComment returns the text of the comments above the file's first
// declaration other than imports, without that declaration's own doc.
func topComment(f *ast.File) string {
	end := f.End()
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			continue
		}
		end = d.Pos()
		var doc *ast.CommentGroup
		switch d := d.(type) {
		case *ast.FuncDecl:
			doc = d.Doc
		case *ast.GenDecl:
			doc = d.Doc
		}
		if doc != nil {
			end = doc.Pos()
		}
		break
	}
	var b strings.Builder
	for _, cg := range f.Comments {
		if cg.End() > end {
			break
		}
		for _, c := range cg.List {
			if !strings.HasPrefix(c.Text, "//go:") {
				b.WriteString(c.Text)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

var goVersionMention = regexp.MustCompile(`(?i)\bgo ?1\.\d+|\b1\.\d{1,2}\b`)

// namesSymbol reports whether the comment names the symbol, in full
// ("runtime.nanotime") or by its name ("nanotime").
func namesSymbol(text, sym string) bool {
	if strings.Contains(text, sym) {
		return true
	}
	_, name := linkcheck.SplitSymbol(sym)
	return regexp.MustCompile(`(^|[^\w])` + regexp.QuoteMeta(name) + `($|[^\w])`).MatchString(text)
}

var buildUpperBound = regexp.MustCompile(`!\s*go1\.\d+`)

// checksVersion reports whether the package calls runtime.Version
// anywhere, or the file's build constraint excludes newer Go versions.
func (ck *checker) checksVersion(f *ast.File) bool {
	for _, obj := range ck.pass.TypesInfo.Uses {
		if fn, ok := obj.(*types.Func); ok && analysisutil.IsPkgFunc(fn, "runtime", "Version") {
			return true
		}
	}
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:build ") && buildUpperBound.MatchString(c.Text) {
				return true
			}
		}
	}
	return false
}
