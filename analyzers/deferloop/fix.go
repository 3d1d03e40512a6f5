package deferloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// wrapBody returns the fix that moves the loop body into a func literal
// called once per iteration, so its defers run when the iteration ends.
// It is offered only when the move keeps the body's meaning: no return,
// goto, or break or continue that leaves the body, and no recover call
// (which stops working one call deeper); and only when what the defers
// clean up does not outlive the iteration in a way we can see; and only
// when no deferred call looks at the function's state when it runs (a
// close-on-error cleanup that tests the function's err, a recover), which
// the move would have it look at after one iteration instead.
func wrapBody(pass *analysis.Pass, loop inspector.Cursor) (analysis.SuggestedFix, bool) {
	var body *ast.BlockStmt
	switch l := loop.Node().(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	}
	if body == nil || !movable(pass.TypesInfo, body) || deferredEscapes(pass.TypesInfo, loop.Node(), body) || seesFunctionState(pass.TypesInfo, loop.Node(), body) {
		return analysis.SuggestedFix{}, false
	}
	if v := analysisutil.FileVersion(pass, analysisutil.File(pass, body.Pos())); !analysisutil.AtLeast(v, "go1.22") && deferSeesLoopVar(pass.TypesInfo, loop.Node()) {
		// Before Go 1.22 the loop variables are shared by all iterations: a
		// deferred closure that reads one sees its last value when the
		// function returns, but the current one once moved.
		return analysis.SuggestedFix{}, false
	}
	src, ok := analysisutil.ReadSource(pass, body.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	edits, ok := src.WrapBlock(body, "func() {", "}()")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{Message: "Move the loop body into a func literal called per iteration", TextEdits: edits}, true
}

// movable reports whether body means the same inside a func literal.
func movable(info *types.Info, body *ast.BlockStmt) bool {
	inside := map[*types.Label]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		if ls, ok := n.(*ast.LabeledStmt); ok {
			if l, ok := info.Defs[ls.Label].(*types.Label); ok {
				inside[l] = true
			}
		}
		return true
	})
	ok := true
	var visit func(root ast.Node, inLoop, inBreakable bool)
	visit = func(root ast.Node, inLoop, inBreakable bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				ok = false
			case *ast.ForStmt, *ast.RangeStmt:
				if n != root {
					visit(n, true, true)
					return false
				}
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != root {
					visit(n, inLoop, true)
					return false
				}
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.GOTO:
					ok = false
				case n.Label != nil:
					l, _ := info.Uses[n.Label].(*types.Label)
					ok = inside[l]
				case n.Tok == token.BREAK:
					ok = inBreakable
				case n.Tok == token.CONTINUE:
					ok = inLoop
				}
			case *ast.CallExpr:
				if id, isID := ast.Unparen(n.Fun).(*ast.Ident); isID {
					if b, isB := info.Uses[id].(*types.Builtin); isB && b.Name() == "recover" {
						ok = false
					}
				}
			}
			return true
		})
	}
	visit(body, false, false)
	return ok
}

// deferSeesLoopVar reports whether a deferred func literal in the loop's
// body refers to a variable the loop header declares.
func deferSeesLoopVar(info *types.Info, loop ast.Node) bool {
	vars := map[types.Object]bool{}
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		if init, ok := l.Init.(*ast.AssignStmt); ok && init.Tok == token.DEFINE {
			for _, lhs := range init.Lhs {
				if id, ok := lhs.(*ast.Ident); ok && info.Defs[id] != nil {
					vars[info.Defs[id]] = true
				}
			}
		}
		body = l.Body
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{l.Key, l.Value} {
			if id, ok := e.(*ast.Ident); ok && l.Tok == token.DEFINE && info.Defs[id] != nil {
				vars[info.Defs[id]] = true
			}
		}
		body = l.Body
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit, func(m ast.Node) bool {
					if id, ok := m.(*ast.Ident); ok && vars[info.Uses[id]] {
						found = true
					}
					return !found
				})
			}
		}
		return !found
	})
	return found
}

// deferredEscapes reports whether a variable of the loop that a defer in
// its body uses (f in defer f.Close()) can be used after the iteration:
// it is captured by a goroutine or another func literal, stored in a
// variable, field or element declared outside the loop, put in a
// composite literal, appended, sent, or has its address taken. Closing it
// at the end of the iteration, as the fix would, could then break a later
// use.
func deferredEscapes(info *types.Info, loop ast.Node, body *ast.BlockStmt) bool {
	inLoop := func(obj types.Object) bool {
		return obj != nil && loop.Pos() <= obj.Pos() && obj.Pos() < loop.End()
	}
	// The loop's variables that the body's defers use.
	vars := map[types.Object]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			ast.Inspect(n.Call, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && inLoop(v) {
						vars[v] = true
					}
				}
				return true
			})
		}
		return true
	})
	return escapes(info, loop, vars)
}

// canHold reports whether a value of type t can reference a value of type
// target: t is target, or reaches it through pointers, elements, map keys
// and values, or struct fields; an interface, a func (a closure) or an
// unsafe.Pointer can hold anything. A string, number or bool read from a
// variable (f.Name(), r.n), an error, or a value copied out ([]byte, a
// struct of them) cannot hold the variable itself.
func canHold(t, target types.Type, seen map[types.Type]bool) bool {
	if t == nil {
		return true
	}
	if types.Identical(t, target) {
		return true
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		if named.Obj().Pkg() == nil && named.Obj().Name() == "error" {
			return false
		}
		if seen[named] {
			return false
		}
		seen[named] = true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Pointer:
		return canHold(u.Elem(), target, seen)
	case *types.Slice:
		return canHold(u.Elem(), target, seen)
	case *types.Array:
		return canHold(u.Elem(), target, seen)
	case *types.Chan:
		return canHold(u.Elem(), target, seen)
	case *types.Map:
		return canHold(u.Key(), target, seen) || canHold(u.Elem(), target, seen)
	case *types.Struct:
		for i := range u.NumFields() {
			if canHold(u.Field(i).Type(), target, seen) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for i := range u.Len() {
			if canHold(u.At(i).Type(), target, seen) {
				return true
			}
		}
		return false
	}
	return true // interfaces, funcs, type parameters
}

// isReference reports whether values of type t share what they refer to:
// pointers, channels, maps, slices, funcs and interfaces.
func isReference(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Chan, *types.Map, *types.Slice, *types.Signature, *types.Interface:
		return true
	}
	return false
}

// escapes reports whether one of vars, variables of the loop, can be used
// after the iteration: it is captured by a goroutine or a func literal
// other than a deferred one, stored in a variable, field or element
// declared outside the loop, put in a composite literal, appended, sent,
// or has its address taken.
func escapes(info *types.Info, loop ast.Node, vars map[types.Object]bool) bool {
	if len(vars) == 0 {
		return false
	}
	inLoop := func(obj types.Object) bool {
		return obj != nil && loop.Pos() <= obj.Pos() && obj.Pos() < loop.End()
	}
	body := analysisutil.LoopBody(loop)
	// uses reports whether e can hold one of vars: a selection or call
	// whose type cannot reach the variables' types (canHold) is a copy and
	// does not count.
	uses := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				// A closure holds the variables it refers to, however it
				// uses them.
				ast.Inspect(m.Body, func(x ast.Node) bool {
					if id, ok := x.(*ast.Ident); ok {
						found = found || vars[info.Uses[id]]
					}
					return !found
				})
				return false
			case *ast.SelectorExpr, *ast.CallExpr:
				t := info.TypeOf(m.(ast.Expr))
				if tu, ok := t.(*types.Tuple); ok && tu.Len() == 0 {
					break // a call without results: look at its operands
				}
				if sel, ok := m.(*ast.SelectorExpr); ok && isReference(t) {
					if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
						break // a field shared with its owner (timer.C, resp.Body)
					}
				}
				held := false
				for v := range vars {
					held = held || canHold(t, v.Type(), map[types.Type]bool{})
				}
				if !held {
					return false
				}
			case *ast.Ident:
				found = found || vars[info.Uses[m]]
			}
			return !found
		})
		return found
	}
	isDefer := func(n ast.Node) bool {
		found := false
		ast.Inspect(body, func(x ast.Node) bool {
			if d, ok := x.(*ast.DeferStmt); ok && d.Call.Fun == n {
				found = true
			}
			return !found
		})
		return found
	}
	escapes := false
	ast.Inspect(body, func(n ast.Node) bool {
		if escapes {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			escapes = !isDefer(n) && uses(n)
			return false
		case *ast.GoStmt:
			escapes = uses(n)
		case *ast.CompositeLit:
			escapes = uses(n)
		case *ast.SendStmt:
			escapes = uses(n.Value)
		case *ast.UnaryExpr:
			escapes = n.Op == token.AND && uses(n.X)
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "append" {
					escapes = uses(n)
				}
			}
		case *ast.AssignStmt:
			for _, rhs := range n.Rhs {
				if !uses(rhs) {
					continue
				}
				for _, lhs := range n.Lhs {
					id, ok := ast.Unparen(lhs).(*ast.Ident)
					if !ok || !inLoop(info.ObjectOf(id)) && id.Name != "_" {
						escapes = true
					}
				}
			}
		}
		return !escapes
	})
	return escapes
}

// seesFunctionState reports whether a defer in body looks, when it runs,
// at state of the function outside the loop: a deferred func literal that
// reads or sets a local variable declared outside the loop (a named
// result, the function's err, a success flag) or calls recover, or a
// deferred call given the address of such a variable. Run at the end of
// the iteration, as the fix would have it, it would see that state as it
// is after one iteration: a close-on-error cleanup would close on success,
// or not at all.
func seesFunctionState(info *types.Info, loop ast.Node, body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			found = found || seesState(info, loop, n)
		}
		return !found
	})
	return found
}

// seesState is seesFunctionState for one defer statement.
func seesState(info *types.Info, loop ast.Node, def *ast.DeferStmt) bool {
	found := false
	ast.Inspect(def.Call, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			ast.Inspect(m.Body, func(x ast.Node) bool {
				switch x := x.(type) {
				case *ast.Ident:
					found = found || isOuterLocal(info, x, loop)
				case *ast.CallExpr:
					found = found || isRecover(info, x)
				}
				return !found
			})
			return false
		case *ast.UnaryExpr:
			found = found || m.Op == token.AND && isOuterLocal(info, m.X, loop)
		}
		return !found
	})
	return found
}
