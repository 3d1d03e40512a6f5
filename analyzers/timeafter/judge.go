package timeafter

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/report"
)

// A verdict says what a timer made in a loop costs at its site, which
// decides the tier.
type verdict int

const (
	// Default tier: a concrete failure.
	starves      verdict = iota // another case keeps winning, and the timeout's work never runs
	neverFires                  // a default case: the select never waits for the timer
	piles                       // pre-1.23 timers in this main package: each stays alive until it fires
	tickerInLoop                // time.Tick in a select: a new ticker per iteration, never the period meant
	// Review tier: the restart is what the code wants; only allocations.
	idleTimeout // the timeout case leaves the loop: an idle timeout
	perItem     // a timeout for this iteration's work alone (a send, a reply, work around the select)
	boundsWait  // the timeout case does nothing: it only bounds the wait
	interrupted // the only rival is a cancellation signal (ctx.Done())
	waitOnly    // <-time.After(d) only to wait: time.Sleep does it without a channel
)

func (v verdict) tier() report.Tier {
	if v <= tickerInLoop {
		return report.Default
	}
	return report.Review
}

// judgement is the verdict with what the message needs to say which case
// starves which timeout.
type judgement struct {
	verdict verdict
	// rival is the case that keeps winning, as written ("case ev :=
	// <-events"), and its line; work is the line of the starved case.
	rival      string
	rivalLine  int
	timerLine  int
	selectLine int
}

// judge decides what the timer at s costs.
func judge(pass *analysis.Pass, s site, loop inspector.Cursor, m *mode) judgement {
	line := func(n ast.Node) int { return pass.Fset.Position(n.Pos()).Line }
	j := judgement{timerLine: line(s.call)}
	switch {
	case s.shape == received && s.tick && m.oldTimers():
		j.verdict = piles
		return j
	case s.shape == received:
		j.verdict = waitOnly
		return j
	case s.tick:
		j.verdict = tickerInLoop
		return j
	}
	if hasDefault(s) {
		j.verdict = neverFires
		return j
	}
	if m.oldTimers() {
		j.verdict = piles
		return j
	}
	// The timer's own case: leaving the loop makes it an idle timeout;
	// doing nothing, a bound on the wait.
	for _, cl := range s.clauses {
		cc := cl.Node().(*ast.CommClause)
		switch {
		case analysisutil.ClauseLeavesLoop(pass.TypesInfo, cl, loop) || setsLoopCondition(pass.TypesInfo, cc, loop):
			j.verdict = idleTimeout
			return j
		case len(cc.Body) == 0:
			j.verdict = boundsWait
			return j
		}
	}
	// Starving needs the select to be all the iteration does (work
	// around it makes the timeout one for that work), and a rival case
	// that can keep winning.
	sel, ok := s.stmt.Node().(*ast.SelectStmt)
	if !ok || !soleStatement(s.stmt, loop) {
		j.verdict = perItem
		return j
	}
	j.selectLine = line(sel)
	j.verdict = perItem
	for _, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		if isTimerClause(s, cc) {
			continue
		}
		cl, _ := s.stmt.FindNode(cc)
		if analysisutil.ClauseLeavesLoop(pass.TypesInfo, cl, loop) {
			continue
		}
		switch canKeepWinning(pass.TypesInfo, cc.Comm, loop.Node()) {
		case rival:
			if doesTimersWork(cc, s.clauses) {
				j.verdict = boundsWait // the rival does the timeout's work too: a fallback poll
				continue
			}
			j.verdict = starves
			j.rival, j.rivalLine = caseText(cc), line(cc)
			return j
		case signal:
			j.verdict = interrupted
		}
	}
	return j
}

// doesTimersWork reports whether the rival case runs every statement of
// the timer's case too (written the same way), as in a fallback poll:
//
//	case <-notify:
//		process()
//	case <-time.After(interval):
//		process()
//
// Nothing starves while the rival keeps winning.
func doesTimersWork(rival *ast.CommClause, timer []inspector.Cursor) bool {
	have := map[string]bool{}
	for _, st := range rival.Body {
		have[stmtText(st)] = true
	}
	for _, cl := range timer {
		for _, st := range cl.Node().(*ast.CommClause).Body {
			if !have[stmtText(st)] {
				return false
			}
		}
	}
	return true
}

// stmtText renders an expression or assignment statement for comparison;
// other statements never compare equal.
func stmtText(s ast.Stmt) string {
	switch s := s.(type) {
	case *ast.ExprStmt:
		return types.ExprString(s.X)
	case *ast.AssignStmt:
		var b strings.Builder
		for _, l := range s.Lhs {
			b.WriteString(types.ExprString(l) + ",")
		}
		b.WriteString(s.Tok.String())
		for _, r := range s.Rhs {
			b.WriteString(types.ExprString(r) + ",")
		}
		return b.String()
	}
	return fmt.Sprintf("%p", s)
}

// setsLoopCondition reports whether the case assigns a variable that the
// loop's condition reads, as a way out of the loop:
//
//	for received < want {
//		select {
//		case <-ch:
//			received++
//		case <-time.After(d):
//			received = want // give up
//		}
//	}
func setsLoopCondition(info *types.Info, cc *ast.CommClause, loop inspector.Cursor) bool {
	fs, ok := loop.Node().(*ast.ForStmt)
	if !ok || fs.Cond == nil {
		return false
	}
	reads := map[types.Object]bool{}
	ast.Inspect(fs.Cond, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				reads[v] = true
			}
		}
		return true
	})
	found := false
	for _, st := range cc.Body {
		ast.Inspect(st, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok {
				for _, l := range as.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && reads[info.ObjectOf(id)] {
						found = true
					}
				}
			}
			_, lit := n.(*ast.FuncLit)
			return !found && !lit
		})
	}
	return found
}

func isTimerClause(s site, cc *ast.CommClause) bool {
	for _, cl := range s.clauses {
		if cl.Node() == cc {
			return true
		}
	}
	return false
}

// hasDefault reports whether a select that receives from the timer has a
// default case.
func hasDefault(s site) bool {
	for _, cl := range s.clauses {
		for _, st := range cl.Parent().Node().(*ast.BlockStmt).List {
			if cc, ok := st.(*ast.CommClause); ok && cc.Comm == nil {
				return true
			}
		}
	}
	return false
}

// soleStatement reports whether the statement at stmt is all the loop
// body holds (labels aside).
func soleStatement(stmt, loop inspector.Cursor) bool {
	body := analysisutil.LoopBody(loop.Node())
	if body == nil || len(body.List) != 1 {
		return false
	}
	s := body.List[0]
	for {
		ls, ok := s.(*ast.LabeledStmt)
		if !ok {
			break
		}
		s = ls.Stmt
	}
	return s == stmt.Node()
}

// A competitor is what a case of the timer's select is to the timer.
type competitor int

const (
	itemOnly competitor = iota // a send, or a reply made in this iteration
	signal                     // a cancellation signal: wins once, for good
	rival                      // can win again and again
)

// canKeepWinning says whether a case's communication can succeed again
// and again, so that the timer restarts each time: a receive from a
// channel that lives across iterations. A send delivers this iteration's
// item (the timeout is that item's); a receive from ctx.Done() wins only
// once the context is done, after which the loop ends; a receive from a
// channel made in the iteration is a reply to this iteration's request.
func canKeepWinning(info *types.Info, comm ast.Stmt, loop ast.Node) competitor {
	ch := analysisutil.CommRecv(comm)
	if ch == nil {
		return itemOnly // a send
	}
	if call, ok := ch.(*ast.CallExpr); ok {
		if fn := analysisutil.Callee(info, call); fn != nil && fn.Name() == "Done" && implementsContext(info, call) {
			return signal
		}
		return rival
	}
	if id, ok := ch.(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok && analysisutil.Within(&ast.Ident{NamePos: v.Pos()}, analysisutil.LoopBody(loop)) {
			return itemOnly // made in this iteration
		}
	}
	return rival
}

// implementsContext reports whether call is x.Done() on a value whose
// type has the methods of context.Context, or a Done method that returns
// a <-chan struct{}: a channel closed once, as a signal.
func implementsContext(info *types.Info, call *ast.CallExpr) bool {
	if t, ok := info.TypeOf(call).(*types.Chan); ok {
		if st, ok := t.Elem().Underlying().(*types.Struct); ok && st.NumFields() == 0 {
			return true
		}
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	t := info.TypeOf(sel.X)
	if t == nil {
		return false
	}
	ms := types.NewMethodSet(t)
	for _, name := range []string{"Deadline", "Done", "Err", "Value"} {
		if ms.Lookup(nil, name) == nil {
			return false
		}
	}
	return true
}

// caseText renders a case's head as written ("case ev := <-events").
func caseText(cc *ast.CommClause) string {
	if send, ok := cc.Comm.(*ast.SendStmt); ok {
		return "case " + types.ExprString(send.Chan) + " <- " + types.ExprString(send.Value)
	}
	s := "case " + types.ExprString(analysisutil.CommExpr(cc.Comm))
	if as, ok := cc.Comm.(*ast.AssignStmt); ok {
		lhs := ""
		for i, l := range as.Lhs {
			if i > 0 {
				lhs += ", "
			}
			lhs += types.ExprString(l)
		}
		s = "case " + lhs + " " + as.Tok.String() + " " + types.ExprString(as.Rhs[0])
	}
	return s
}
