package unsaferuntime

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// stackParsing reports runtime.Stack(buf, false) and debug.Stack() calls
// in a function that also looks for the "goroutine " prefix of the
// traceback header (a literal, or a package-level variable or constant
// holding one): the goroutine-ID hack.
func (ck *checker) stackParsing() {
	info := ck.pass.TypesInfo
	prefixObjs := ck.goroutinePrefixObjects()
	for cur := range ck.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := analysisutil.Callee(info, call)
		switch {
		case analysisutil.IsPkgFunc(fn, "runtime", "Stack"):
			if len(call.Args) != 2 {
				continue
			}
			tv := info.Types[call.Args[1]]
			if tv.Value == nil || tv.Value.Kind() != constant.Bool || constant.BoolVal(tv.Value) {
				continue // all goroutines: a dump, not an ID lookup
			}
		case analysisutil.IsPkgFunc(fn, "runtime/debug", "Stack"):
		default:
			continue
		}
		owner, ok := analysisutil.EnclosingFunc(cur)
		if !ok || !mentionsGoroutinePrefix(info, owner.Node(), prefixObjs) {
			continue
		}
		ck.report(call, "parses the goroutine ID out of the \"goroutine N [...]\" header of a stack trace: Go keeps goroutine IDs hidden on purpose, the header is diagnostic text, and every call walks and formats the stack; pass request-scoped values in a context.Context, or tag goroutines with pprof labels (runtime/pprof.Do)",
			contract.GoroutineHeaderFormat)
	}
}

// isGoroutinePrefix reports whether a string literal starts with
// "goroutine", the traceback header.
func isGoroutinePrefix(lit *ast.BasicLit) bool {
	if lit.Kind != token.STRING {
		return false
	}
	s, err := strconv.Unquote(lit.Value)
	return err == nil && strings.HasPrefix(s, "goroutine") && len(s) <= len("goroutine ")+1
}

// goroutinePrefixObjects returns the package-level variables and
// constants initialised from a "goroutine " literal (http2's
// goroutineSpace = []byte("goroutine ")).
func (ck *checker) goroutinePrefixObjects() map[types.Object]bool {
	out := map[types.Object]bool{}
	for _, f := range ck.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || (gd.Tok != token.VAR && gd.Tok != token.CONST) {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, v := range vs.Values {
					found := false
					ast.Inspect(v, func(n ast.Node) bool {
						if lit, ok := n.(*ast.BasicLit); ok && isGoroutinePrefix(lit) {
							found = true
						}
						return !found
					})
					if found && i < len(vs.Names) {
						if obj := ck.pass.TypesInfo.Defs[vs.Names[i]]; obj != nil {
							out[obj] = true
						}
					}
				}
			}
		}
	}
	return out
}

// mentionsGoroutinePrefix reports whether the function uses the
// "goroutine " prefix to cut the header (TrimPrefix, len("goroutine "),
// an index), not merely to check that a trace starts with it (HasPrefix,
// as the runtime's own tests do).
func mentionsGoroutinePrefix(info *types.Info, owner ast.Node, objs map[types.Object]bool) bool {
	found := false
	visit := func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn := analysisutil.Callee(info, n); fn != nil && fn.Name() == "HasPrefix" &&
				(analysisutil.IsPkgFunc(fn, "strings", "HasPrefix") || analysisutil.IsPkgFunc(fn, "bytes", "HasPrefix")) {
				return false // a format check
			}
		case *ast.BasicLit:
			found = isGoroutinePrefix(n)
		case *ast.Ident:
			found = objs[info.Uses[n]]
		}
		return !found
	}
	ast.Inspect(owner, visit)
	return found
}

// goidFunc matches the names goroutine-ID helpers go by: goid, getGoID,
// curGoroutineID, GetGoroutineId, runtime_goid.
var goidFunc = regexp.MustCompile(`(?i)^_?(get|cur|current|runtime_?)?_?go(routine)?_?id$`)

// goidThroughUnsafe reports functions named like a goroutine-ID helper
// that read memory through unsafe or call an assembly function (getg).
func (ck *checker) goidThroughUnsafe() {
	info := ck.pass.TypesInfo
	for cur := range ck.insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fd.Body == nil || !goidFunc.MatchString(fd.Name.Name) {
			continue
		}
		how := ""
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if how != "" {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if t, arg := ck.conversion(call); t != nil {
				if _, isPtr := t.Underlying().(*types.Pointer); isPtr {
					if at := info.TypeOf(arg); at != nil && isUnsafePointer(at) {
						how = "through unsafe"
					}
				}
				return true
			}
			if fn := analysisutil.Callee(info, call); fn != nil && fn.Pkg() == ck.pass.Pkg && hasNoBody(ck.pass.Files, fn) {
				how = "through assembly (" + fn.Name() + ")"
			}
			return true
		})
		if how == "" {
			continue
		}
		ck.report(fd.Name, fd.Name.Name+" reads the goroutine ID out of the runtime's private g "+how+": g's layout changes in almost every release, and Go keeps goroutine IDs hidden on purpose; pass request-scoped values in a context.Context, or tag goroutines with pprof labels (runtime/pprof.Do)",
			contract.GLayoutUnstable)
	}
}

// hasNoBody reports whether fn is declared without a body (implemented
// in assembly or pulled by linkname).
func hasNoBody(files []*ast.File, fn *types.Func) bool {
	for _, f := range files {
		if f.FileStart > fn.Pos() || fn.Pos() > f.FileEnd {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Pos() == fn.Pos() {
				return fd.Body == nil
			}
		}
	}
	return false
}
