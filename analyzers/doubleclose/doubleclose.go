package doubleclose

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/analyzers/directives"
	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/chanflow"
	"github.com/rtlint/rtlint/internal/contract"
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
		Requires: []*analysis.Analyzer{chanflow.Analyzer, directives.Analyzer},
	}
	unguarded := a.Flags.Bool("unguarded", false, "also report an exported method that closes a field of its receiver with no guard (calling it twice panics)")
	a.Run = func(pass *analysis.Pass) (any, error) {
		return run(pass, *unguarded)
	}
	return a
}

type checker struct {
	pass     *analysis.Pass
	cf       *chanflow.Result
	r        *report.Reporter
	reported map[ssa.Instruction]bool
}

func run(pass *analysis.Pass, unguarded bool) (any, error) {
	cf := pass.ResultOf[chanflow.Analyzer].(*chanflow.Result)
	if cf.Pkg == nil {
		return nil, nil
	}
	c := &checker{pass: pass, cf: cf, r: report.New(pass), reported: make(map[ssa.Instruction]bool)}
	for _, fn := range cf.Funcs {
		if !analysisutil.IsTestFile(pass, fn.Pos()) {
			c.checkFunc(fn)
		}
	}
	c.checkMethods(unguarded)
	return nil, nil
}

// A closeSite is a close that runs in a function: in place, deferred
// ("defer close(ch)"), or at exit by a deferred function literal.
type closeSite struct {
	op     *chanflow.Op
	instr  ssa.Instruction // where it is decided in the function: the close, or the defer statement
	acc    chanflow.Access
	atExit bool // a deferred literal: the channel is read when the function returns
}

// checkFunc reports closes of one channel on one path of fn.
func (c *checker) checkFunc(fn *ssa.Function) {
	var sites []closeSite
	for _, op := range c.cf.OpsOf(fn) {
		if op.Kind != chanflow.Close {
			continue
		}
		if acc, ok := c.cf.AccessIn(op.Chan, fn); ok {
			sites = append(sites, closeSite{op: op, instr: op.Instr, acc: acc})
		}
	}
	sites = append(sites, c.deferredLiterals(fn)...)
	if len(sites) == 0 {
		return
	}
	for i, s := range sites {
		if s.atExit {
			continue
		}
		walk := &chanflow.Walk{R: c.cf, Fn: fn, Acc: s.acc, Chan: c.cf.Locs(s.op.Chan)}
		// The same close again: a loop that does not leave after it.
		walk.Hit = func(instr ssa.Instruction) bool { return instr == s.instr }
		if walk.From(s.instr) != nil {
			if s.op.Deferred {
				c.report(s.op, fmt.Sprintf("defer close(%s) runs on every iteration of the loop: when the function returns, the second deferred close panics with \"close of closed channel\"; defer the close once, outside the loop", c.cf.ChanText(s.op)))
			} else {
				c.report(s.op, fmt.Sprintf("%s is closed inside a loop that can come back to this close: the next close panics with \"close of closed channel\" in this goroutine; close after the loop, or leave the loop once it is closed", c.cf.ChanText(s.op)))
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
			case s.op.Deferred && t.op.Deferred:
				c.report(t.op, fmt.Sprintf("%s is deferred to be closed twice (also at line %d): when the function returns, the second close panics with \"close of closed channel\"; defer one close", c.cf.ChanText(t.op), c.line(c.pos(s.op))))
			case s.op.Deferred:
				c.report(t.op, fmt.Sprintf("%s is closed here and again by the deferred close at line %d: when the function returns, the deferred close panics with \"close of closed channel\"; keep one of the two", c.cf.ChanText(t.op), c.line(c.pos(s.op))))
			case t.op.Deferred:
				c.report(s.op, fmt.Sprintf("%s is closed here and again by the deferred close at line %d: when the function returns, the deferred close panics with \"close of closed channel\"; keep one of the two", c.cf.ChanText(s.op), c.line(c.pos(t.op))))
			default:
				c.report(t.op, fmt.Sprintf("%s was already closed at line %d on a path that reaches this close: it panics with \"close of closed channel\" in this goroutine; close the channel once", c.cf.ChanText(t.op), c.line(c.pos(s.op))))
			}
		}
	}
}

// checkAtExit reports a close s that a deferred literal t closes again
// when the function returns.
func (c *checker) checkAtExit(fn *ssa.Function, s, t closeSite) {
	walk := &chanflow.Walk{R: c.cf, Fn: fn, Acc: s.acc, Chan: c.cf.Locs(s.op.Chan)}
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
	c.report(s.op, fmt.Sprintf("%s is closed here and again by the deferred function at line %d: when the function returns, that close panics with \"close of closed channel\"; keep one of the two", c.cf.ChanText(s.op), c.line(t.instr.Pos())))
}

// deferredLiterals returns the closes that deferred function literals of
// fn perform unconditionally when fn returns.
func (c *checker) deferredLiterals(fn *ssa.Function) []closeSite {
	var out []closeSite
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			lit := d.Call.StaticCallee()
			if lit == nil || lit.Parent() != fn || c.cf.Escapes(lit) || len(c.cf.Sites(lit)) != 1 {
				continue
			}
			for _, op := range c.cf.OpsOf(lit) {
				if op.Kind != chanflow.Close || op.Deferred || op.Async || !chanflow.Unconditional(op.Instr) {
					continue
				}
				if acc, ok := c.cf.AccessIn(op.Chan, fn); ok {
					out = append(out, closeSite{op: op, instr: d, acc: acc, atExit: true})
				}
			}
		}
	}
	return out
}

// A methodClose is a close of a receiver field that a method performs
// whenever it runs.
type methodClose struct {
	method *ssa.Function
	op     *chanflow.Op
	acc    chanflow.Access
}

// checkMethods reports fields that two methods of a type close with no
// guard, and (when unguarded is set) a field that one exported method
// closes with no guard.
func (c *checker) checkMethods(unguarded bool) {
	groups := make(map[string][]methodClose)
	var keys []string
	for _, op := range c.cf.Ops {
		if op.Kind != chanflow.Close || op.Async {
			continue
		}
		m := c.methodOf(op)
		if m == nil || analysisutil.IsTestFile(c.pass, m.Pos()) {
			continue
		}
		acc, ok := c.cf.AccessIn(op.Chan, m)
		if !ok || acc.Root != m.Params[0] || len(acc.Loads) == 0 || acc.Loads[0].Kind != chanflow.LocField {
			continue
		}
		if c.cf.Stores(m)[acc.Loads[len(acc.Loads)-1]] {
			continue // the method also sets the field: a reset or a fresh channel
		}
		named := recvNamed(m)
		if named == nil {
			continue
		}
		key := named.Obj().Id() + "|" + acc.Steps
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], methodClose{method: m, op: op, acc: acc})
	}
	for _, key := range keys {
		g := groups[key]
		sort.SliceStable(g, func(i, j int) bool { return g[i].op.Pos < g[j].op.Pos })
		methods := map[*ssa.Function]bool{}
		for _, mc := range g {
			methods[mc.method] = true
		}
		if len(methods) >= 2 {
			first := g[0]
			for _, mc := range g[1:] {
				if mc.method == first.method {
					continue
				}
				c.report(mc.op, fmt.Sprintf("%s and %s (line %d) both close %s with no guard: if both run, the second close panics with \"close of closed channel\"; close it in one place, or guard every close with a sync.Once", methodName(mc.method), methodName(first.method), c.line(c.pos(first.op)), c.cf.ChanText(mc.op)))
			}
			continue
		}
		if !unguarded {
			continue
		}
		for _, mc := range g {
			if obj := mc.method.Object(); obj != nil && obj.Exported() {
				c.report(mc.op, fmt.Sprintf("%s closes %s with no guard: a second call panics with \"close of closed channel\"; guard the close with a sync.Once, or document that it must be called once", methodName(mc.method), c.cf.ChanText(mc.op)))
			}
		}
	}
}

// methodOf returns the method that performs op whenever it runs: op runs
// unconditionally in its function, and each enclosing literal is started
// (called, deferred or run with go) once and unconditionally by the
// function declaring it, up to a method. It returns nil for closes under a
// guard, a sync.Once, or in literals passed around.
func (c *checker) methodOf(op *chanflow.Op) *ssa.Function {
	if !chanflow.Unconditional(op.Instr) {
		return nil
	}
	f := op.Fn
	for f.Parent() != nil {
		if c.cf.Escapes(f) {
			return nil
		}
		sites := c.cf.Sites(f)
		if len(sites) != 1 || sites[0].Parent() != f.Parent() || !chanflow.Unconditional(sites[0]) {
			return nil
		}
		f = f.Parent()
	}
	if f.Signature.Recv() == nil || len(f.Params) == 0 || f.Synthetic != "" || c.cf.OnceOnly(f) {
		return nil
	}
	return f
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

func (c *checker) pos(op *chanflow.Op) token.Pos {
	if n := c.cf.Node(op); n != nil {
		return n.Pos()
	}
	return op.Pos
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

func (c *checker) report(op *chanflow.Op, msg string) {
	if c.reported[op.Instr] {
		return
	}
	c.reported[op.Instr] = true
	var rng analysis.Range = posRange{op.Pos}
	if n := c.cf.Node(op); n != nil {
		rng = n
	}
	c.r.Report(rng, msg, contract.CloseOfClosedChanPanics)
}

// posRange is a position as a Range.
type posRange struct{ pos token.Pos }

func (p posRange) Pos() token.Pos { return p.pos }
func (p posRange) End() token.Pos { return p.pos }
