package deferloop

import (
	_ "embed"
	"go/ast"
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
	Name:     "deferloop",
	Doc:      analysisutil.Doc(doc, "deferloop"),
	URL:      analysisutil.URL("deferloop"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	r := report.New(pass)
	fixed := map[ast.Node]bool{} // loops whose body a fix already wraps
	for cur := range insp.Root().Preorder((*ast.DeferStmt)(nil)) {
		def := cur.Node().(*ast.DeferStmt)
		if analysisutil.IsTestFile(pass, def.Pos()) || r.Suppressed(def.Pos()) {
			continue
		}
		loop, ok := analysisutil.RepeatingLoop(pass.TypesInfo, cur)
		if !ok || onceGuarded(cur, loop) || timerCaseOnce(pass.TypesInfo, cur, loop) {
			continue
		}
		fn, ok := analysisutil.EnclosingFunc(cur)
		if !ok {
			continue
		}
		f := finding{pass: pass, def: def, loop: loop, fn: fn.Node()}
		f.classify()
		if f.tier == report.Review && !r.ReviewMode() {
			continue // before the fix is built: it would claim the loop
		}
		d := analysis.Diagnostic{Pos: def.Pos(), End: def.End(), Message: f.message()}
		if !fixed[loop.Node()] {
			if fix, ok := wrapBody(pass, loop); ok {
				fixed[loop.Node()] = true
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		ids := []contract.ID{contract.DeferInLoopNotOpenCoded, contract.HeapDeferRecordPerCall}
		if rangeOverFunc(pass, loop) {
			ids = []contract.ID{contract.RangeFuncDeferNotOpenCoded, contract.HeapDeferRecordPerCall}
		}
		if f.tier == report.Default {
			r.Diagnostic(d, ids...)
		} else {
			r.ReviewDiagnostic(d, ids...)
		}
	}
	return nil, nil
}

// A finding is one defer in a loop, with what makes it matter.
type finding struct {
	pass *analysis.Pass
	def  *ast.DeferStmt
	loop inspector.Cursor
	fn   ast.Node
	tier report.Tier
	// shape says why the defers pile up (default tier) or why that is
	// probably intended (review tier).
	shape shape
	// held says what each iteration keeps until the function returns
	// ("f stays open", "lock on mu stays held"); kept names the variable.
	held  string
	kept  string
	bound int // for bounded: the most iterations the loop can make
}

type shape int

const (
	// Default tier.
	neverEnds shape = iota // the loop has no way out: the deferred calls never run
	overChan               // a range over a channel: one more per value, unbounded
	acquired               // releases what the iteration acquired, which is not kept
	endless                // a for loop without condition: one more call per iteration, unbounded
	// Review tier.
	bounded   // the loop runs at most a handful of times
	wholeFn   // the deferred literal recovers, or sets the function's results
	kept      // what it releases is kept after the iteration
	expires   // a context with a deadline, which ends by itself
	unrelated // it releases nothing the iteration acquired
)

// handful is the most iterations of a loop whose defers are an
// observation rather than a pile-up.
const handful = 8

func (f *finding) classify() {
	info := f.pass.TypesInfo
	f.tier = report.Default
	a := acquiredBy(info, f.def, f.loop)
	f.held = a.held
	if neverLeaves(info, f.loop) {
		f.shape = neverEnds
		return
	}
	if n, ok := loopBound(info, f.loop, f.fn); ok && n <= handful {
		f.tier, f.shape, f.bound = report.Review, bounded, n
		return
	}
	if wantsFunctionEnd(info, f.def, f.loop.Node()) {
		f.tier, f.shape = report.Review, wholeFn
		return
	}
	if isChanRange(info, f.loop.Node()) {
		f.shape = overChan
		return
	}
	switch {
	case a.held == "" && isEndless(f.loop.Node()):
		f.shape = endless
	case a.held == "":
		f.tier, f.shape = report.Review, unrelated
	case a.v != nil && escapes(info, f.loop.Node(), map[types.Object]bool{a.v: true}):
		f.tier, f.shape, f.kept = report.Review, kept, a.v.Name()
	case a.expires:
		f.tier, f.shape, f.kept = report.Review, expires, a.v.Name()
	default:
		f.shape = acquired
	}
}

// isEndless reports whether loop is a for statement without init,
// condition or post, which runs until something in it leaves: how event
// and worker loops are written, with no bound on their iterations.
func isEndless(loop ast.Node) bool {
	fs, ok := loop.(*ast.ForStmt)
	return ok && fs.Init == nil && fs.Cond == nil && fs.Post == nil
}

func (f *finding) message() string {
	name := analysisutil.FuncName(f.fn)
	cost := "each defer is heap-allocated, and a defer in a loop turns off open-coded defers for " + others(f.fn)
	if rangeOverFunc(f.pass, f.loop) {
		cost = "each defer is heap-allocated, and a defer in the body of a range-over-func loop turns off open-coded defers for " + others(f.fn)
	}
	move := "move the loop body into a func literal called per iteration"
	if seesState(f.pass.TypesInfo, f.loop.Node(), f.def) {
		move = "release it within the iteration; this deferred call also looks at how " + name + " ends, so moving the loop body into a func literal would change what it does"
	}
	held := "the deferred calls pile up"
	if f.held != "" {
		held = "every iteration's " + f.held
	}
	var msg string
	switch f.shape {
	case neverEnds:
		msg = "defer in a loop that never ends: the deferred calls run only if " + name + " panics, and one more is queued on every iteration, so " + held + " for good; " + cost + ": " + move
	case overChan:
		msg = "defer in a loop over a channel: one deferred call is queued per value received and none runs before the channel is closed and " + name + " returns, so " + held + " until then; " + cost + ": " + move
	case endless:
		msg = "defer in a for loop without a condition runs when " + name + " returns, not when the iteration ends, so one more deferred call, and all its arguments and closure hold, piles up on every iteration until then; " + cost + ": " + move
	case acquired:
		msg = "defer in a loop runs when " + name + " returns, not when the iteration ends, so " + held + " until then, one more per iteration; " + cost + ": " + move
	case bounded:
		msg = "defer in a loop of at most " + strconv.Itoa(f.bound) + " iterations runs when " + name + " returns, not when the iteration ends; " + cost + ": if holding each until then is not the point, " + move
	case wholeFn:
		msg = "defer in a loop runs when " + name + " returns, not when the iteration ends; the deferred literal recovers panics or sets results for the whole function, so that is probably the point, but " + cost
	case expires:
		msg = "defer in a loop runs when " + name + " returns, not when the iteration ends; " + f.kept + " cancels a context with a deadline, which ends by itself when the deadline passes, so no more of them pile up than one deadline's worth of iterations, but " + cost
	case kept:
		msg = "defer in a loop runs when " + name + " returns, not when the iteration ends; " + f.kept + " is kept after the iteration, so releasing it then may be the point, but " + cost
	default:
		msg = "defer in a loop runs when " + name + " returns, not when the iteration ends, so the deferred calls pile up until then; " + cost + ": if holding each until then is not the point, " + move
	}
	return msg
}

// others describes the defers that lose open coding: the function's
// defers outside nested func literals.
func others(fn ast.Node) string {
	n := 0
	ast.Inspect(fn, func(x ast.Node) bool {
		switch x.(type) {
		case *ast.FuncLit:
			return x == fn
		case *ast.DeferStmt:
			n++
		}
		return true
	})
	if n <= 1 {
		return "the whole function"
	}
	return "all " + strconv.Itoa(n) + " defers of the function"
}

func rangeOverFunc(pass *analysis.Pass, loop inspector.Cursor) bool {
	rs, ok := loop.Node().(*ast.RangeStmt)
	if !ok {
		return false
	}
	t := pass.TypesInfo.TypeOf(rs.X)
	if t == nil {
		return false
	}
	_, ok = t.Underlying().(*types.Signature)
	return ok
}
