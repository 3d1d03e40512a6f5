package analysisutil

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// EnclosingLoops returns the for and range statements whose body holds the
// node at cur, innermost first, up to the enclosing function. A loop whose
// header (init, range expression) holds the node does not count: that part
// runs once per loop.
func EnclosingLoops(cur inspector.Cursor) []inspector.Cursor {
	var loops []inspector.Cursor
	for c := cur; c.Node() != nil; c = c.Parent() {
		p := c.Parent()
		switch p.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return loops
		case *ast.ForStmt:
			if k := c.ParentEdgeKind(); k == edge.ForStmt_Body || k == edge.ForStmt_Cond || k == edge.ForStmt_Post {
				loops = append(loops, p)
			}
		case *ast.RangeStmt:
			if c.ParentEdgeKind() == edge.RangeStmt_Body {
				loops = append(loops, p)
			}
		case nil:
			return loops
		}
	}
	return loops
}

// RepeatingLoop returns the innermost loop of the function holding the
// statement at stmt in which stmt can run again: a loop that, once stmt has
// run, can start another iteration. Loops whose body always leaves after
// stmt (a return, a panic or other call that does not return, a break or
// continue out of the loop) run stmt at most once per entry and are
// skipped. ok is false when every enclosing loop is left after stmt, or
// there is none. A goto anywhere in the function makes every loop count as
// repeating.
func RepeatingLoop(info *types.Info, stmt inspector.Cursor) (loop inspector.Cursor, ok bool) {
	loops := EnclosingLoops(stmt)
	if len(loops) == 0 {
		return inspector.Cursor{}, false
	}
	fn := enclosingFuncBody(loops[0])
	if fn == nil || HasGoto(fn) {
		return loops[0], true
	}
	// Loops are checked innermost first: the walk out of an inner loop
	// assumes that the inner loop is itself left after stmt.
	for _, l := range loops {
		if !leavesLoop(info, stmt, l) {
			return l, true
		}
	}
	return inspector.Cursor{}, false
}

func enclosingFuncBody(cur inspector.Cursor) *ast.BlockStmt {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := c.Node().(type) {
		case *ast.FuncDecl:
			return fn.Body
		case *ast.FuncLit:
			return fn.Body
		}
	}
	return nil
}

// loopExit answers, for one loop, whether statements leave it.
type loopExit struct {
	info *types.Info
	loop ast.Stmt
	own  *types.Label          // the loop's own label, if any
	out  map[*types.Label]bool // labels of the loop and of statements around it
	// labelOf maps labeled statements in the loop to their labels.
	labelOf map[ast.Stmt]*types.Label
}

// leavesLoop reports whether, once the statement at stmt has run, control
// always leaves loop without starting another iteration of it, assuming
// every loop between stmt and loop is left as well.
func leavesLoop(info *types.Info, stmt, loop inspector.Cursor) bool {
	lx := newLoopExit(info, loop)
	body := LoopBody(lx.loop)
	// end is where control has certainly left: the end of the statement
	// that terminates the path from stmt. A continue between stmt and end
	// (in if c { continue } before a return) starts the next iteration
	// instead; one after end cannot be reached from stmt.
	end := token.NoPos
	if s, ok := stmt.Node().(ast.Stmt); ok && lx.terminates(s, lx.breakLeaves(stmt)) {
		end = s.End()
	}
	// Walk out from stmt: at each statement list, the statements after the
	// current one either leave, or control goes on after the construct that
	// holds the list. Reaching the end of the loop body starts the next
	// iteration.
	for c := stmt; end == token.NoPos && c.Node() != lx.loop; c = c.Parent() {
		p := c.Parent()
		if p.Node() == nil {
			return false
		}
		var list []ast.Stmt
		switch k, i := c.ParentEdge(); k {
		case edge.BlockStmt_List:
			list = p.Node().(*ast.BlockStmt).List[i+1:]
		case edge.CaseClause_Body:
			list = p.Node().(*ast.CaseClause).Body[i+1:]
		case edge.CommClause_Body:
			list = p.Node().(*ast.CommClause).Body[i+1:]
		default:
			continue
		}
		if lx.listTerminates(list, lx.breakLeaves(c)) {
			end = list[len(list)-1].End()
			break
		}
		if p.Node() == body {
			return false
		}
	}
	return end != token.NoPos && !lx.continuesBetween(body, stmt.Node().Pos(), end)
}

// ClauseLeavesLoop reports whether the statements of a case clause of a
// switch or select (or of a block) inside loop always leave loop: they end
// in a return, a panic or other call that does not return, or a break or
// continue out of the loop. A break that ends the switch or select does
// not leave the loop.
func ClauseLeavesLoop(info *types.Info, clause, loop inspector.Cursor) bool {
	lx := newLoopExit(info, loop)
	var list []ast.Stmt
	switch c := clause.Node().(type) {
	case *ast.CommClause:
		list = c.Body
	case *ast.CaseClause:
		list = c.Body
	case *ast.BlockStmt:
		list = c.List
	default:
		return false
	}
	if len(list) == 0 {
		return false
	}
	return lx.listTerminates(list, lx.breakLeaves(clause.ChildAt(edgeOfList(clause.Node()), 0)))
}

func edgeOfList(n ast.Node) edge.Kind {
	switch n.(type) {
	case *ast.CommClause:
		return edge.CommClause_Body
	case *ast.CaseClause:
		return edge.CaseClause_Body
	}
	return edge.BlockStmt_List
}

// LoopBody returns the body of a for or range statement, and nil for any
// other node.
func LoopBody(s ast.Node) *ast.BlockStmt {
	switch s := s.(type) {
	case *ast.ForStmt:
		return s.Body
	case *ast.RangeStmt:
		return s.Body
	}
	return nil
}

// breakLeaves reports whether an unlabeled break at cur leaves the loop:
// no for, range, switch or select lies between them.
func (lx *loopExit) breakLeaves(cur inspector.Cursor) bool {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return c.Node() == lx.loop
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// continuesBetween reports whether a continue statement in [from, to)
// starts the loop's next iteration.
func (lx *loopExit) continuesBetween(body *ast.BlockStmt, from, to token.Pos) bool {
	found := false
	var visit func(n ast.Node, inner bool)
	visit = func(root ast.Node, inner bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if n != root {
					visit(n, true)
					return false
				}
			case *ast.BranchStmt:
				if n.Tok == token.CONTINUE && n.Pos() > from && n.Pos() < to {
					if n.Label == nil {
						found = !inner
					} else {
						found = lx.own != nil && lx.info.Uses[n.Label] == lx.own
					}
				}
			}
			return true
		})
	}
	visit(body, false)
	return found
}

func (lx *loopExit) listTerminates(list []ast.Stmt, brk bool) bool {
	for i := len(list) - 1; i >= 0; i-- {
		if _, ok := list[i].(*ast.EmptyStmt); ok {
			continue
		}
		return lx.terminates(list[i], brk)
	}
	return false
}

// terminates reports whether s never completes normally, in the sense of
// the Go spec's terminating statements, counting a break that leaves the
// loop as terminating. brk says whether an unlabeled break in s (outside
// nested breakable statements) leaves the loop.
func (lx *loopExit) terminates(s ast.Stmt, brk bool) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		var l *types.Label
		if s.Label != nil {
			l, _ = lx.info.Uses[s.Label].(*types.Label)
		}
		switch s.Tok {
		case token.BREAK:
			if s.Label == nil {
				return brk
			}
			return lx.out[l]
		case token.CONTINUE:
			return s.Label != nil && lx.out[l] && l != lx.own
		}
		return false
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		return ok && NoReturn(lx.info, call)
	case *ast.BlockStmt:
		return lx.listTerminates(s.List, brk)
	case *ast.LabeledStmt:
		return lx.terminates(s.Stmt, brk)
	case *ast.IfStmt:
		return s.Else != nil && lx.terminates(s.Body, brk) && lx.terminates(s.Else, brk)
	case *ast.ForStmt:
		return s.Cond == nil && !lx.hasBreakTo(s)
	case *ast.SwitchStmt:
		return lx.clausesTerminate(s, s.Body, true)
	case *ast.TypeSwitchStmt:
		return lx.clausesTerminate(s, s.Body, true)
	case *ast.SelectStmt:
		return lx.clausesTerminate(s, s.Body, false)
	}
	return false
}

func (lx *loopExit) clausesTerminate(s ast.Stmt, body *ast.BlockStmt, needDefault bool) bool {
	if lx.hasBreakTo(s) {
		return false
	}
	hasDefault := false
	for _, cl := range body.List {
		var list []ast.Stmt
		switch cl := cl.(type) {
		case *ast.CaseClause:
			list, hasDefault = cl.Body, hasDefault || cl.List == nil
		case *ast.CommClause:
			list = cl.Body
		}
		if n := len(list); n > 0 {
			if br, ok := list[n-1].(*ast.BranchStmt); ok && br.Tok == token.FALLTHROUGH {
				continue
			}
		}
		if !lx.listTerminates(list, false) {
			return false
		}
	}
	return hasDefault || !needDefault
}

// hasBreakTo reports whether a break statement refers to s: an unlabeled
// one not nested in another breakable statement, or one naming s's label.
func (lx *loopExit) hasBreakTo(s ast.Stmt) bool {
	label := lx.labelOf[s]
	found := false
	var visit func(root ast.Node, nested bool)
	visit = func(root ast.Node, nested bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if n != root {
					visit(n, true)
					return false
				}
			case *ast.BranchStmt:
				if n.Tok == token.BREAK {
					if n.Label == nil {
						found = !nested
					} else {
						found = label != nil && lx.info.Uses[n.Label] == label
					}
				}
			}
			return true
		})
	}
	visit(s, false)
	return found
}

// HasGoto reports whether n holds a goto statement outside func literals
// it contains (n itself may be one).
func HasGoto(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return x == n
		case *ast.BranchStmt:
			found = found || x.Tok == token.GOTO
		}
		return !found
	})
	return found
}

func newLoopExit(info *types.Info, loop inspector.Cursor) *loopExit {
	lx := &loopExit{info: info, loop: loop.Node().(ast.Stmt), out: map[*types.Label]bool{}, labelOf: map[ast.Stmt]*types.Label{}}
	for c := loop.Parent(); c.Node() != nil; c = c.Parent() {
		if ls, ok := c.Node().(*ast.LabeledStmt); ok {
			if l, ok := info.Defs[ls.Label].(*types.Label); ok {
				lx.out[l] = true
				if ls.Stmt == lx.loop {
					lx.own = l
				}
			}
		}
		if _, ok := c.Node().(*ast.FuncLit); ok {
			break
		}
		if _, ok := c.Node().(*ast.FuncDecl); ok {
			break
		}
	}
	body := LoopBody(lx.loop)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.LabeledStmt:
			if l, ok := info.Defs[n.Label].(*types.Label); ok {
				lx.labelOf[n.Stmt] = l
			}
		}
		return true
	})
	return lx
}

// CommExpr returns the receive expression of a select case: `<-ch` in
// `case <-ch:` or `case v := <-ch:`; nil for a send or the default case.
func CommExpr(comm ast.Stmt) ast.Expr {
	switch c := comm.(type) {
	case *ast.ExprStmt:
		return c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			return c.Rhs[0]
		}
	}
	return nil
}

// CommRecv returns the channel a select case receives from, or nil for a
// send or the default case.
func CommRecv(comm ast.Stmt) ast.Expr {
	recv, ok := ast.Unparen(CommExpr(comm)).(*ast.UnaryExpr)
	if !ok || recv.Op != token.ARROW {
		return nil
	}
	return ast.Unparen(recv.X)
}
