package timeafter

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// qualifier returns how the call spells package time ("time.", "t.", or ""
// for a dot import), if name is spelled that way at pos too.
func qualifier(pass *analysis.Pass, call *ast.CallExpr, name string, pos token.Pos) (string, bool) {
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		id, ok := fun.X.(*ast.Ident)
		if !ok {
			return "", false
		}
		pkg, ok := pass.TypesInfo.Uses[id].(*types.PkgName)
		return id.Name + ".", ok && analysisutil.Resolves(pass, id.Name, pos, pkg)
	case *ast.Ident:
		obj := pass.TypesInfo.Uses[fun]
		if obj == nil || obj.Pkg() == nil {
			return "", false
		}
		return "", analysisutil.Resolves(pass, name, pos, obj.Pkg().Scope().Lookup(name))
	}
	return "", false
}

// sleepFix replaces the statement <-time.After(d) by time.Sleep(d). For
// time.Tick, d must be a positive constant: Tick returns nil for d <= 0,
// and receiving from nil blocks forever.
func sleepFix(pass *analysis.Pass, s site) *analysis.SuggestedFix {
	if s.tick {
		tv := pass.TypesInfo.Types[s.call.Args[0]]
		if tv.Value == nil || constant.Sign(tv.Value) <= 0 {
			return nil
		}
	}
	src, ok := analysisutil.ReadSource(pass, s.call.Pos())
	if !ok {
		return nil
	}
	q, ok := qualifier(pass, s.call, "Sleep", s.call.Pos())
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{
		Message: "Replace with time.Sleep",
		TextEdits: []analysis.TextEdit{{
			Pos:     s.recv.Pos(),
			End:     s.recv.End(),
			NewText: []byte(q + "Sleep(" + src.Of(s.call.Args[0]) + ")"),
		}},
	}
}

// hoistFix rewrites
//
//	for {
//		select {
//		case <-time.After(d):
//
// into
//
//	timer := time.NewTimer(d)
//	for {
//		timer.Reset(d)
//		select {
//		case <-timer.C:
//
// The caller has checked that Reset without a drain is correct for the
// code (Go 1.23 timers). The rewrite needs d to be evaluable before the
// loop without effects, no goto in the function, and a select with no
// other timer.
func hoistFix(pass *analysis.Pass, s site, loop inspector.Cursor, taken map[ast.Node][]string) *analysis.SuggestedFix {
	sel := s.stmt.Node().(*ast.SelectStmt)
	fnc, ok := analysisutil.EnclosingFunc(loop)
	if !ok || analysisutil.HasGoto(fnc.Node()) || timerCalls(pass, sel) != 1 {
		return nil
	}
	fn := fnc.Node()
	hoist := outerLabeled(loop)
	resetAt := outerLabeled(s.stmt)
	d := s.call.Args[0]
	if !pureAt(pass, d, hoist.Pos()) {
		return nil
	}
	if pass.TypesInfo.Types[d].Value == nil && callBefore(pass, sel, s.call) {
		return nil // an earlier case's call could change what d reads
	}
	src, ok := analysisutil.ReadSource(pass, s.call.Pos())
	if !ok {
		return nil
	}
	hoistLine, hoistIndent, ok1 := src.LineStart(hoist)
	resetLine, resetIndent, ok2 := src.LineStart(resetAt)
	if !ok1 || !ok2 || hoistLine == resetLine {
		return nil
	}
	// gofmt puts labels one tab left of their statements: indent like the
	// statement when it has a line of its own.
	if _, indent, ok := src.LineStart(loop.Node()); ok && hoist != loop.Node() {
		hoistIndent = indent
	}
	if _, indent, ok := src.LineStart(s.stmt.Node()); ok && resetAt != s.stmt.Node() {
		resetIndent = indent
	}
	q, ok := qualifier(pass, s.call, "NewTimer", hoist.Pos())
	if !ok {
		return nil
	}
	name := analysisutil.FreshName(fn, "timer", taken[fn])
	taken[fn] = append(taken[fn], name)
	dt := src.Of(d)
	return &analysis.SuggestedFix{
		Message: "Create one timer before the loop and Reset it each iteration",
		TextEdits: []analysis.TextEdit{
			{Pos: hoistLine, End: hoistLine, NewText: []byte(hoistIndent + name + " := " + q + "NewTimer(" + dt + ")\n")},
			{Pos: resetLine, End: resetLine, NewText: []byte(resetIndent + name + ".Reset(" + dt + ")\n")},
			{Pos: s.call.Pos(), End: s.call.End(), NewText: []byte(name + ".C")},
		},
	}
}

// outerLabeled returns the statement at cur with the labels put on it.
func outerLabeled(cur inspector.Cursor) ast.Node {
	n := cur.Node()
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		if _, ok := c.Node().(*ast.LabeledStmt); !ok {
			break
		}
		n = c.Node()
	}
	return n
}

// timerCalls counts the time.After and time.Tick calls in sel's cases.
func timerCalls(pass *analysis.Pass, sel *ast.SelectStmt) int {
	n := 0
	for _, cl := range sel.Body.List {
		if comm := cl.(*ast.CommClause).Comm; comm != nil {
			ast.Inspect(comm, func(x ast.Node) bool {
				if call, ok := x.(*ast.CallExpr); ok && analysisutil.IsCallTo(pass.TypesInfo, call, "time", "After", "Tick") {
					n++
				}
				return true
			})
		}
	}
	return n
}

// callBefore reports whether a case before the one holding call has a
// function call (other than a conversion) in its communication.
func callBefore(pass *analysis.Pass, sel *ast.SelectStmt, call *ast.CallExpr) bool {
	found := false
	for _, cl := range sel.Body.List {
		comm := cl.(*ast.CommClause).Comm
		if comm == nil {
			continue
		}
		if comm.Pos() <= call.Pos() && call.End() <= comm.End() {
			break
		}
		ast.Inspect(comm, func(x ast.Node) bool {
			if c, ok := x.(*ast.CallExpr); ok && !pass.TypesInfo.Types[c.Fun].IsType() {
				found = true
			}
			return !found
		})
	}
	return found
}

// pureAt reports whether e can be evaluated at pos with the same meaning
// and without effects or panics: constants, variables and their fields
// (not through pointers), arithmetic that cannot panic, and conversions.
func pureAt(pass *analysis.Pass, e ast.Expr, pos token.Pos) bool {
	info := pass.TypesInfo
	isConst := info.Types[e].Value != nil
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return pureAt(pass, e.X, pos)
	case *ast.Ident:
		switch obj := info.Uses[e].(type) {
		case *types.Const, *types.Var, *types.TypeName:
			return analysisutil.Resolves(pass, e.Name, pos, obj)
		}
		return false
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil {
			return sel.Kind() == types.FieldVal && !sel.Indirect() && pureAt(pass, e.X, pos)
		}
		switch info.Uses[e.Sel].(type) {
		case *types.Const, *types.Var, *types.TypeName:
			id, ok := e.X.(*ast.Ident)
			return ok && analysisutil.Resolves(pass, id.Name, pos, info.Uses[id])
		}
		return false
	case *ast.UnaryExpr:
		return (e.Op == token.ADD || e.Op == token.SUB) && pureAt(pass, e.X, pos)
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.AND, token.OR, token.XOR, token.AND_NOT:
		case token.QUO, token.REM, token.SHL, token.SHR:
			if !isConst {
				return false // may panic
			}
		default:
			return false
		}
		return pureAt(pass, e.X, pos) && pureAt(pass, e.Y, pos)
	case *ast.CallExpr:
		return len(e.Args) == 1 && info.Types[e.Fun].IsType() && pureAt(pass, e.Fun, pos) && pureAt(pass, e.Args[0], pos)
	}
	return false
}
