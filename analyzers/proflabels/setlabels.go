package proflabels

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// A SetGoroutineLabels that leaks its labels onto the caller.

func (c *checker) checkSet(cur inspector.Cursor, call *ast.CallExpr) {
	if inDefer(cur) {
		return
	}
	fnCur, ok := analysisutil.EnclosingFunc(cur)
	if !ok {
		return
	}
	fn := fnCur.Node()
	if lit, ok := fn.(*ast.FuncLit); ok && c.doLits[lit] {
		return // pprof.Do restores the labels when its function returns
	}
	if c.restores(fnCur, call) || c.isEntry(fn) {
		return
	}
	c.report(call, "SetGoroutineLabels changes the labels of whatever goroutine runs this function, and nothing here restores them, so the caller's later work (and goroutines it starts) carries them too: use pprof.Do(ctx, labels, f), which restores the labels when f returns, or restore them with a deferred SetGoroutineLabels of the incoming context",
		contract.SetGoroutineLabelsReplaces, contract.UserGoroutinesInheritLabels)
}

// inDefer reports whether the call at cur runs deferred.
func inDefer(cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Valid(); c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.DeferStmt:
			return true
		case *ast.FuncLit:
			call, ok := c.Parent().Node().(*ast.CallExpr)
			if !ok || ast.Unparen(call.Fun) != n {
				return false
			}
			if _, ok := c.Parent().Parent().Node().(*ast.DeferStmt); !ok {
				return false
			}
			return true
		case *ast.FuncDecl:
			return false
		}
	}
	return false
}

// restores reports whether the function at fnCur sets the labels a second
// time: deferred, or as a set/reset pair.
func (c *checker) restores(fnCur inspector.Cursor, call *ast.CallExpr) bool {
	for n := range fnCur.Preorder((*ast.CallExpr)(nil)) {
		other := n.Node().(*ast.CallExpr)
		if other == call || !analysisutil.IsCallTo(c.pass.TypesInfo, other, pprofPath, "SetGoroutineLabels") {
			continue
		}
		if f, ok := analysisutil.EnclosingFunc(n); ok && f.Node() != fnCur.Node() && !inDefer(n) {
			continue // in a nested function that is not deferred
		}
		return true // a deferred restore, or a set/reset pair
	}
	return false
}

// isEntry reports whether fn runs as its own goroutine: started by a go
// statement or a known spawner, main.main or init, or an unexported
// function called only from such functions.
func (c *checker) isEntry(fn ast.Node) bool {
	if c.entries == nil {
		c.entries = c.computeEntries()
	}
	return c.entries[fn]
}

func (c *checker) computeEntries() map[ast.Node]bool {
	info := c.pass.TypesInfo
	entries := map[ast.Node]bool{}
	mark := func(e ast.Expr, cur inspector.Cursor) {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.FuncLit:
			entries[x] = true
			return
		case *ast.Ident:
			if v, ok := info.Uses[x].(*types.Var); ok {
				if lit := c.localLit(cur, v); lit != nil {
					entries[lit] = true
				}
				return
			}
		}
		var obj types.Object
		switch x := e.(type) {
		case *ast.Ident:
			obj = info.Uses[x]
		case *ast.SelectorExpr:
			obj = info.Uses[x.Sel]
		}
		if fn, ok := obj.(*types.Func); ok {
			if d := c.decls[fn.Origin()]; d != nil {
				entries[d] = true
			}
		}
	}
	for cur := range c.insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil), (*ast.FuncDecl)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			mark(n.Call.Fun, cur)
		case *ast.CallExpr:
			fn := analysisutil.Callee(info, n)
			if isSpawner(fn) && len(n.Args) > 0 {
				mark(n.Args[len(n.Args)-1], cur)
			}
			if analysisutil.IsPkgFunc(fn, "time", "AfterFunc") && len(n.Args) == 2 {
				mark(n.Args[1], cur) // f runs in its own goroutine
			}
		case *ast.FuncDecl:
			if n.Recv == nil && (n.Name.Name == "init" || n.Name.Name == "main" && analysisutil.IsMain(c.pass)) {
				entries[n] = true
			}
		}
	}
	// An unexported function all of whose uses are calls from entries runs
	// in those goroutines too (a helper that labels the goroutine it is
	// called at the start of). One pass collects, per function, the
	// functions that call it (nil for a use that is not a call); then a
	// fixpoint marks the helpers.
	callers := map[*ast.FuncDecl][]ast.Node{}
	for cur := range c.insp.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || fn.Exported() {
			continue
		}
		d := c.decls[fn.Origin()]
		if d == nil {
			continue
		}
		var caller ast.Node
		node, parent := climbParens(cur)
		if sel, ok := parent.Node().(*ast.SelectorExpr); ok && sel.Sel == id {
			node, parent = climbParens(parent)
		}
		if call, ok := parent.Node().(*ast.CallExpr); ok && call.Fun == node {
			if f, ok := analysisutil.EnclosingFunc(parent); ok {
				caller = f.Node()
			}
		}
		callers[d] = append(callers[d], caller)
	}
	for changed := true; changed; {
		changed = false
		for d, cs := range callers {
			if entries[d] {
				continue
			}
			all := true
			for _, caller := range cs {
				if caller == nil || !entries[caller] {
					all = false
					break
				}
			}
			if all {
				entries[d] = true
				changed = true
			}
		}
	}
	return entries
}

// isSpawner reports whether fn runs its func argument in a new goroutine:
// (*sync.WaitGroup).Go, errgroup's Go and TryGo.
func isSpawner(fn *types.Func) bool {
	return analysisutil.IsMethod(fn, "sync", "WaitGroup", "Go") ||
		analysisutil.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "Go") ||
		analysisutil.IsMethod(fn, "golang.org/x/sync/errgroup", "Group", "TryGo")
}

// localLit returns the func literal a local variable is assigned, when it
// is assigned exactly once.
func (c *checker) localLit(cur inspector.Cursor, v *types.Var) *ast.FuncLit {
	if isPackageLevel(v) {
		return nil
	}
	var decl inspector.Cursor
	for f := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		decl = f
	}
	if !decl.Valid() {
		return nil
	}
	info := c.pass.TypesInfo
	var lit *ast.FuncLit
	n := 0
	for a := range decl.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch s := a.Node().(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.ObjectOf(id) == v {
					n++
					if len(s.Rhs) == len(s.Lhs) {
						lit, _ = ast.Unparen(s.Rhs[i]).(*ast.FuncLit)
					}
				}
			}
		case *ast.ValueSpec:
			for i, name := range s.Names {
				if info.Defs[name] == v {
					n++
					if len(s.Values) == len(s.Names) {
						lit, _ = ast.Unparen(s.Values[i]).(*ast.FuncLit)
					}
				}
			}
		}
	}
	if n != 1 {
		return nil
	}
	return lit
}
