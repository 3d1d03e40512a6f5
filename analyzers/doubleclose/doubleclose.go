package doubleclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/chanmodel"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports channels that can be closed twice.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "doubleclose",
		Doc:      analysisutil.Doc(doc, "doubleclose"),
		URL:      analysisutil.URL("doubleclose"),
		Requires: []*analysis.Analyzer{chanmodel.Analyzer, directive.Analyzer},
	}
	unguarded := a.Flags.Bool("unguarded", false, "also report an exported method that closes a field of its receiver with no guard (calling it twice panics)")
	a.Run = func(pass *analysis.Pass) (any, error) {
		return run(pass, *unguarded)
	}
	return a
}

type checker struct {
	pass      *analysis.Pass
	cf        *chanmodel.Model
	r         *report.Reporter
	reported  map[token.Pos]bool
	summaries map[*ssa.Function][]closeSummary
}

func run(pass *analysis.Pass, unguarded bool) (any, error) {
	cf := pass.ResultOf[chanmodel.Analyzer].(*chanmodel.Model)
	if cf.Pkg == nil {
		return nil, nil
	}
	c := &checker{pass: pass, cf: cf, r: report.New(pass), reported: make(map[token.Pos]bool), summaries: make(map[*ssa.Function][]closeSummary)}
	for _, fn := range cf.Funcs {
		if !analysisutil.IsTestFile(pass, fn.Pos()) {
			c.checkFunc(fn)
		}
	}
	c.checkMethods(unguarded)
	return nil, nil
}

// A closeSite is a close that runs in a function: in place, deferred
// ("defer close(ch)"), by a helper the function calls (or defers), by a
// function literal it calls, defers or starts as a goroutine.
type closeSite struct {
	instr ssa.Instruction // in the function: the close, defer, call or go statement
	node  analysis.Range  // where to report
	name  string          // the channel, as written, and who closes it
	acc   chanmodel.Access
	locs  []chanmodel.Loc
	// deferred: the close runs when the function returns (the channel is
	// fixed when the defer runs); atExit: a deferred literal reads the
	// channel when the function returns; async: a goroutine closes it.
	deferred, atExit, async bool
}

// checkFunc reports closes of one channel on one path of fn.
func (c *checker) checkFunc(fn *ssa.Function) {
	sites := c.sitesOf(fn)
	for i, s := range sites {
		if s.atExit {
			continue
		}
		walk := &chanmodel.Walk{M: c.cf, Fn: fn, Acc: s.acc, Chan: s.locs}
		// The same close again: a loop that does not leave after it.
		walk.Hit = func(instr ssa.Instruction) bool { return instr == s.instr }
		walk.Loop = true
		again := walk.From(s.instr) != nil
		walk.Loop = false
		if again {
			switch {
			case s.deferred:
				c.report(s, fmt.Sprintf("%s is deferred to be closed on every iteration of the loop: when the function returns, the second deferred close panics with \"close of closed channel\"; defer the close once, outside the loop", s.name))
			case s.async:
				c.report(s, fmt.Sprintf("the goroutine started here closes %s, and the loop starts another one: the second close panics with \"close of closed channel\"; close once, after the goroutines are done (sync.WaitGroup)", s.name))
			default:
				c.report(s, fmt.Sprintf("%s is closed inside a loop that can come back to this close: the next close panics with \"close of closed channel\" in this goroutine; close after the loop, or leave the loop once it is closed", s.name))
			}
			continue
		}
		for j, t := range sites {
			if i == j || !s.acc.Same(t.acc) {
				continue
			}
			if t.atExit {
				c.checkAtExit(fn, s, t)
				continue
			}
			walk.Hit = func(instr ssa.Instruction) bool { return instr == t.instr }
			if walk.From(s.instr) == nil {
				continue
			}
			switch {
			case s.deferred && t.deferred:
				c.report(t, fmt.Sprintf("%s is deferred to be closed twice (also at line %d): when the function returns, the second close panics with \"close of closed channel\"; defer one close", t.name, c.line(s)))
			case s.deferred:
				c.report(t, fmt.Sprintf("%s is closed here and again by the deferred close at line %d: when the function returns, the deferred close panics with \"close of closed channel\"; keep one of the two", t.name, c.line(s)))
			case t.deferred:
				c.report(s, fmt.Sprintf("%s is closed here and again by the deferred close at line %d: when the function returns, the deferred close panics with \"close of closed channel\"; keep one of the two", s.name, c.line(t)))
			case s.async || t.async:
				c.report(t, fmt.Sprintf("%s is also closed at line %d, and one of the two closes runs in another goroutine: whichever comes second panics with \"close of closed channel\"; close it in one place", t.name, c.line(s)))
			default:
				c.report(t, fmt.Sprintf("%s was already closed at line %d on a path that reaches this close: it panics with \"close of closed channel\" in this goroutine; close the channel once", t.name, c.line(s)))
			}
		}
	}
}

// checkAtExit reports a close s that a deferred literal t closes again
// when the function returns.
func (c *checker) checkAtExit(fn *ssa.Function, s, t closeSite) {
	if s.deferred || s.async {
		return
	}
	walk := &chanmodel.Walk{M: c.cf, Fn: fn, Acc: s.acc, Chan: s.locs}
	// The defer must be registered on a path through the close...
	walk.Hit = func(instr ssa.Instruction) bool { return instr == s.instr }
	before := walk.From(t.instr) != nil
	walk.Hit = func(instr ssa.Instruction) bool { return instr == t.instr }
	if !before && walk.From(s.instr) == nil {
		return
	}
	// ...and the function must be able to return with the channel unchanged.
	walk.Hit = func(instr ssa.Instruction) bool { _, ok := instr.(*ssa.Return); return ok }
	if walk.From(s.instr) == nil {
		return
	}
	c.report(s, fmt.Sprintf("%s is closed here and again by a deferred function (its close at line %d): when the function returns, that close panics with \"close of closed channel\"; keep one of the two", s.name, c.line(t)))
}

// sitesOf returns the closes that run in fn.
func (c *checker) sitesOf(fn *ssa.Function) []closeSite {
	var sites []closeSite
	for _, op := range c.cf.OpsOf(fn) {
		if op.Kind != chanmodel.Close {
			continue
		}
		if acc, ok := c.cf.AccessIn(op.Chan, fn); ok {
			sites = append(sites, closeSite{
				instr: op.Instr, node: c.node(op), name: c.cf.ChanText(op),
				acc: acc, locs: c.cf.Locs(op.Chan), deferred: op.Deferred, async: op.Async,
			})
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || callee == fn || callee.Pkg != c.cf.Pkg || chanmodel.IsClose(call.Common()) {
				continue
			}
			_, deferred := instr.(*ssa.Defer)
			_, async := instr.(*ssa.Go)
			if callee.Parent() == fn && !c.cf.Escapes(callee) && len(c.cf.Sites(callee)) == 1 {
				// A literal run here: its closes are fn's, read through
				// its captured variables.
				for _, op := range c.cf.OpsOf(callee) {
					if op.Kind != chanmodel.Close || op.Deferred || op.Async || !chanmodel.Unconditional(op.Instr) {
						continue
					}
					acc, ok := c.cf.AccessIn(op.Chan, fn)
					if !ok {
						continue
					}
					sites = append(sites, closeSite{
						instr: instr, node: c.node(op), name: c.cf.ChanText(op),
						acc: acc, locs: c.cf.Locs(op.Chan), atExit: deferred, async: async,
					})
				}
				continue
			}
			if async {
				continue
			}
			for _, sum := range c.summary(callee, 0) {
				args := call.Common().Args
				if sum.param >= len(args) {
					continue
				}
				acc, ok := c.cf.AccessIn(args[sum.param], fn)
				if !ok {
					continue
				}
				acc.Steps += sum.steps
				acc.Loads = append(append([]chanmodel.Loc(nil), acc.Loads...), sum.loads...)
				sites = append(sites, closeSite{
					instr: instr, node: c.callNode(instr), name: sum.name + " (closed in " + funcName(sum.closer(callee)) + ")",
					acc: acc, locs: c.cf.Locs(args[sum.param]), deferred: deferred,
				})
			}
		}
	}
	return sites
}

// A closeSummary says that a function closes, whenever it runs, the
// channel reached from one of its parameters.
type closeSummary struct {
	param int
	steps string
	loads []chanmodel.Loc
	name  string          // as written where it is closed
	via   []*ssa.Function // the helpers it is closed through, below the function
}

// closer is the function that holds the close: the last helper, or fn.
func (s closeSummary) closer(fn *ssa.Function) *ssa.Function {
	if len(s.via) > 0 {
		return s.via[len(s.via)-1]
	}
	return fn
}

// summary returns what fn closes whenever it runs, through its parameters
// (the receiver included), directly or by the helpers it calls.
func (c *checker) summary(fn *ssa.Function, depth int) []closeSummary {
	if sum, ok := c.summaries[fn]; ok {
		return sum
	}
	if depth > 4 {
		return nil // not remembered: a shallower call computes it
	}
	c.summaries[fn] = nil // recursion sees nothing
	if len(fn.Blocks) == 0 || c.cf.OnceOnly(fn) {
		return nil
	}
	paramIndex := func(v ssa.Value) int {
		for i, p := range fn.Params {
			if p == v {
				return i
			}
		}
		return -1
	}
	var stores map[chanmodel.Loc]bool // what fn stores, computed when asked: the sets are large
	resets := func(loads []chanmodel.Loc) bool {
		if len(loads) > 0 && stores == nil {
			stores = c.cf.Stores(fn)
		}
		for _, l := range loads {
			if stores[l] {
				return true
			}
		}
		return false
	}
	var out []closeSummary
	for _, op := range c.cf.OpsOf(fn) {
		if op.Kind != chanmodel.Close || op.Async || !chanmodel.Unconditional(op.Instr) {
			continue
		}
		acc, ok := c.cf.AccessIn(op.Chan, fn)
		if !ok || resets(acc.Loads) {
			continue
		}
		if i := paramIndex(acc.Root); i >= 0 {
			out = append(out, closeSummary{param: i, steps: acc.Steps, loads: acc.Loads, name: c.cf.ChanText(op)})
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil || callee == fn || callee.Pkg != c.cf.Pkg || callee.Parent() != nil {
				continue
			}
			sums := c.summary(callee, depth+1)
			if len(sums) == 0 || !chanmodel.Unconditional(instr) {
				continue
			}
			for _, sum := range sums {
				if sum.param >= len(call.Call.Args) {
					continue
				}
				acc, ok := c.cf.AccessIn(call.Call.Args[sum.param], fn)
				if !ok {
					continue
				}
				loads := append(append([]chanmodel.Loc(nil), acc.Loads...), sum.loads...)
				if i := paramIndex(acc.Root); i >= 0 && !resets(loads) {
					via := append([]*ssa.Function{callee}, sum.via...)
					out = append(out, closeSummary{param: i, steps: acc.Steps + sum.steps, loads: loads, name: sum.name, via: via})
				}
			}
		}
	}
	c.summaries[fn] = out
	return out
}

// A methodClose is a close of a receiver field that a method performs
// whenever it runs, itself or through the helpers in via.
type methodClose struct {
	method *ssa.Function
	node   analysis.Range
	name   string // the channel, as written where it is closed
	acc    chanmodel.Access
	via    []*ssa.Function
}

// calls reports whether a closes through b (b is one of its helpers).
func (a methodClose) calls(b *ssa.Function) bool {
	for _, f := range a.via {
		if f == b {
			return true
		}
	}
	return false
}

// viaExported reports whether mc closes through an exported helper, which
// is reported (or documented) on its own.
func viaExported(mc methodClose) bool {
	for _, f := range mc.via {
		if obj := f.Object(); obj != nil && obj.Exported() {
			return true
		}
	}
	return false
}

// checkMethods reports fields that two methods of a type close with no
// guard, and (when unguarded is set) a field that one exported method
// closes with no guard.
func (c *checker) checkMethods(unguarded bool) {
	groups := make(map[string][]methodClose)
	var keys []string
	add := func(m *ssa.Function, mc methodClose) {
		acc := mc.acc
		if acc.Root != m.Params[0] || len(acc.Loads) == 0 || acc.Loads[0].Kind != chanmodel.LocField {
			return
		}
		if c.cf.Stores(m)[acc.Loads[len(acc.Loads)-1]] {
			return // the method also sets the field: a reset or a fresh channel
		}
		named := recvNamed(m)
		if named == nil {
			return
		}
		key := named.Obj().Id() + "|" + acc.Steps
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		mc.method = m
		groups[key] = append(groups[key], mc)
	}
	for _, op := range c.cf.Ops {
		if op.Kind != chanmodel.Close || op.Async {
			continue
		}
		m := c.methodOf(op)
		if m == nil || analysisutil.IsTestFile(c.pass, m.Pos()) {
			continue
		}
		if acc, ok := c.cf.AccessIn(op.Chan, m); ok {
			add(m, methodClose{node: c.node(op), name: c.cf.ChanText(op), acc: acc})
		}
	}
	// Closes by helpers that methods call whenever they run.
	for _, m := range c.cf.Funcs {
		if m.Parent() != nil || m.Signature.Recv() == nil || len(m.Params) == 0 || analysisutil.IsTestFile(c.pass, m.Pos()) || c.cf.OnceOnly(m) {
			continue
		}
		for _, b := range m.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if _, isGo := instr.(*ssa.Go); !ok || isGo || !chanmodel.Unconditional(instr) {
					continue
				}
				callee := call.Common().StaticCallee()
				if callee == nil || callee == m || callee.Pkg != c.cf.Pkg || callee.Parent() != nil {
					continue
				}
				for _, sum := range c.summary(callee, 0) {
					args := call.Common().Args
					if sum.param >= len(args) {
						continue
					}
					acc, ok := c.cf.AccessIn(args[sum.param], m)
					if !ok {
						continue
					}
					acc.Steps += sum.steps
					acc.Loads = append(append([]chanmodel.Loc(nil), acc.Loads...), sum.loads...)
					via := append([]*ssa.Function{callee}, sum.via...)
					add(m, methodClose{node: c.callNode(instr), name: sum.name + " (in " + funcName(sum.closer(callee)) + ")", acc: acc, via: via})
				}
			}
		}
	}
	for _, key := range keys {
		g := groups[key]
		sort.SliceStable(g, func(i, j int) bool { return g[i].node.Pos() < g[j].node.Pos() })
		paired := false
		for i, first := range g {
			for _, mc := range g[i+1:] {
				if mc.method == first.method || mc.calls(first.method) || first.calls(mc.method) {
					continue // one closes through the other
				}
				paired = true
				if documentsOnce(mc.method) || documentsOnce(first.method) {
					continue
				}
				c.reportAt(mc.node, fmt.Sprintf("%s and %s (line %d) both close %s with no guard: if both run, the second close panics with \"close of closed channel\"; close it in one place, or guard every close with a sync.Once", methodName(mc.method), methodName(first.method), c.pass.Fset.Position(first.node.Pos()).Line, mc.name))
			}
		}
		if paired || !unguarded {
			continue
		}
		for _, mc := range g {
			if obj := mc.method.Object(); obj != nil && obj.Exported() && !documentsOnce(mc.method) && !viaExported(mc) {
				c.reportAt(mc.node, fmt.Sprintf("%s closes %s with no guard: a second call panics with \"close of closed channel\"; guard the close with a sync.Once, or document that it must be called once", methodName(mc.method), mc.name))
			}
		}
	}
}

// methodOf returns the method that performs op whenever it runs: op runs
// unconditionally in its function, and each enclosing literal is started
// (called, deferred or run with go) once and unconditionally by the
// function declaring it, up to a method. It returns nil for closes under a
// guard, a sync.Once, or in literals passed around.
func (c *checker) methodOf(op *chanmodel.Op) *ssa.Function {
	if !chanmodel.Unconditional(op.Instr) {
		return nil
	}
	f := op.Fn
	for f.Parent() != nil {
		if c.cf.Escapes(f) {
			return nil
		}
		sites := c.cf.Sites(f)
		if len(sites) != 1 || sites[0].Parent() != f.Parent() || !chanmodel.Unconditional(sites[0]) {
			return nil
		}
		f = f.Parent()
	}
	if f.Signature.Recv() == nil || len(f.Params) == 0 || f.Synthetic != "" || c.cf.OnceOnly(f) {
		return nil
	}
	return f
}

// onceDoc matches a doc comment that states the method's contract: "Not
// idempotent", "must be called only once", "calling Stop twice panics".
var onceDoc = regexp.MustCompile(`(?i)\b(idempotent|(only|exactly|at most|just) once|more than once|twice|multiple times|once and only once)\b`)

// documentsOnce reports whether the method's doc comment says it must not
// be called twice, or not together with another ("Either Resume or Fail
// must be called at most once"): the contract is the caller's to keep.
func documentsOnce(m *ssa.Function) bool {
	fd, ok := m.Syntax().(*ast.FuncDecl)
	return ok && fd.Doc != nil && onceDoc.MatchString(fd.Doc.Text())
}

func recvNamed(m *ssa.Function) *types.Named {
	t := m.Signature.Recv().Type()
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	if n != nil {
		n = n.Origin()
	}
	return n
}

// methodName renders (*T).M or T.M.
func methodName(m *ssa.Function) string {
	recv := m.Signature.Recv().Type()
	ptr := ""
	if p, ok := recv.(*types.Pointer); ok {
		recv, ptr = p.Elem(), "*"
	}
	name := "T"
	if n, ok := types.Unalias(recv).(*types.Named); ok {
		name = n.Obj().Name()
	}
	if ptr != "" {
		return "(*" + name + ")." + m.Name()
	}
	return name + "." + m.Name()
}

// node is where a close is reported: the close call.
func (c *checker) node(op *chanmodel.Op) analysis.Range {
	if n := c.cf.CloseCall(op); n != nil {
		return n
	}
	return posRange{op.Pos}
}

// callNode is where a call of a helper is reported: the call expression
// whose left parenthesis SSA records.
func (c *checker) callNode(instr ssa.Instruction) analysis.Range {
	pos := instr.Pos()
	if f := analysisutil.File(c.pass, pos); f != nil {
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for _, n := range path {
			if call, ok := n.(*ast.CallExpr); ok && call.Lparen == pos {
				return call
			}
		}
	}
	return posRange{pos}
}

// line is the line a site is reported at.
func (c *checker) line(s closeSite) int { return c.pass.Fset.Position(s.node.Pos()).Line }

func (c *checker) report(s closeSite, msg string) {
	c.reportAt(s.node, msg)
}

func (c *checker) reportAt(node analysis.Range, msg string) {
	if c.reported[node.Pos()] {
		return
	}
	c.reported[node.Pos()] = true
	c.r.Report(node, msg, contract.CloseOfClosedChanPanics)
}

// funcName renders a function for messages: (*T).M, T.M, f.
func funcName(fn *ssa.Function) string {
	if fn.Signature.Recv() != nil {
		return methodName(fn)
	}
	return fn.Name()
}

// posRange is a position as a Range.
type posRange struct{ pos token.Pos }

func (p posRange) Pos() token.Pos { return p.pos }
func (p posRange) End() token.Pos { return p.pos }
