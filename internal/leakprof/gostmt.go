package leakprof

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// A GoStmt is a place that starts a goroutine: a go statement, or a call
// of sync.WaitGroup.Go or errgroup.Group.Go, whose goroutines a stack
// names by the function they run.
type GoStmt struct {
	File string // absolute
	Line int    // of the go keyword or the call
	// BodyFrom and BodyTo are the lines of the body of the function
	// literal it starts, zero when it starts a named function.
	BodyFrom, BodyTo int
	// Callee is the runtime's name of the named function or method it
	// starts ("example.com/m/pkg.(*T).loop"), empty for a literal or a
	// dynamic call.
	Callee string
}

// GoStmts lists the goroutine starts of a type-checked package. Protobuf
// and debug=1 profiles do not record the go statement that created a
// goroutine; its stack's outermost function tells which one it was.
func GoStmts(pkg *packages.Package) []GoStmt {
	if pkg.TypesInfo == nil || pkg.Fset == nil {
		return nil
	}
	var out []GoStmt
	start := func(at ast.Node, fun ast.Expr, call *ast.CallExpr) {
		pos := pkg.Fset.Position(at.Pos())
		g := GoStmt{File: pos.Filename, Line: pos.Line}
		switch fun := ast.Unparen(fun).(type) {
		case *ast.FuncLit:
			g.BodyFrom = pkg.Fset.Position(fun.Body.Lbrace).Line
			g.BodyTo = pkg.Fset.Position(fun.Body.Rbrace).Line
		default:
			if call != nil {
				if fn, ok := typeutil.Callee(pkg.TypesInfo, call).(*types.Func); ok {
					g.Callee = runtimeName(fn)
				}
			}
		}
		out = append(out, g)
	}
	insp := inspector.New(pkg.Syntax)
	for n := range insp.PreorderSeq((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := n.(type) {
		case *ast.GoStmt:
			start(n, n.Call.Fun, n.Call)
		case *ast.CallExpr:
			if len(n.Args) != 1 || !startsGoroutine(pkg.TypesInfo, n) {
				continue
			}
			if call, ok := ast.Unparen(n.Args[0]).(*ast.CallExpr); ok {
				start(n, call.Fun, call) // wg.Go(f()): f's result runs
				continue
			}
			start(n, n.Args[0], nil)
		}
	}
	return out
}

// startsGoroutine reports whether call is sync.WaitGroup.Go or
// golang.org/x/sync/errgroup.Group.Go.
func startsGoroutine(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Name() != "Go" || fn.Pkg() == nil {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	switch fn.Pkg().Path() + "." + named.Obj().Name() {
	case "sync.WaitGroup", "golang.org/x/sync/errgroup.Group":
		return true
	}
	return false
}

// runtimeName is the name the runtime prints for fn: the package path
// ("main" for a main package), the receiver type with a * in parentheses
// for a pointer receiver, and [...] for type parameters.
func runtimeName(fn *types.Func) string {
	if fn.Pkg() == nil {
		return fn.Name()
	}
	prefix := fn.Pkg().Path()
	if fn.Pkg().Name() == "main" {
		prefix = "main"
	}
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil {
		t := recv.Type()
		ptr := false
		if p, ok := t.(*types.Pointer); ok {
			t, ptr = p.Elem(), true
		}
		name := "?"
		if named, ok := types.Unalias(t).(*types.Named); ok {
			name = named.Obj().Name()
			if named.TypeParams().Len() > 0 {
				name += "[...]"
			}
		}
		if ptr {
			name = "(*" + name + ")"
		}
		return prefix + "." + name + "." + fn.Name()
	}
	if sig.TypeParams().Len() > 0 {
		return prefix + "." + fn.Name() + "[...]"
	}
	return prefix + "." + fn.Name()
}
