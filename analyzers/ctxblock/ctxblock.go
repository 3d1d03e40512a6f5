package ctxblock

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
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
	Name:     "ctxblock",
	Doc:      analysisutil.Doc(doc, "ctxblock"),
	URL:      analysisutil.URL("ctxblock"),
	Requires: []*analysis.Analyzer{directive.Analyzer, goflow.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	idx := pass.ResultOf[goflow.Analyzer].(*goflow.Index)
	if len(idx.Ops) == 0 {
		return nil, nil
	}
	c := &checker{pass: pass, idx: idx, r: report.New(pass), goLits: make(map[*ast.FuncLit]*goflow.Start), goDecls: make(map[*ast.FuncDecl]bool), own: make(map[*types.Var]bool)}
	for _, s := range idx.Starts() {
		if s.Lit != nil {
			c.goLits[s.Lit] = s
		} else {
			c.goDecls[s.Decl] = true
		}
	}
	for _, o := range idx.Ops {
		if o.Select != nil || analysisutil.IsTestFile(pass, o.Node.Pos()) {
			continue
		}
		if ev := c.stuck(o); ev != nil && (!ev.none || !c.isGoroutine(o.Func)) {
			if ctx := goflow.ContextInScope(pass, o.Node.Pos(), o.Decl); ctx != "" {
				c.reportOp(o, ev, ctx)
			}
		}
	}
	for sel, ops := range idx.Selects {
		if len(ops) == 0 || analysisutil.IsTestFile(pass, sel.Pos()) {
			continue
		}
		if ev := c.stuckSelect(sel); ev != nil {
			if ctx := goflow.ContextInScope(pass, sel.Pos(), ops[0].Decl); ctx != "" {
				c.reportSelect(sel, ev, ctx)
			}
		}
	}
	return nil, nil
}

type checker struct {
	pass    *analysis.Pass
	idx     *goflow.Index
	r       *report.Reporter
	goLits  map[*ast.FuncLit]*goflow.Start
	goDecls map[*ast.FuncDecl]bool // functions started as goroutines
	own     map[*types.Var]bool    // see ownCancel
}

// evidence says why the other side of a channel can stop serving it: a
// select case by which every peer gives up (clause and what), or no
// peer at all (clause nil).
type evidence struct {
	clause *ast.CommClause
	what   string // "<-ctx.Done()", "<-s.quit", "time.After(d)"
	// Or the receiving function abandons its senders (see abandoned):
	loop  ast.Stmt // they are started in this loop and it receives recvs times
	recvs int
	ret   *ast.ReturnStmt // it returns here without receiving
	owner ast.Node
	// Or there is no peer at all.
	none bool
}

// stuck reports whether an operation outside any select can block for
// good, and why. The channel must be one the package makes and owns, so
// that every peer is in view:
//
//   - a send, when the buffer can fill and every receive of the channel is
//     a select case beside a case by which the select gives up (or there
//     is no receive at all): once those selects have given up, nobody
//     receives;
//   - a receive or range, when nothing closes the channel and every send
//     is such a select case (or there is no send at all): once the
//     senders have given up, nothing wakes it.
func (c *checker) stuck(o *goflow.Op) *evidence {
	ch := c.idx.Chan(o.Key)
	if !ch.Internal() {
		return nil
	}
	if o.Kind == goflow.Send {
		if !c.canFill(ch) || c.closedElsewhere(ch, o.Func) || !lastIfBuffered(ch, o) || c.releases(ch, o) {
			return nil
		}
		if ev := c.allGiveUp(ch, ch.Recvs, o); ev != nil {
			return ev
		}
		return c.abandoned(o, ch)
	}
	if ch.Closed() || !unbuffered(ch) {
		// A buffered channel's senders give up only when it is full, or
		// (select choosing at random) when both cases are ready: either
		// way the receiver has values. And a buffered channel whose
		// receives follow sends of the same flow is a semaphore.
		return nil
	}
	return c.allGiveUp(ch, ch.Sends, o)
}

// lastIfBuffered reports whether a send is the one to report: any send on
// an unbuffered channel; on a buffered one, whose first sends fill the
// buffer without blocking, only the last of its function's sends.
func lastIfBuffered(ch *goflow.Chan, o *goflow.Op) bool {
	buffered := false
	for _, m := range ch.Makes {
		buffered = buffered || m.Cap != 0
	}
	if !buffered {
		return true
	}
	for _, s := range ch.Sends {
		if s.Func == o.Func && s.Node.Pos() > o.Node.Pos() {
			return false
		}
	}
	return true
}

// releases reports whether a send on a buffered channel returns a token
// its own goroutine took: a receive from the channel is in the send's
// function or in one enclosing it with no go statement in between
// (<-sem ... defer func() { sem <- t }()).
func (c *checker) releases(ch *goflow.Chan, o *goflow.Op) bool {
	if unbuffered(ch) {
		return false
	}
	for _, r := range ch.Recvs {
		if within(o.Node, r.Func) && !c.goBetween(r.Func, o.Node) {
			return true
		}
	}
	return false
}

// goBetween reports whether n runs in a goroutine started inside outer.
func (c *checker) goBetween(outer, n ast.Node) bool {
	for lit := range c.goLits {
		if ast.Node(lit) != outer && within(lit, outer) && within(n, lit) {
			return true
		}
	}
	return false
}

// closedElsewhere reports whether a function other than fn closes the
// channel. A sender that closes its own channel (the producer of a
// pipeline stage) still blocks on a send nobody takes; a channel closed
// by someone else is a protocol this check does not model.
func (c *checker) closedElsewhere(ch *goflow.Chan, fn ast.Node) bool {
	for _, cl := range ch.Closes {
		if !within(cl, fn) {
			return true
		}
	}
	return false
}

func within(n, outer ast.Node) bool {
	return outer != nil && outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

func unbuffered(ch *goflow.Chan) bool {
	for _, m := range ch.Makes {
		if m.Cap != 0 {
			return false
		}
	}
	return true
}

// allGiveUp returns the evidence that every one of peers of the blocked
// op gives up, or that there is none; nil if some peer may keep serving
// the channel.
func (c *checker) allGiveUp(ch *goflow.Chan, peers []*goflow.Op, blocked *goflow.Op) *evidence {
	if len(peers) == 0 {
		return &evidence{none: true}
	}
	var first *evidence
	for _, p := range peers {
		if p.Select == nil || p.Select == blocked.Select {
			return nil
		}
		ev := c.giveUpCase(p, ch, blocked)
		if ev == nil {
			return nil
		}
		if first == nil {
			first = ev
		}
	}
	return first
}

// giveUpCase returns the case by which the select of the peer op p stops
// serving the channel self for good: a receive from a context's Done
// channel or from a timer (time.After, a Timer's or Ticker's C), which
// fire whatever the blocked side does. In a select in a loop the case
// body must also always leave the loop (return, labelled break, goto,
// panic). A case on a quit channel is not taken as giving up: who closes
// it, and when, decides (a server loop closing its own done channel on
// exit has no later senders), and the check cannot tell. Nor is a case on
// the Done channel of a context that only the blocked op's own function
// cancels (ctx, cancel := context.WithCancel(context.Background()); defer
// cancel()): its peers give up only once it has left. A default case is
// neither: a loop polling with default still stops at its Done case.
func (c *checker) giveUpCase(p *goflow.Op, self *goflow.Chan, blocked *goflow.Op) *evidence {
	var found *evidence
	for _, st := range p.Select.Body.List {
		cc := st.(*ast.CommClause)
		o := c.idx.CommOp(cc) // nil for default
		if o == nil || o.Kind != goflow.Recv || p.Looped && !c.leaves(cc.Body) {
			continue
		}
		ch := c.idx.Chan(o.Key)
		switch {
		case ch == nil || ch == self:
		case ch.Done:
			if !c.ownCancel(o.Chan, blocked.Decl) {
				return &evidence{clause: cc, what: c.describe(o)}
			}
		case ch.Timer:
			if found == nil {
				found = &evidence{clause: cc, what: c.describe(o)}
			}
		}
	}
	return found
}

// ownCancel reports whether done is x.Done() for a context x declared in
// decl as context.WithCancel(context.Background()) (or TODO, or
// WithCancelCause): nothing but decl's own cancel call can cancel it.
func (c *checker) ownCancel(done ast.Expr, decl *ast.FuncDecl) bool {
	call, ok := ast.Unparen(done).(*ast.CallExpr)
	if !ok || decl == nil {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Pos() < decl.Pos() || v.Pos() > decl.End() {
		return false
	}
	if own, ok := c.own[v]; ok {
		return own
	}
	info := c.pass.TypesInfo
	isCall := func(e ast.Expr, names ...string) (*ast.CallExpr, bool) {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return call, ok && analysisutil.IsCallTo(info, call, "context", names...)
	}
	own, seen := true, false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 {
			return true
		}
		for i, l := range as.Lhs {
			lid, ok := l.(*ast.Ident)
			if !ok || info.ObjectOf(lid) != v {
				continue
			}
			seen = true
			wc, ok := isCall(as.Rhs[0], "WithCancel", "WithCancelCause")
			if i != 0 || !ok || len(wc.Args) != 1 {
				own = false
				continue
			}
			if _, ok := isCall(wc.Args[0], "Background", "TODO"); !ok {
				own = false
			}
		}
		return true
	})
	c.own[v] = own && seen
	return own && seen
}

func (c *checker) describe(o *goflow.Op) string {
	if o.Kind == goflow.Send {
		return "a send on " + types.ExprString(o.Chan)
	}
	return "<-" + types.ExprString(o.Chan)
}

// leaves reports whether a case body always leaves the loop around its
// select: it ends in a return, a labelled break, a goto, a call that never
// returns, or an if or switch all of whose branches do. A conditional
// return is not enough: the condition often says that the peer is done
// (if active == 0 { return }).
func (c *checker) leaves(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch s := body[len(body)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.GOTO || s.Tok == token.BREAK && s.Label != nil
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		return ok && c.isExit(call)
	case *ast.BlockStmt:
		return c.leaves(s.List)
	case *ast.IfStmt:
		if s.Else == nil || !c.leaves(s.Body.List) {
			return false
		}
		switch e := s.Else.(type) {
		case *ast.BlockStmt:
			return c.leaves(e.List)
		case *ast.IfStmt:
			return c.leaves([]ast.Stmt{e})
		}
	case *ast.SwitchStmt:
		return c.clausesLeave(s.Body)
	case *ast.TypeSwitchStmt:
		return c.clausesLeave(s.Body)
	}
	return false
}

func (c *checker) clausesLeave(body *ast.BlockStmt) bool {
	def := false
	for _, st := range body.List {
		cc := st.(*ast.CaseClause)
		def = def || cc.List == nil
		if !c.leaves(cc.Body) {
			return false
		}
	}
	return def
}

func (c *checker) isExit(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin)
		return ok && b.Name() == "panic"
	}
	fn := typeutil.StaticCallee(c.pass.TypesInfo, call)
	return fn != nil && fn.Pkg() != nil && analysisutil.NeverReturns(fn)
}

// stuckSelect reports whether a select without default can block for
// good: each of its cases is an operation that stuck would report.
func (c *checker) stuckSelect(sel *ast.SelectStmt) *evidence {
	var first *evidence
	for _, st := range sel.Body.List {
		cc := st.(*ast.CommClause)
		if cc.Comm == nil {
			return nil
		}
		o := c.idx.CommOp(cc)
		if o == nil {
			return nil
		}
		ev := c.stuck(o)
		if ev == nil || ev.loop != nil || ev.ret != nil {
			return nil
		}
		if first == nil || first.clause == nil && ev.clause != nil {
			first = ev
		}
	}
	return first
}

// --- messages ---

// who names the goroutine an operation runs in.
func (c *checker) who(fn ast.Node) string {
	switch fn := fn.(type) {
	case *ast.FuncLit:
		if s := c.goLits[fn]; s != nil {
			return fmt.Sprintf("the goroutine started at line %d", c.line(s.Node))
		}
		return "this func literal"
	case *ast.FuncDecl:
		if obj, ok := c.pass.TypesInfo.Defs[fn.Name].(*types.Func); ok {
			return goflow.FuncName(obj)
		}
	}
	return "this function"
}

func (c *checker) line(n ast.Node) int { return c.pass.Fset.Position(n.Pos()).Line }

func (c *checker) reportOp(o *goflow.Op, ev *evidence, ctx string) {
	name := types.ExprString(o.Chan)
	who := c.who(o.Func)
	var msg string
	var ids []contract.ID
	switch {
	case o.Kind == goflow.Send && ev.loop != nil:
		times := "once"
		if ev.recvs > 1 {
			times = fmt.Sprintf("%d times", ev.recvs)
		}
		msg = fmt.Sprintf("the goroutines started in the loop at line %d block for good on this send: %s receives from %s only %s, and cancelling %s does not wake a parked sender; give %s a buffer for every goroutine, or send in a select with case <-%s.Done()",
			c.line(ev.loop), c.who(ev.owner), name, times, ctx, name, ctx)
		ids = []contract.ID{contract.ChanSendParksUntilRecv, contract.CtxDoneForSelect}
	case o.Kind == goflow.Send && ev.ret != nil:
		msg = fmt.Sprintf("%s blocks for good on this send when %s returns at line %d without receiving from %s: cancelling %s does not wake a parked sender; give %s a buffer of one, or send in a select with case <-%s.Done()",
			who, c.who(ev.owner), c.line(ev.ret), name, ctx, name, ctx)
		ids = []contract.ID{contract.ChanSendParksUntilRecv, contract.CtxDoneForSelect}
	case o.Kind == goflow.Send && ev.none:
		msg = fmt.Sprintf("%s blocks for good on this send: nothing in this package receives from %s, and cancelling %s does not wake a parked sender; receive from %s, or send in a select with case <-%s.Done()",
			who, name, ctx, name, ctx)
		ids = []contract.ID{contract.ChanSendParksUntilRecv, contract.CtxDoneForSelect}
	case o.Kind == goflow.Send:
		msg = fmt.Sprintf("%s blocks for good on this send once every receiver of %s has given up (on %s at line %d): cancelling %s does not wake a parked sender; send in a select with case <-%s.Done(), or give %s a buffer for every send",
			who, name, ev.what, c.line(ev.clause), ctx, ctx, name)
		ids = []contract.ID{contract.ChanSendParksUntilRecv, contract.CtxDoneForSelect}
	case ev.none:
		msg = fmt.Sprintf("%s blocks for good here: nothing in this package sends on or closes %s, and cancelling %s does not wake a parked receiver; receive in a select with case <-%s.Done(), or close %s",
			who, name, ctx, ctx, name)
		ids = []contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.CtxDoneForSelect}
	case o.Kind == goflow.Recv:
		msg = fmt.Sprintf("%s blocks for good on this receive once every sender on %s has given up (on %s at line %d) and nothing closes %s: cancelling %s does not wake a parked receiver; receive in a select with case <-%s.Done(), or close %s when the senders give up",
			who, name, ev.what, c.line(ev.clause), name, ctx, ctx, name)
		ids = []contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.CtxDoneForSelect}
	default:
		msg = fmt.Sprintf("%s never leaves this range once every sender on %s has given up (on %s at line %d), because nothing closes %s: cancelling %s does not end a range; close %s when the senders are done, or select on it and <-%s.Done()",
			who, name, ev.what, c.line(ev.clause), name, ctx, name, ctx)
		ids = []contract.ID{contract.ChanRecvParksUntilSendOrClose, contract.CtxDoneForSelect}
	}
	if hint, id := goflow.LeakProfileHint(c.r.Toolchain().Version); hint != "" && c.isGoroutine(o.Func) {
		msg += "; " + hint
		ids = append(ids, id)
	}
	var at ast.Node = o.Node
	if rs, ok := o.Node.(*ast.RangeStmt); ok {
		at = rng{rs.For, rs.X.End()}
	}
	c.r.Report(at, msg, ids...)
}

func (c *checker) reportSelect(sel *ast.SelectStmt, ev *evidence, ctx string) {
	why := "nothing in this package serves its channels"
	if ev.clause != nil {
		why = fmt.Sprintf("the peers of all its channels give up (on %s at line %d)", ev.what, c.line(ev.clause))
	}
	msg := fmt.Sprintf("this select has no default and no case <-%s.Done(), and %s: it blocks for good and cancelling %s does not wake it; add case <-%s.Done()",
		ctx, why, ctx, ctx)
	c.r.Report(rng{sel.Select, sel.Body.Lbrace}, msg, contract.SelectWakesOnAnyCase, contract.CtxDoneForSelect)
}

// isGoroutine reports whether fn is the body of a goroutine the package
// starts: the runtime's leak profile can see it once it is stuck, and an
// operation in it with no peer at all is golifecycle's to report.
func (c *checker) isGoroutine(fn ast.Node) bool {
	switch fn := fn.(type) {
	case *ast.FuncLit:
		return c.goLits[fn] != nil
	case *ast.FuncDecl:
		return c.goDecls[fn]
	}
	return false
}

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }
