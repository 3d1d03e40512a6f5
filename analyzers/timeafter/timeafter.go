package timeafter

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "timeafter",
	Doc:      analysisutil.Doc(doc, "timeafter"),
	URL:      analysisutil.URL("timeafter"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

// shape is how the loop uses the channel of time.After or time.Tick.
type shape int

const (
	selectCase shape = iota // case <-time.After(d): in a select
	received                // <-time.After(d) outside a select
	assigned                // c := time.After(d), received by the iteration's selects
)

// site is one time.After or time.Tick call evaluated in a loop.
type site struct {
	call   *ast.CallExpr
	tick   bool
	shape  shape
	stmt   inspector.Cursor // the select, or the statement holding the call
	recv   *ast.UnaryExpr   // <-call, for selectCase and received
	useful bool             // for received: the received value is used
	// clauses are the select cases that receive from the timer.
	clauses []inspector.Cursor
}

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "time") {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	r := report.New(pass)
	var m *mode // computed on the first finding
	taken := map[ast.Node][]string{}
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		fn := analysisutil.Callee(pass.TypesInfo, call)
		if len(call.Args) != 1 || !analysisutil.IsPkgFunc(fn, "time", "After", "Tick") {
			continue
		}
		if analysisutil.IsTestFile(pass, call.Pos()) || r.Suppressed(call.Pos()) {
			continue
		}
		s, ok := classify(pass, cur)
		if !ok {
			continue
		}
		s.tick = fn.Name() == "Tick"
		loop, ok := analysisutil.RepeatingLoop(pass.TypesInfo, s.stmt)
		if !ok || s.shape != received && !othersRepeat(pass, s, loop) {
			continue
		}
		if m == nil {
			m = timerMode(pass)
		}
		j := judge(pass, s, loop, m)
		tier := j.verdict.tier()
		if tier == report.Default && analysisutil.SupportOf(pass, call.Pos()) != analysisutil.NotSupport {
			tier = report.Review // test-support, benchmark or sample code
		}
		if tier == report.Review && !r.ReviewMode() {
			continue
		}
		msg, ids := message(s, m, j)
		d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
		var fix *analysis.SuggestedFix
		switch {
		case s.shape == received && !s.useful:
			fix = sleepFix(pass, s)
		case s.shape == selectCase && !s.tick && m.resetSafe() &&
			analysisutil.AtLeast(analysisutil.FileVersion(pass, analysisutil.File(pass, call.Pos())), "go1.23"):
			fix = hoistFix(pass, s, loop, taken)
		}
		if fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
		if tier == report.Default {
			r.Diagnostic(d, ids...)
		} else {
			r.ReviewDiagnostic(d, ids...)
		}
	}
	return nil, nil
}

// classify finds how the call's channel is used; ok is false for uses
// this analyzer does not judge (passed on, stored, returned).
func classify(pass *analysis.Pass, cur inspector.Cursor) (site, bool) {
	s := site{call: cur.Node().(*ast.CallExpr)}
	c := cur.Parent()
	for {
		if _, ok := c.Node().(*ast.ParenExpr); !ok {
			break
		}
		c = c.Parent()
	}
	if u, ok := c.Node().(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		s.recv = u
		p := c.Parent()
		for {
			if _, ok := p.Node().(*ast.ParenExpr); !ok {
				break
			}
			p = p.Parent()
		}
		switch p.Node().(type) {
		case *ast.ExprStmt, *ast.AssignStmt:
			if p.ParentEdgeKind() == edge.CommClause_Comm {
				s.shape = selectCase
				s.stmt = p.Parent().Parent().Parent() // CommClause, BlockStmt, SelectStmt
				s.clauses = []inspector.Cursor{p.Parent()}
				return s, true
			}
		}
		s.shape = received
		_, s.useful = p.Node().(*ast.ExprStmt)
		s.useful = !s.useful
		for st := p; st.Node() != nil; st = st.Parent() {
			if _, ok := st.Node().(ast.Stmt); ok {
				s.stmt = st
				return s, true
			}
		}
		return s, false
	}
	// c := time.After(d) in the loop body, received only by selects of the
	// same iteration.
	var v *types.Var
	switch p := c.Node().(type) {
	case *ast.AssignStmt:
		if p.Tok == token.DEFINE && len(p.Lhs) == 1 && len(p.Rhs) == 1 {
			if id, ok := p.Lhs[0].(*ast.Ident); ok {
				v, _ = pass.TypesInfo.Defs[id].(*types.Var)
			}
		}
		s.stmt = c
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 {
			v, _ = pass.TypesInfo.Defs[p.Names[0]].(*types.Var)
		}
		s.stmt = c.Parent().Parent() // GenDecl, DeclStmt
	}
	if v == nil {
		return s, false
	}
	loops := analysisutil.EnclosingLoops(s.stmt)
	if len(loops) == 0 {
		return s, false
	}
	uses := 0
	for id := range loops[0].Preorder((*ast.Ident)(nil)) {
		if pass.TypesInfo.Uses[id.Node().(*ast.Ident)] != v {
			continue
		}
		uses++
		// Only <-c as a select case of the same iteration.
		u, ok := id.Parent().Node().(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			return s, false
		}
		p := id.Parent().Parent()
		if p.ParentEdgeKind() != edge.CommClause_Comm {
			return s, false
		}
		if l := analysisutil.EnclosingLoops(p); len(l) == 0 || l[0] != loops[0] {
			return s, false
		}
		s.clauses = append(s.clauses, p.Parent())
	}
	s.shape = assigned
	return s, uses > 0
}

// message returns what holds for the site under the package's mode and
// the judgement of its select, and the contracts that prove it.
func message(s site, m *mode, j judgement) (string, []contract.ID) {
	fn := "time.After"
	if s.tick {
		fn = "time.Tick"
	}
	// Why the runtime runs with old timers, and the contract that says so.
	oldWhy := func() []contract.ID {
		if strings.HasPrefix(m.why, "go.mod go ") {
			return []contract.ID{contract.AsyncTimerChanDefaultFromGoLine}
		}
		return []contract.ID{contract.GODEBUGFromMainModule}
	}
	libNote := func(what string) string {
		switch {
		case m.removed != "":
			return "" // no program built with this toolchain has old timers
		case m.ownSetting == "1":
			return "; this module's go.mod sets asynctimerchan=1, so its programs also keep " + what
		case m.goLine != "" && analysisutil.AtLeast("go"+m.goLine, "go1.23"):
			return "; a main module that sets godebug asynctimerchan=1 also keeps " + what
		}
		return "; a main module on a go line before 1.23 (or with asynctimerchan=1) also keeps " + what
	}
	if s.shape == received {
		if !s.tick {
			return "<-time.After in a loop allocates a new timer and channel on every iteration only to wait; time.Sleep waits as long on the goroutine's one reusable timer",
				[]contract.ID{contract.AfterAllocatesTimer, contract.SleepReusesGoroutineTimer}
		}
		base := "<-time.Tick in a loop starts a new ticker on every iteration only to wait for its first tick"
		switch {
		case m.oldTimers():
			return base + fmt.Sprintf(", and with %s tickers are never collected: each one keeps running for the life of the process; use time.Sleep", m.why),
				append([]contract.ID{contract.TickerNeverCollectedBefore123}, oldWhy()...)
		case m.main:
			return base + "; time.Sleep waits as long on the goroutine's one reusable timer",
				[]contract.ID{contract.TickerNeverCollectedBefore123, contract.SleepReusesGoroutineTimer}
		}
		return base + libNote("every such ticker running forever") + ": use time.Sleep",
			[]contract.ID{contract.TickerNeverCollectedBefore123, contract.GODEBUGFromMainModule}
	}
	if s.tick {
		base := fn + " in a loop starts a new ticker on every iteration whose first tick comes a full period later, so it acts as a timeout that restarts each time, not as a periodic tick"
		advice := ": for a periodic tick create one time.NewTicker before the loop"
		switch {
		case m.oldTimers():
			return fmt.Sprintf("%s in a loop starts a new ticker on every iteration, and with %s tickers are never collected: each one keeps running for the life of the process; its first tick also comes a full period later, so it acts as a timeout that restarts each time, not as a periodic tick", fn, m.why) + advice,
				append([]contract.ID{contract.TickerNeverCollectedBefore123}, oldWhy()...)
		case m.main:
			return base + fmt.Sprintf(" (with %s unreferenced tickers are collected, but each is still allocated)", m.why) + advice,
				[]contract.ID{contract.TickerNeverCollectedBefore123}
		}
		return base + libNote("every such ticker running forever") + advice,
			[]contract.ID{contract.TickerNeverCollectedBefore123, contract.GODEBUGFromMainModule}
	}
	advice := ": create one time.NewTimer before the loop and Reset it each iteration"
	if !m.resetSafe() {
		advice = ": create one time.NewTimer before the loop and Stop, drain and Reset it each iteration"
	}
	// What the mode adds, and the contracts for it.
	modeNote := func() (string, []contract.ID) {
		switch {
		case m.main && m.setting == "2":
			return fmt.Sprintf(" (%s keeps timer channels buffered)", m.why), []contract.ID{contract.AfterAllocatesTimer, contract.AsyncTimerChanSelectsOldPath}
		case m.main:
			return fmt.Sprintf(" (with %s unreferenced timers are collected, but each is still allocated)", m.why), []contract.ID{contract.AfterAllocatesTimer, contract.UnreferencedTimerCollectable}
		}
		ids := []contract.ID{contract.AfterAllocatesTimer, contract.GODEBUGFromMainModule}
		if !m.resetSafe() {
			ids = append(ids, contract.ResetNeedsDrainBefore123)
		}
		return libNote("each timer alive until it fires"), ids
	}
	switch j.verdict {
	case neverFires:
		return fn + " in a select with a default case: the select never waits, so the timer, new on every iteration, can never fire and its case never runs; wait on one time.NewTimer made before the loop, or drop the default case",
			[]contract.ID{contract.AfterAllocatesTimer}
	case piles:
		return fmt.Sprintf("%s in a loop allocates a new timer on every iteration, and with %s each one stays alive in the runtime until it fires, so they pile up for as long as the duration", fn, m.why) + advice,
			append(append([]contract.ID{contract.AsyncTimerChanRestoresOldTimers}, oldWhy()...), contract.ResetNeedsDrainBefore123)
	case starves:
		note, ids := modeNote()
		return fmt.Sprintf("%s in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first: while %s (line %d) keeps winning within the duration, this case (line %d) never runs", fn, j.rival, j.rivalLine, j.timerLine) + note + advice, ids
	}
	why := map[verdict]string{
		idleTimeout: "an idle timeout that ends the loop",
		perItem:     "a timeout for this iteration's own work",
		boundsWait:  "a timeout that only bounds the wait",
		interrupted: "a wait that only cancellation interrupts",
	}[j.verdict]
	note, ids := modeNote()
	saving := ": one time.NewTimer made before the loop and Reset each iteration saves the allocations"
	if !m.resetSafe() {
		saving = ": one time.NewTimer made before the loop and Stopped, drained and Reset each iteration saves the allocations"
	}
	return fn + " in a loop allocates a new timer and channel on every iteration and restarts the timeout each time, which is what " + why + " wants" + note + saving, ids
}

// othersRepeat reports whether a select case other than the timer's can
// finish without leaving the loop, so that the loop comes back to the
// select with the timer unfired. When every other case leaves, as in
//
//	for {
//		select {
//		case <-ctx.Done():
//			return
//		case <-time.After(d):
//			poll()
//		}
//	}
//
// each timer fires before the next is made: the select is an interruptible
// sleep (semgrep-go#60 reported this shape as a false positive).
func othersRepeat(pass *analysis.Pass, s site, loop inspector.Cursor) bool {
	timer := map[inspector.Cursor]bool{}
	for _, c := range s.clauses {
		timer[c] = true
	}
	for _, c := range s.clauses {
		body := c.Parent() // the select's body
		for cl := range body.Children() {
			if !timer[cl] && !analysisutil.ClauseLeavesLoop(pass.TypesInfo, cl, loop) {
				return true
			}
		}
	}
	return false
}
