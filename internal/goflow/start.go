package goflow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// A Start is a statement that starts a goroutine: a go statement, or a
// call of (*sync.WaitGroup).Go or (*errgroup.Group).Go / TryGo.
type Start struct {
	Node ast.Node // *ast.GoStmt or the *ast.CallExpr of the Go method
	Cur  inspector.Cursor
	// Exactly one of Lit and Decl is set: the body the goroutine runs.
	Lit  *ast.FuncLit
	Decl *ast.FuncDecl
	Fn   *types.Func // the function or method of Decl
}

// Body is the statement list the goroutine runs.
func (s *Start) Body() *ast.BlockStmt {
	if s.Lit != nil {
		return s.Lit.Body
	}
	return s.Decl.Body
}

// Name describes the goroutine for messages: "the goroutine running
// s.loop" or "the goroutine started here".
func (s *Start) Name() string {
	if s.Fn != nil {
		return "the goroutine running " + FuncName(s.Fn)
	}
	return "the goroutine started here"
}

// Head is the range to report a start at: "go s.loop()", "go func()",
// "wg.Go(func()".
func (s *Start) Head() (token.Pos, token.Pos) {
	end := s.Node.End()
	if s.Lit != nil {
		end = s.Lit.Type.End()
	}
	return s.Node.Pos(), end
}

// FuncName renders a function or method as code names it: "loop", "(*T).run".
func FuncName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Name()
	}
	t := recv.Type()
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	name := "?"
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		name = t.Obj().Name()
	case *types.Interface:
		name = "interface"
	}
	if ptr {
		return "(*" + name + ")." + fn.Name()
	}
	return name + "." + fn.Name()
}

// Starts returns the goroutine starts of the package whose body is a func
// literal or a function or method declared in the package: go
// statements, calls of (*sync.WaitGroup).Go and errgroup's Go and TryGo,
// and calls of the package's own spawners, functions that start a func
// parameter as a goroutine (s.goAttach(func() {...}) where goAttach runs
// go func() { defer wg.Done(); f() }()).
func (x *Index) Starts() []*Start { return x.starts }

func (x *Index) findStarts(insp *inspector.Inspector) []*Start {
	spawners := x.spawners(insp)
	var out []*Start
	for cur := range insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		var fun ast.Expr
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			fun = n.Call.Fun
		case *ast.CallExpr:
			if len(n.Args) == 0 {
				continue
			}
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Go" || sel.Sel.Name == "TryGo") &&
				x.isGoMethod(n) && len(n.Args) == 1 {
				fun = n.Args[0]
				break
			}
			if len(spawners) == 0 {
				continue
			}
			fn := typeutil.StaticCallee(x.pass.TypesInfo, n)
			if fn == nil {
				continue
			}
			i, ok := spawners[fn.Origin()]
			if !ok || i >= len(n.Args) {
				continue
			}
			fun = n.Args[i]
		}
		s := &Start{Node: cur.Node(), Cur: cur}
		switch f := ast.Unparen(fun).(type) {
		case *ast.FuncLit:
			s.Lit = f
		default:
			var fn *types.Func
			if gs, isGo := cur.Node().(*ast.GoStmt); isGo {
				fn = typeutil.StaticCallee(x.pass.TypesInfo, gs.Call)
			} else {
				fn = funcValue(x.pass.TypesInfo, f)
			}
			s.Decl = x.FuncDecl(fn)
			if s.Decl == nil || s.Decl.Body == nil {
				continue
			}
			s.Fn = fn.Origin()
		}
		out = append(out, s)
	}
	return out
}

// spawners finds the functions of the package that start one of their
// func parameters as a goroutine, directly (go f()) or from a func literal
// (go func() { ...; f() }()), with the index of that parameter.
func (x *Index) spawners(insp *inspector.Inspector) map[*types.Func]int {
	info := x.pass.TypesInfo
	out := make(map[*types.Func]int)
	for cur := range insp.Root().Preorder((*ast.GoStmt)(nil)) {
		gs := cur.Node().(*ast.GoStmt)
		var decl *ast.FuncDecl
		for e := range cur.Enclosing((*ast.FuncDecl)(nil)) {
			decl = e.Node().(*ast.FuncDecl)
			break
		}
		if decl == nil {
			continue
		}
		fn, _ := info.Defs[decl.Name].(*types.Func)
		if fn == nil {
			continue
		}
		params := fn.Signature().Params()
		index := func(e ast.Expr) int {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok {
				return -1
			}
			for i := range params.Len() {
				if info.Uses[id] == params.At(i) {
					if _, ok := params.At(i).Type().Underlying().(*types.Signature); ok {
						return i
					}
				}
			}
			return -1
		}
		i := index(gs.Call.Fun)
		if lit, ok := ast.Unparen(gs.Call.Fun).(*ast.FuncLit); ok {
			for _, st := range lit.Body.List {
				if es, ok := st.(*ast.ExprStmt); ok {
					if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok && i < 0 {
						i = index(call.Fun)
					}
				}
			}
		}
		if i >= 0 && !(params.Len() > 0 && fn.Signature().Variadic() && i == params.Len()-1) {
			out[fn] = i
		}
	}
	return out
}

// funcValue returns the function or method a func-valued expression
// statically denotes (f, pkg.F, s.method, f[T]), or nil.
func funcValue(info *types.Info, e ast.Expr) *types.Func {
	e = ast.Unparen(e)
	switch ix := e.(type) {
	case *ast.IndexExpr:
		e = ix.X
	case *ast.IndexListExpr:
		e = ix.X
	}
	switch e := e.(type) {
	case *ast.Ident:
		fn, _ := info.Uses[e].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			if sel.Kind() == types.MethodVal {
				fn, _ := sel.Obj().(*types.Func)
				if fn != nil && !types.IsInterface(sel.Recv()) {
					return fn
				}
			}
			return nil
		}
		fn, _ := info.Uses[e.Sel].(*types.Func)
		return fn
	}
	return nil
}

// isGoMethod reports whether call calls (*sync.WaitGroup).Go or
// (*errgroup.Group).Go or TryGo, which start their argument as a goroutine.
func (x *Index) isGoMethod(call *ast.CallExpr) bool {
	fn := typeutil.StaticCallee(x.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() == nil {
		return false
	}
	recv := fn.Signature().Recv().Type()
	if p, ok := recv.(*types.Pointer); ok {
		recv = p.Elem()
	}
	named, ok := types.Unalias(recv).(*types.Named)
	if !ok {
		return false
	}
	switch fn.Pkg().Path() {
	case "sync":
		return named.Obj().Name() == "WaitGroup" && fn.Name() == "Go"
	case "golang.org/x/sync/errgroup":
		return named.Obj().Name() == "Group" && (fn.Name() == "Go" || fn.Name() == "TryGo")
	}
	return false
}

// ContextInScope returns how code at pos can reach a context.Context: a
// parameter or an earlier local of an enclosing function or func literal
// ("ctx"), or a context field of the receiver of decl, the declaration
// around pos ("s.ctx"). It returns "" if there is none.
func ContextInScope(pass *analysis.Pass, pos token.Pos, decl *ast.FuncDecl) string {
	s := pass.Pkg.Scope().Innermost(pos)
	for ; s != nil && s != pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		if s.Parent() == pass.Pkg.Scope() {
			break // a file scope
		}
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if ok && v.Pos() < pos && analysisutil.IsContext(v.Type()) {
				return name
			}
		}
	}
	if decl == nil || decl.Recv == nil || len(decl.Recv.List) == 0 || len(decl.Recv.List[0].Names) == 0 {
		return ""
	}
	recv, ok := pass.TypesInfo.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if !ok || recv.Name() == "_" {
		return ""
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if st, ok := t.Underlying().(*types.Struct); ok {
		for i := range st.NumFields() {
			if f := st.Field(i); analysisutil.IsContext(f.Type()) {
				return recv.Name() + "." + f.Name()
			}
		}
	}
	return ""
}

// EnclosingFunc returns the innermost *ast.FuncDecl or *ast.FuncLit around
// cur, with its cursor.
func EnclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Parent().Enclosing() {
		switch c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return c, true
		}
	}
	return inspector.Cursor{}, false
}

// LeakProfileHint says how to confirm a leak at run time with the
// toolchain the user builds with, and the contract that proves it: the
// goroutineleak profile exists only behind GOEXPERIMENT=goroutineleakprofile
// in go1.26 and is registered by default from go1.27. It depends on the
// toolchain version, not the file's language version, because the profile
// is part of the runtime the program is linked with. It returns "" before
// go1.26 or when the version is unknown.
func LeakProfileHint(toolchain string) (string, contract.ID) {
	switch {
	case toolchain == "" || contract.CompareVersions(toolchain, "go1.26") < 0:
		return "", ""
	case contract.CompareVersions(toolchain, "go1.27") >= 0:
		return `to confirm at run time, write pprof.Lookup("goroutineleak") once nothing else can reach the channel`,
			contract.LeakProfileFindsUnreachableBlocked
	default:
		return `to confirm at run time, build with GOEXPERIMENT=goroutineleakprofile and write pprof.Lookup("goroutineleak") once nothing else can reach the channel`,
			contract.LeakProfileNeedsGOEXPERIMENT
	}
}
