package poolcache

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// A putEvent is a Put of a local value in one function.
type putEvent struct {
	call     *ast.CallExpr
	stmt     ast.Node // the control-flow node holding the call
	value    path
	deferred bool // defer p.Put(x), or a Put in a deferred func literal
	// via is the field of the value through which the pool itself is
	// reached (w.pool in w.pool.cache.Put(w)), or nil.
	via *types.Var
}

// checkPuts follows the control flow of one function from each Put of a
// local value and reports the first use of that value, or a second Put of
// it, on some path before the variable is assigned again.
func (c *checker) checkPuts(fn ast.Node) {
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	events := c.putEvents(body)
	if len(events) == 0 {
		return
	}
	g := cfg.New(body, c.mayReturn)
	kv := rangeVars(body)
	for _, ev := range events {
		c.follow(g, kv, ev)
	}
}

// putEvents finds the Put calls of a function body, outside nested func
// literals except deferred ones (defer func() { p.Put(b) }()).
func (c *checker) putEvents(body *ast.BlockStmt) []putEvent {
	var events []putEvent
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *ast.DeferStmt:
			// Visit the deferred call here, with its literal's body.
			ast.Inspect(n.Call, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.FuncLit:
					return m == n.Call.Fun
				case *ast.CallExpr:
					if ev, ok := c.putEvent(m, n, true); ok {
						events = append(events, ev)
					}
				}
				return true
			})
			return false
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if ev, ok := c.putEvent(n, nil, false); ok {
				events = append(events, ev)
			}
		}
		return true
	})
	return events
}

func (c *checker) putEvent(call *ast.CallExpr, stmt ast.Node, deferred bool) (putEvent, bool) {
	m, recv := c.poolMethod(call)
	if m != "Put" || len(call.Args) != 1 {
		return putEvent{}, false
	}
	info := c.pass.TypesInfo
	arg := ast.Unparen(call.Args[0])
	p, ok := pathOf(info, arg)
	if !ok {
		return putEvent{}, false
	}
	if !p.addr && !isReference(info.TypeOf(arg)) {
		return putEvent{}, false // a copy was put: using the original is fine
	}
	ev := putEvent{call: call, stmt: stmt, value: p, deferred: deferred}
	if !p.addr {
		if q, ok := pathOf(info, recv); ok && p.prefixOf(q) && len(q.fields) > len(p.fields) {
			ev.via, _ = q.fields[len(p.fields)].(*types.Var)
		}
	}
	return ev, true
}

// prefixOf reports whether q is p or extends it.
func (p path) prefixOf(q path) bool {
	if q.root != p.root || len(q.fields) < len(p.fields) {
		return false
	}
	for i := range p.fields {
		if q.fields[i] != p.fields[i] {
			return false
		}
	}
	return true
}

// isReference reports whether a value of type t shares memory with its
// copies: pointers, slices, maps, channels, interfaces.
func isReference(t types.Type) bool {
	if t == nil {
		return false
	}
	if _, ok := t.(*types.TypeParam); ok {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Interface:
		return true
	case *types.Basic:
		return t.Underlying().(*types.Basic).Kind() == types.UnsafePointer
	}
	return false
}

// rangeVars returns the key and value expressions of the range statements
// in body: the control-flow graph lists them once, before the loop, but
// they are assigned at each iteration.
func rangeVars(body *ast.BlockStmt) map[ast.Expr]*ast.RangeStmt {
	m := map[ast.Expr]*ast.RangeStmt{}
	ast.Inspect(body, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok {
			if r.Key != nil {
				m[r.Key] = r
			}
			if r.Value != nil {
				m[r.Value] = r
			}
		}
		return true
	})
	return m
}

func (c *checker) mayReturn(call *ast.CallExpr) bool {
	return !analysisutil.NoReturn(c.pass.TypesInfo, call)
}

// follow searches forward from ev for a use of the value before it is
// assigned again, and reports the first one found.
func (c *checker) follow(g *cfg.CFG, kv map[ast.Expr]*ast.RangeStmt, ev putEvent) {
	var start *cfg.Block
	idx := -1
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if ev.stmt != nil && n == ev.stmt || ev.stmt == nil && n.Pos() <= ev.call.Pos() && ev.call.End() <= n.End() {
				start, idx = b, i
				break
			}
		}
		if start != nil {
			break
		}
	}
	if start == nil {
		return
	}
	seen := map[*cfg.Block]bool{}
	type item struct {
		b    *cfg.Block
		from int
	}
	queue := []item{{start, idx + 1}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		b := it.b
		if it.from == 0 && c.rangeKills(b, ev.value) {
			continue
		}
		stop := false
		for _, n := range b.Nodes[it.from:] {
			use, killed := c.scanNode(n, ev, kv)
			if use != nil {
				if c.reportUse(ev, use) {
					return
				}
			}
			if killed {
				stop = true
				break
			}
		}
		if stop {
			continue
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				queue = append(queue, item{s, 0})
			}
		}
	}
}

// rangeKills reports whether entering b starts a range iteration that
// assigns the value's root variable.
func (c *checker) rangeKills(b *cfg.Block, p path) bool {
	if b.Kind != cfg.KindRangeBody {
		return false
	}
	r, ok := b.Stmt.(*ast.RangeStmt)
	if !ok {
		return false
	}
	info := c.pass.TypesInfo
	for _, e := range []ast.Expr{r.Key, r.Value} {
		if id, ok := e.(*ast.Ident); ok && info.ObjectOf(id) == p.root {
			return true
		}
	}
	return false
}

// scanNode looks at one control-flow node: the first use of the value in
// it, and whether it assigns the value's variable (or field) anew.
func (c *checker) scanNode(n ast.Node, ev putEvent, kv map[ast.Expr]*ast.RangeStmt) (use ast.Expr, killed bool) {
	info := c.pass.TypesInfo
	p := ev.value
	if e, ok := n.(ast.Expr); ok {
		if _, isRange := kv[e]; isRange {
			// A range key or value, assigned before the loop.
			if id, ok := e.(*ast.Ident); ok && info.ObjectOf(id) == p.root {
				return nil, true
			}
			return nil, false
		}
	}
	switch s := n.(type) {
	case *ast.AssignStmt:
		for _, r := range s.Rhs {
			if u := c.findUse(r, ev); u != nil {
				return u, false
			}
		}
		for _, l := range s.Lhs {
			if c.assigns(l, p, s.Tok == token.DEFINE) {
				killed = true
				continue
			}
			if u := c.findUse(l, ev); u != nil {
				return u, false
			}
		}
		return nil, killed
	case *ast.ValueSpec:
		for _, v := range s.Values {
			if u := c.findUse(v, ev); u != nil {
				return u, false
			}
		}
		for _, name := range s.Names {
			if info.Defs[name] == p.root {
				return nil, true
			}
		}
		return nil, false
	}
	return c.findUse(n, ev), false
}

// assigns reports whether the assignment target l gives the value's
// variable or field a new value. For &v, only a new declaration of v does:
// v = x writes into the pooled object.
func (c *checker) assigns(l ast.Expr, p path, define bool) bool {
	info := c.pass.TypesInfo
	l = ast.Unparen(l)
	if id, ok := l.(*ast.Ident); ok {
		if info.Defs[id] == p.root {
			return true
		}
		if p.addr {
			return false
		}
		return info.Uses[id] == p.root
	}
	if p.addr {
		return false
	}
	// s = ... or s.buf = ... for the path s.buf: a prefix of the path.
	q, ok := pathOf(info, l)
	if !ok || q.root != p.root || len(q.fields) > len(p.fields) {
		return false
	}
	for i := range q.fields {
		if q.fields[i] != p.fields[i] {
			return false
		}
	}
	return true
}

// findUse returns the first expression in n that uses the value: the path
// itself or something reached through it, except as an operand of len or
// cap, or in a comparison with nil.
func (c *checker) findUse(n ast.Node, ev putEvent) ast.Expr {
	p := ev.value
	info := c.pass.TypesInfo
	var use ast.Expr
	ast.Inspect(n, func(m ast.Node) bool {
		if use != nil {
			return false
		}
		switch x := m.(type) {
		case *ast.CallExpr:
			if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "len" || b.Name() == "cap") {
					return false
				}
			}
		case *ast.BinaryExpr:
			if (x.Op == token.EQL || x.Op == token.NEQ) && (isNil(info, x.X) || isNil(info, x.Y)) {
				return false
			}
		case *ast.Ident, *ast.SelectorExpr:
			e := x.(ast.Expr)
			var target path
			if p.addr {
				target = path{root: p.root}
			} else {
				target = p
			}
			if target.matches(info, e) {
				if ev.via != nil && c.readsFixedField(target, e, ev.via) {
					return false
				}
				use = e
				return false
			}
		}
		return true
	})
	return use
}

// readsFixedField reports whether e reads, through the value p, the field
// via through which the pool itself was reached (w.pool after
// w.pool.cache.Put(w)), and the package never assigns via: it is set only
// when the object is made, points to the pool's owner, and a new owner of
// the value does not change it, so reading it races with nothing.
func (c *checker) readsFixedField(p path, e ast.Expr, via *types.Var) bool {
	q, ok := pathOf(c.pass.TypesInfo, e)
	if !ok || len(q.fields) <= len(p.fields) {
		return false
	}
	f, ok := q.fields[len(p.fields)].(*types.Var)
	if !ok || f != via {
		return false
	}
	if _, isFunc := f.Type().Underlying().(*types.Signature); !isFunc && !isReference(f.Type()) {
		return false
	}
	if c.assignedFields == nil {
		c.assignedFields = assignedFields(c.pass)
	}
	return !c.assignedFields[f.Origin()]
}

// assignedFields returns the fields the package assigns, increments or
// takes the address of, outside composite literals.
func assignedFields(pass *analysis.Pass) map[*types.Var]bool {
	info := pass.TypesInfo
	m := map[*types.Var]bool{}
	mark := func(e ast.Expr) {
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
			if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				if v, ok := s.Obj().(*types.Var); ok {
					m[v.Origin()] = true
				}
			}
		}
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					mark(l)
				}
			case *ast.IncDecStmt:
				mark(n.X)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					mark(n.X)
				}
			case *ast.RangeStmt:
				if n.Key != nil {
					mark(n.Key)
				}
				if n.Value != nil {
					mark(n.Value)
				}
			}
			return true
		})
	}
	return m
}

// reportUse reports the use of a value after its Put, or its second Put;
// it returns whether the search for this Put is over.
func (c *checker) reportUse(ev putEvent, use ast.Expr) bool {
	second, isPut := c.enclosingPut(use)
	if ev.deferred && !isPut {
		return false // the deferred Put runs at the end: uses before it are fine
	}
	line := c.pass.Fset.Position(ev.call.Pos()).Line
	at := ast.Node(use)
	if isPut {
		at = second
	}
	if c.reported[at.Pos()] {
		return true
	}
	c.reported[at.Pos()] = true
	name := ev.value.String()
	if isPut {
		first := "on line " + strconv.Itoa(line)
		if ev.deferred {
			first = "by the deferred Put on line " + strconv.Itoa(line)
		}
		c.report(at, name+" is Put into the pool a second time on this path (first "+first+"): two later Gets can then hand the same object to two owners; Put it once",
			contract.PoolPutHandsOver)
		return true
	}
	c.report(at, name+" is used after it was Put back into the pool on line "+strconv.Itoa(line)+": from that Put on, a Get in any goroutine may return it to a new owner, so this use races with that owner; finish with it before the Put, or defer the Put",
		contract.PoolPutHandsOver)
	return true
}

// enclosingPut returns the Put call whose argument the use is.
func (c *checker) enclosingPut(use ast.Expr) (*ast.CallExpr, bool) {
	var found *ast.CallExpr
	for _, f := range c.pass.Files {
		if f.FileStart > use.Pos() || use.Pos() > f.FileEnd {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil || n == nil || n.Pos() > use.Pos() || n.End() < use.End() {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && len(call.Args) == 1 {
				if m, _ := c.poolMethod(call); m == "Put" {
					a := ast.Unparen(call.Args[0])
					if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
						a = ast.Unparen(u.X)
					}
					if a == use {
						found = call
						return false
					}
				}
			}
			return true
		})
	}
	return found, found != nil
}
