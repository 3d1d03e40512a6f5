package golifecycle

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/goflow"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "golifecycle",
	Doc:      analysisutil.Doc(doc, "golifecycle"),
	URL:      analysisutil.URL("golifecycle"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer, goflow.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	idx := pass.ResultOf[goflow.Analyzer].(*goflow.Index)
	starts := idx.Starts()
	if len(starts) == 0 {
		return nil, nil
	}
	r := report.New(pass)
	c := &checker{pass: pass, idx: idx, sums: make(map[*types.Func]*summary)}
	var once map[*ast.FuncDecl]bool
	if analysisutil.IsMain(pass) {
		once = runOnce(pass, insp)
	}
	for _, s := range starts {
		if analysisutil.IsTestFile(pass, s.Node.Pos()) || inOnce(s.Cur, once) {
			continue
		}
		var res result
		if s.Fn != nil {
			sum := c.summarize(s.Fn, s.Decl)
			res = sum.result
		} else {
			res = c.analyze(s.Lit.Body)
		}
		switch {
		case !res.returns && !res.exits:
			c.report(r, s, res.trap, false)
		case res.partial != nil:
			c.report(r, s, *res.partial, true)
		}
	}
	return nil, nil
}

// runOnce returns the functions of package main that run once, at
// start-up: main and init, and the functions called only from them (or
// from other such functions), directly, outside loops and func literals.
// The goroutines they start live as long as the process by design.
func runOnce(pass *analysis.Pass, insp *inspector.Inspector) map[*ast.FuncDecl]bool {
	decls := make(map[*types.Func]*ast.FuncDecl)
	once := make(map[*ast.FuncDecl]bool)
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
			decls[fn] = fd
		}
		if fd.Recv == nil && (fd.Name.Name == "main" || fd.Name.Name == "init") {
			once[fd] = true
		}
	}
	// callers[f] lists the declarations calling f; nil marks a call from a
	// loop, a func literal or package level, or a use as a value.
	callers := make(map[*ast.FuncDecl][]*ast.FuncDecl)
	for cur := range insp.Root().Preorder((*ast.Ident)(nil)) {
		fn, ok := pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Func)
		if !ok {
			continue
		}
		fd := decls[fn.Origin()]
		if fd == nil {
			continue
		}
		callers[fd] = append(callers[fd], onceCaller(cur))
	}
	for changed := true; changed; {
		changed = false
		for fd, cs := range callers {
			if once[fd] {
				continue
			}
			all := true
			for _, c := range cs {
				all = all && c != nil && once[c]
			}
			if all {
				once[fd] = true
				changed = true
			}
		}
	}
	return once
}

// onceCaller returns the declaration in which the function named at cur
// is called directly, outside loops and func literals, or nil.
func onceCaller(cur inspector.Cursor) *ast.FuncDecl {
	c := cur
	if sel, ok := c.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == c.Node() {
		c = c.Parent()
	}
	call, ok := c.Parent().Node().(*ast.CallExpr)
	if !ok || call.Fun != c.Node() {
		return nil
	}
	for e := range c.Enclosing() {
		switch n := e.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit, *ast.GoStmt:
			return nil
		case *ast.FuncDecl:
			return n
		}
	}
	return nil
}

// inOnce reports whether cur is in one of the run-once functions, outside
// loops and func literals other than the goroutine's own.
func inOnce(cur inspector.Cursor, once map[*ast.FuncDecl]bool) bool {
	if len(once) == 0 {
		return false
	}
	for e := range cur.Parent().Enclosing() {
		switch n := e.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false
		case *ast.FuncDecl:
			return once[n]
		}
	}
	return false
}

type state uint8

const (
	pending state = iota // being computed: a recursive call, assumed to return
	returns
	exits   // never returns, but panics or exits
	forever // neither returns nor exits
)

type summary struct {
	state state
	result
}

// A trap says why a body can never end.
type trap struct {
	loop   ast.Stmt    // the outermost loop nothing leaves, or nil
	ch     ast.Expr    // for a range over a channel: the channel
	callee *types.Func // or: a call of a function that never ends
	call   *ast.CallExpr
	inner  *trap      // the callee's trap
	dead   *goflow.Op // or: an operation that can never complete
	onChan bool       // the loop blocks on channels the package owns
}

type checker struct {
	pass *analysis.Pass
	idx  *goflow.Index
	sums map[*types.Func]*summary
}

func (c *checker) summarize(fn *types.Func, decl *ast.FuncDecl) *summary {
	if s, ok := c.sums[fn]; ok {
		return s
	}
	s := &summary{state: pending}
	c.sums[fn] = s
	res := c.analyze(decl.Body)
	switch {
	case res.returns:
		s.state = returns
	case res.exits:
		s.state = exits
	default:
		s.state = forever
	}
	s.result = res
	return s
}

type result struct {
	returns, exits bool
	trap           trap  // why it cannot end, when it cannot
	partial        *trap // when it can: the first point past which it cannot
}

// analyze builds the control-flow graph of body and decides whether
// control can reach a return, or a panic or exit. A range over a channel
// nothing can close never takes its exit edge, and a select case on a
// channel nothing sends on or closes is never taken.
func (c *checker) analyze(body *ast.BlockStmt) result {
	var res result
	if body == nil {
		res.returns = true
		return res
	}
	g := cfg.New(body, c.mayReturn)
	seen := make([]bool, len(g.Blocks))
	stack := []*cfg.Block{g.Blocks[0]}
	seen[0] = true
	var dead *goflow.Op
	var stuck *trap // a call of a function that never returns
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if o := c.deadOpIn(b); o != nil {
			if dead == nil || o.Node.Pos() < dead.Node.Pos() {
				dead = o
			}
			continue // control never gets past it
		}
		if b.Return() != nil {
			res.returns = true
		}
		if call := lastCall(b); call != nil && len(b.Succs) == 0 {
			if c.isExit(call) {
				res.exits = true
			} else if t := c.foreverCall(call); t != nil && (stuck == nil || call.Pos() < stuck.call.Pos()) {
				stuck = t
			}
		}
		succs := b.Succs
		if b.Kind == cfg.KindRangeLoop && len(succs) == 2 && c.neverClosed(b.Stmt.(*ast.RangeStmt)) {
			succs = succs[:1] // the body only
		}
		for _, s := range succs {
			if s.Kind == cfg.KindSelectCaseBody && c.deadCase(s.Stmt.(*ast.CommClause)) {
				continue
			}
			if !seen[s.Index] {
				seen[s.Index] = true
				stack = append(stack, s)
			}
		}
	}
	if res.returns || res.exits {
		switch {
		case dead != nil && (stuck == nil || dead.Node.Pos() < stuck.call.Pos()):
			res.partial = &trap{dead: dead, onChan: true}
		case stuck != nil:
			res.partial = stuck
		}
		return res
	}
	if dead != nil {
		res.trap = trap{dead: dead, onChan: true}
		return res
	}
	res.trap = c.findTrap(g, seen)
	return res
}

// deadOpIn returns the first operation of a block that can never
// complete: a send on an unbuffered channel nothing receives from, a
// receive or range over a channel nothing sends on or closes, both
// internal to the package.
func (c *checker) deadOpIn(b *cfg.Block) *goflow.Op {
	if b.Kind == cfg.KindRangeLoop {
		if o := c.idx.OpOf[b.Stmt]; o != nil && c.isDead(o) {
			return o
		}
	}
	var found *goflow.Op
	for _, n := range b.Nodes {
		ast.Inspect(n, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if o := c.idx.OpOf[n]; o != nil && o.Select == nil && o.Kind != goflow.Range && c.isDead(o) {
				found = o
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// isDead reports whether an operation can never complete because the
// package, which sees every operation on the channel, has no peer for it.
func (c *checker) isDead(o *goflow.Op) bool {
	ch := c.idx.Chan(o.Key)
	if !ch.Internal() {
		return false
	}
	if o.Kind == goflow.Send {
		for _, m := range ch.Makes {
			if m.Cap != 0 {
				return false
			}
		}
		return len(ch.Recvs) == 0 && !ch.Closed()
	}
	return len(ch.Sends) == 0 && !ch.Closed()
}

// findTrap names what holds a body that cannot end: the outermost loop
// whose body runs but whose exit is never reached, or a call of a
// function that never ends.
func (c *checker) findTrap(g *cfg.CFG, seen []bool) trap {
	bodies := make(map[ast.Stmt]bool)
	dones := make(map[ast.Stmt]bool)
	for _, b := range g.Blocks {
		if !seen[b.Index] {
			continue
		}
		switch b.Kind {
		case cfg.KindForBody, cfg.KindRangeBody:
			bodies[b.Stmt] = true
		case cfg.KindForDone, cfg.KindRangeDone:
			dones[b.Stmt] = true
		}
	}
	var t trap
	for loop := range bodies {
		if dones[loop] || (t.loop != nil && t.loop.Pos() < loop.Pos()) {
			continue
		}
		t.loop = loop
	}
	if t.loop != nil {
		if rs, ok := t.loop.(*ast.RangeStmt); ok && c.isChan(rs.X) {
			t.ch = rs.X
		}
		t.onChan = c.blocksOnChan(t.loop)
		return t
	}
	for _, b := range g.Blocks {
		if !seen[b.Index] || len(b.Succs) != 0 {
			continue
		}
		if call := lastCall(b); call != nil {
			if t := c.foreverCall(call); t != nil {
				return *t
			}
		}
	}
	return t // select {}, a nil channel, or a goto loop: left to other checks
}

// foreverCall returns the trap of a call of a package function that never
// returns and never exits, or nil.
func (c *checker) foreverCall(call *ast.CallExpr) *trap {
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	decl := c.idx.FuncDecl(fn)
	if decl == nil {
		return nil
	}
	s := c.summarize(fn.Origin(), decl)
	if s.state != forever {
		return nil
	}
	inner := s.trap
	return &trap{callee: fn.Origin(), call: call, inner: &inner, onChan: inner.onChan}
}

func lastCall(b *cfg.Block) *ast.CallExpr {
	if len(b.Nodes) == 0 {
		return nil
	}
	if es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt); ok {
		call, _ := ast.Unparen(es.X).(*ast.CallExpr)
		return call
	}
	return nil
}

// mayReturn is the CFG builder's view of calls: panics, exits and calls of
// package functions that never return end the block.
func (c *checker) mayReturn(call *ast.CallExpr) bool {
	if c.isExit(call) {
		return false
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	if decl := c.idx.FuncDecl(fn); decl != nil {
		return c.summarize(fn.Origin(), decl).state <= returns
	}
	return true
}

// isExit reports whether call ends the goroutine or the process: panic,
// runtime.Goexit, os.Exit, log.Fatal and the like, testing's FailNow
// family, and package functions that always do one of these.
func (c *checker) isExit(call *ast.CallExpr) bool {
	info := c.pass.TypesInfo
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "panic"
		}
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil {
		fn = interfaceMethod(info, call)
	}
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if decl := c.idx.FuncDecl(fn); decl != nil {
		return c.summarize(fn.Origin(), decl).state == exits
	}
	return analysisutil.NeverReturns(fn)
}

func interfaceMethod(info *types.Info, call *ast.CallExpr) *types.Func {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || !types.IsInterface(s.Recv()) {
		return nil
	}
	fn, _ := s.Obj().(*types.Func)
	return fn
}

func (c *checker) isChan(e ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(e)
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// neverClosed reports whether a range statement ranges over a channel
// nothing can close.
func (c *checker) neverClosed(rs *ast.RangeStmt) bool {
	return c.isChan(rs.X) && c.idx.ChanOf(rs.X).NeverClosed()
}

// deadCase reports whether a select case can never be taken: its
// operation has no peer (see isDead).
func (c *checker) deadCase(cc *ast.CommClause) bool {
	o := c.idx.CommOp(cc)
	return o != nil && c.isDead(o)
}

func within(n, outer ast.Node) bool {
	return outer != nil && outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// blocksOnChan reports whether a loop waits on a channel the package made
// and owns: once nothing else can reach that channel the runtime's leak
// profile can see the goroutine. Loops that wait on timers, I/O or
// locks are invisible to it.
func (c *checker) blocksOnChan(loop ast.Stmt) bool {
	for _, o := range c.idx.Ops {
		if within(o.Node, loop) && c.idx.Chan(o.Key).Internal() {
			return true
		}
	}
	return false
}

// --- messages ---

func (c *checker) report(r *report.Reporter, s *goflow.Start, t trap, partial bool) {
	if t.loop == nil && t.callee == nil && t.dead == nil {
		return
	}
	why, remedy, ids := c.explain(t)
	when := ""
	if partial {
		at := t.call
		if t.dead != nil {
			at = nil
			when = fmt.Sprintf(" once it reaches line %d", c.line(t.dead.Node))
		}
		if at != nil {
			when = fmt.Sprintf(" once it reaches line %d", c.line(at))
		}
	}
	msg := fmt.Sprintf("%s never ends%s: %s, so it and everything it references stay until the process exits; %s (if it is meant to live as long as the process, say so: //rtlint:ignore golifecycle <reason>)",
		s.Name(), when, why, remedy)
	if t.onChan {
		if hint, id := goflow.LeakProfileHint(r.Toolchain().Version); hint != "" {
			msg += "; " + hint
			ids = append(ids, id)
		}
	}
	pos, end := s.Head()
	r.Report(rng{pos, end}, msg, ids...)
}

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }

func (c *checker) line(n ast.Node) int { return c.pass.Fset.Position(n.Pos()).Line }

// explain says why a trap holds, what to do, and which contracts prove it.
func (c *checker) explain(t trap) (why, remedy string, ids []contract.ID) {
	if t.callee != nil {
		inner, remedy, ids := c.explain(*t.inner)
		return fmt.Sprintf("it calls %s (line %d), which never returns: %s", goflow.FuncName(t.callee), c.line(t.call), inner), remedy, ids
	}
	if o := t.dead; o != nil {
		name := chanName(o.Chan)
		if o.Kind == goflow.Send {
			return fmt.Sprintf("its send on %s (line %d) can never complete, because nothing in this package receives from %s", name, c.line(o.Node), name),
				"receive from " + name + " where the value is wanted, or drop the send",
				[]contract.ID{contract.ChanSendParksUntilRecv, contract.GCScansEveryGoroutineStack}
		}
		return fmt.Sprintf("it waits on %s (line %d), on which nothing in this package sends and which nothing closes", name, c.line(o.Node)),
			"close " + name + " (or send on it) where the wait should end",
			[]contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.GCScansEveryGoroutineStack}
	}
	if t.ch != nil {
		name := chanName(t.ch)
		ch := c.idx.ChanOf(t.ch)
		if ch != nil && ch.Timer {
			return fmt.Sprintf("its range over %s (line %d) never stops, because the runtime never closes a timer or ticker channel (Stop does not close it)", types.ExprString(t.ch), c.line(t.loop)),
				"loop on a select that also returns on <-ctx.Done() or a quit channel, and Stop the ticker",
				[]contract.ID{contract.BlockedGoroutineParksUntilReadied, contract.GCScansEveryGoroutineStack}
		}
		return fmt.Sprintf("its range over %s (line %d) stops only when %s is closed, and nothing in this package closes it", name, c.line(t.loop), name),
			"close " + name + " from the producer once it is done, or select on it and <-ctx.Done() and return",
			[]contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.GCScansEveryGoroutineStack}
	}
	return fmt.Sprintf("the loop at line %d has no return, break or select case that leaves it", c.line(t.loop)),
		"return from it on <-ctx.Done() or on a quit channel its owner closes",
		[]contract.ID{contract.BlockedGoroutineParksUntilReadied, contract.GCScansEveryGoroutineStack}
}

// chanName names a channel expression in a message: "s.events", or "the
// channel of s.Stopper().ShouldQuiesce()" for a call.
func chanName(e ast.Expr) string {
	if _, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return "the channel of " + types.ExprString(e)
	}
	return types.ExprString(e)
}
