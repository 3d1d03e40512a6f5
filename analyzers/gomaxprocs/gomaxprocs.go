package gomaxprocs

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "gomaxprocs",
	Doc:      analysisutil.Doc(doc, "gomaxprocs"),
	URL:      analysisutil.URL("gomaxprocs"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

const automaxprocs = "go.uber.org/automaxprocs"

func run(pass *analysis.Pass) (any, error) {
	if analysisutil.IsMain(pass) {
		return nil, nil
	}
	r := report.New(pass)
	for _, f := range pass.Files {
		if analysisutil.IsTestFile(pass, f.Pos()) {
			continue
		}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == automaxprocs && imp.Name != nil && imp.Name.Name == "_" {
				msg := "importing automaxprocs from a library sets GOMAXPROCS for the whole process at init, overriding main and the GOMAXPROCS environment variable: import it in package main if at all"
				ids := []contract.ID{contract.GOMAXPROCSChangeStopsTheWorld}
				if analysisutil.AtLeast(analysisutil.FileVersion(pass, f), "go1.25") {
					msg = "importing automaxprocs from a library sets GOMAXPROCS for the whole process, which since Go 1.25 turns off the runtime's own container-aware updates that make it redundant: remove the import"
					ids = []contract.ID{contract.SetGOMAXPROCSDisablesAutoUpdate}
				}
				if analysisutil.SupportOf(pass, imp.Pos()) != analysisutil.NotSupport {
					r.Review(imp, msg, ids...)
				} else {
					r.Report(imp, msg, ids...)
				}
			}
		}
	}
	if !analysisutil.Imports(pass.Pkg, "runtime") {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if len(call.Args) != 1 || !analysisutil.IsCallTo(pass.TypesInfo, call, "runtime", "GOMAXPROCS") {
			continue
		}
		arg := call.Args[0]
		if analysisutil.IsTestFile(pass, call.Pos()) || isQuery(pass, arg) || forwardsParam(pass, cur, arg) || isRestore(pass, cur, arg) {
			continue
		}
		f := analysisutil.File(pass, call.Pos())
		// Test support, or a test helper, owns the process it runs in; a
		// call made only when the GOMAXPROCS environment variable is unset
		// leaves the process owner the last word.
		emit := r.Report
		if analysisutil.SupportOf(pass, call.Pos()) != analysisutil.NotSupport || analysisutil.InTestHelper(pass.TypesInfo, cur) || underEnvCheck(pass, cur) {
			emit = r.Review
		}
		if analysisutil.AtLeast(analysisutil.FileVersion(pass, f), "go1.25") {
			emit(call, "a library that sets GOMAXPROCS overrides the process owner's choice and, since Go 1.25, turns off the runtime's container-aware updates for the whole process, even if it later puts the old value back (a changed value also stops the world): leave it to package main; GOMAXPROCS(0) only reads it",
				contract.SetGOMAXPROCSDisablesAutoUpdate, contract.GOMAXPROCSChangeStopsTheWorld)
			continue
		}
		// Before Go 1.25 a value put back restores everything: only the
		// stops of the world remain, an observation.
		if line := restoredAt(pass, cur); line > 0 {
			r.Review(call, fmt.Sprintf("a library that changes GOMAXPROCS for a while (restored on line %d) changes it for every goroutine of the process meanwhile, and each change stops the world: leave it to package main", line),
				contract.GOMAXPROCSChangeStopsTheWorld)
			continue
		}
		emit(call, "a library that sets GOMAXPROCS overrides the process owner's choice for every package, and a changed value stops the world: leave it to package main; GOMAXPROCS(0) only reads it",
			contract.GOMAXPROCSChangeStopsTheWorld)
	}
	return nil, nil
}

// underEnvCheck reports whether the call runs only after a look at the
// GOMAXPROCS environment variable: it is in the body of an if whose
// condition calls os.Getenv("GOMAXPROCS") or os.LookupEnv("GOMAXPROCS").
func underEnvCheck(pass *analysis.Pass, cur inspector.Cursor) bool {
	return analysisutil.UnderIf(cur, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 || !analysisutil.IsCallTo(pass.TypesInfo, call, "os", "Getenv", "LookupEnv") {
			return false
		}
		tv := pass.TypesInfo.Types[call.Args[0]]
		return tv.Value != nil && constant.StringVal(tv.Value) == "GOMAXPROCS"
	})
}

// restoredAt returns the line of the call that puts back the value the
// GOMAXPROCS call at cur returns: defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n))
// or prev := runtime.GOMAXPROCS(n); ...; runtime.GOMAXPROCS(prev) in the
// same function; 0 when there is none.
func restoredAt(pass *analysis.Pass, cur inspector.Cursor) int {
	line := func(n ast.Node) int { return pass.Fset.Position(n.Pos()).Line }
	if outer, ok := cur.Parent().Node().(*ast.CallExpr); ok && analysisutil.IsCallTo(pass.TypesInfo, outer, "runtime", "GOMAXPROCS") {
		return line(outer)
	}
	var v types.Object
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 {
			if id, ok := p.Lhs[0].(*ast.Ident); ok {
				v = pass.TypesInfo.ObjectOf(id)
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 {
			v = pass.TypesInfo.Defs[p.Names[0]]
		}
	}
	fn, ok := analysisutil.EnclosingFunc(cur)
	if v == nil || !ok {
		return 0
	}
	at := 0
	ast.Inspect(fn.Node(), func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if ok && at == 0 && len(call.Args) == 1 && analysisutil.IsCallTo(pass.TypesInfo, call, "runtime", "GOMAXPROCS") {
			if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == v {
				at = line(call)
			}
		}
		return at == 0
	})
	return at
}

// isQuery reports whether arg is a constant below 1, which only reads the
// setting.
func isQuery(pass *analysis.Pass, arg ast.Expr) bool {
	tv, ok := pass.TypesInfo.Types[arg]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Int && constant.Sign(tv.Value) <= 0
}

// isRestore reports whether arg is the previous setting, returned by an
// earlier GOMAXPROCS call: "defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))"
// or "prev := runtime.GOMAXPROCS(1); ...; runtime.GOMAXPROCS(prev)". The call
// that changed the value is the one reported.
func isRestore(pass *analysis.Pass, cur inspector.Cursor, arg ast.Expr) bool {
	// isSet reports whether e is a GOMAXPROCS call that sets the value;
	// GOMAXPROCS(GOMAXPROCS(0)) passes the current value back, which is not a
	// restore: it still marks the setting custom.
	isSet := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && len(call.Args) == 1 && analysisutil.IsCallTo(pass.TypesInfo, call, "runtime", "GOMAXPROCS") && !isQuery(pass, call.Args[0])
	}
	if isSet(arg) {
		return true
	}
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	fc, ok := analysisutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	fn := fc.Node()
	assigned, fromSet := 0, 0
	ast.Inspect(fn, func(n ast.Node) bool {
		lhs, rhs, ok := analysisutil.Assignment(n)
		if !ok {
			return true
		}
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok || (pass.TypesInfo.Defs[id] != v && pass.TypesInfo.Uses[id] != v) {
				continue
			}
			assigned++
			if len(rhs) == len(lhs) && isSet(rhs[i]) {
				fromSet++
			}
		}
		return true
	})
	return assigned > 0 && assigned == fromSet
}

// forwardsParam reports whether arg is a parameter of the function that
// encloses the call: a setter whose caller makes the decision.
func forwardsParam(pass *analysis.Pass, cur inspector.Cursor, arg ast.Expr) bool {
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ftype *ast.FuncType
		switch fn := fn.Node().(type) {
		case *ast.FuncDecl:
			ftype = fn.Type
		case *ast.FuncLit:
			ftype = fn.Type
		}
		for _, field := range ftype.Params.List {
			for _, name := range field.Names {
				if pass.TypesInfo.Defs[name] == v {
					return true
				}
			}
		}
		return false
	}
	return false
}
