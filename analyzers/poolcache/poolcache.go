package poolcache

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

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
	Name:     "poolcache",
	Doc:      analysisutil.Doc(doc, "poolcache"),
	URL:      analysisutil.URL("poolcache"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "sync") {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, r: report.New(pass), reported: map[token.Pos]bool{}}
	c.pools = collectPools(pass, insp)

	var funcs []ast.Node
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if analysisutil.IsTestFile(c.pass, cur.Node().Pos()) {
			continue
		}
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				funcs = append(funcs, n)
			}
		case *ast.FuncLit:
			funcs = append(funcs, n)
		case *ast.CallExpr:
			if m, recv := c.poolMethod(n); m == "Get" {
				c.checkGet(cur, n, recv)
				c.checkKeyed(cur)
			}
		}
	}
	for _, fn := range funcs {
		c.checkPuts(fn)
	}
	return nil, nil
}

type checker struct {
	pass     *analysis.Pass
	r        *report.Reporter
	pools    map[types.Object]*poolInfo
	reported map[token.Pos]bool

	assignedFields map[*types.Var]bool // built on first use
}

// poolMethod returns "Get" or "Put" and the receiver expression when call
// is a call of that method of sync.Pool.
func (c *checker) poolMethod(call *ast.CallExpr) (string, ast.Expr) {
	fn := analysisutil.Callee(c.pass.TypesInfo, call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return "", nil
	}
	for _, m := range []string{"Get", "Put"} {
		if analysisutil.IsMethod(fn, "sync", "Pool", m) {
			return m, sel.X
		}
	}
	return "", nil
}

// A poolInfo is what the package shows about one sync.Pool variable or
// field: whether New is ever set, and whether it can be set out of sight.
type poolInfo struct {
	hasNew  bool // a literal with New, or an assignment to .New
	bareLit bool // a literal without New
	unknown bool // set elsewhere: from a parameter, through &pool, by another package
}

func isPoolType(t types.Type) (isPool, isPtr bool) {
	if t == nil {
		return false, false
	}
	if p, ok := t.(*types.Pointer); ok {
		t, isPtr = p.Elem(), true
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" || n.Obj().Name() != "Pool" {
		return false, false
	}
	return true, isPtr
}

// poolObject returns the variable or field a pool expression denotes; for
// a field of an instantiated generic type, the generic field.
func poolObject(info *types.Info, e ast.Expr) types.Object {
	obj := poolObject1(info, e)
	if v, ok := obj.(*types.Var); ok {
		return v.Origin()
	}
	return obj
}

func poolObject1(info *types.Info, e ast.Expr) types.Object {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.Ident:
			v, _ := info.Uses[x].(*types.Var)
			if v == nil {
				v, _ = info.Defs[x].(*types.Var)
			}
			if v == nil {
				return nil
			}
			return v
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel != nil {
				if sel.Kind() != types.FieldVal {
					return nil
				}
				return sel.Obj()
			}
			v, _ := info.Uses[x.Sel].(*types.Var) // pkg.Pool
			if v == nil {
				return nil
			}
			return v
		default:
			return nil
		}
	}
}

// collectPools records, for every sync.Pool variable and field the package
// mentions, whether it gets a New function.
func collectPools(pass *analysis.Pass, insp *inspector.Inspector) map[types.Object]*poolInfo {
	info := pass.TypesInfo
	pools := map[types.Object]*poolInfo{}
	get := func(obj types.Object) *poolInfo {
		if v, ok := obj.(*types.Var); ok {
			obj = v.Origin()
		}
		p := pools[obj]
		if p == nil {
			p = new(poolInfo)
			pools[obj] = p
			if obj.Pkg() != pass.Pkg || obj.Exported() {
				p.unknown = true // another package may set New
			}
		}
		return p
	}
	// Every variable of pool type, defined or used: read from the type
	// information rather than by visiting each identifier (a fifth of the
	// analyzer's time on large packages went to those lookups).
	for _, idents := range []map[*ast.Ident]types.Object{info.Defs, info.Uses} {
		for _, obj := range idents {
			if v, ok := obj.(*types.Var); ok {
				if isPool, _ := isPoolType(v.Type()); isPool {
					get(v)
				}
			}
		}
	}
	for cur := range insp.Root().Preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.ValueSpec)(nil), (*ast.FuncType)(nil), (*ast.RangeStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncType:
			// A parameter or result comes from, or goes to, the outside.
			for _, fl := range []*ast.FieldList{n.Params, n.Results} {
				if fl == nil {
					continue
				}
				for _, f := range fl.List {
					for _, name := range f.Names {
						if obj, ok := info.Defs[name].(*types.Var); ok {
							if isPool, _ := isPoolType(obj.Type()); isPool {
								get(obj).unknown = true
							}
						}
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if e == nil {
					continue
				}
				if isPool, _ := isPoolType(info.TypeOf(e)); isPool {
					if obj := poolObject(info, e); obj != nil {
						get(obj).unknown = true
					}
				}
			}
		case *ast.CompositeLit:
			if isPool, _ := isPoolType(info.TypeOf(n)); !isPool {
				continue
			}
			withNew := false
			for _, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "New" {
						withNew = true
					}
				}
			}
			if dst := literalDestination(info, cur); dst != nil {
				if withNew {
					get(dst).hasNew = true
				} else {
					get(dst).bareLit = true
				}
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && sel.Sel.Name == "New" {
					if isPool, _ := isPoolType(info.TypeOf(sel.X)); isPool {
						if obj := poolObject(info, sel.X); obj != nil {
							get(obj).hasNew = true
						}
					}
					continue
				}
				isPool, _ := isPoolType(info.TypeOf(l))
				if !isPool {
					continue
				}
				obj := poolObject(info, l)
				if obj == nil {
					continue
				}
				// A pool assigned anything but a literal may come with New.
				if len(n.Rhs) != len(n.Lhs) || !isPoolLiteral(info, n.Rhs[i]) {
					get(obj).unknown = true
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				obj, ok := info.Defs[name].(*types.Var)
				if !ok {
					continue
				}
				if isPool, _ := isPoolType(obj.Type()); isPool && len(n.Values) > 0 {
					if len(n.Values) != len(n.Names) || !isPoolLiteral(info, n.Values[i]) {
						get(obj).unknown = true
					}
				}
			}
		case *ast.UnaryExpr:
			// &pool handed to anything but a method call may get New set.
			if n.Op != token.AND {
				continue
			}
			if isPool, isPtr := isPoolType(info.TypeOf(n.X)); !isPool || isPtr {
				continue
			}
			if obj := poolObject(info, n.X); obj != nil {
				get(obj).unknown = true
			}
		}
	}
	return pools
}

// isPoolLiteral reports whether e is sync.Pool{...} or &sync.Pool{...}.
func isPoolLiteral(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return false
	}
	isPool, _ := isPoolType(info.TypeOf(lit))
	return isPool
}

// literalDestination returns the variable or field a sync.Pool composite
// literal is stored in: var p = sync.Pool{...}, x.p = &sync.Pool{...},
// T{p: sync.Pool{...}}.
func literalDestination(info *types.Info, cur inspector.Cursor) types.Object {
	node := cur.Node()
	parent := cur.Parent()
	if u, ok := parent.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		node, parent = u, parent.Parent()
	}
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		node, parent = parent.Node(), parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == node && i < len(p.Names) {
				return info.Defs[p.Names[i]]
			}
		}
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == node && i < len(p.Lhs) {
				return poolObject(info, p.Lhs[i])
			}
		}
	case *ast.KeyValueExpr:
		if id, ok := p.Key.(*ast.Ident); ok && p.Value == node {
			if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
				return v.Origin()
			}
		}
	}
	return nil
}

// checkGet reports a Get from a pool without New whose result is
// type-asserted without a check for nil.
func (c *checker) checkGet(cur inspector.Cursor, call *ast.CallExpr, recv ast.Expr) {
	obj := poolObject(c.pass.TypesInfo, recv)
	if obj == nil {
		return
	}
	p := c.pools[obj]
	if p == nil || p.hasNew || p.unknown {
		return
	}
	if isPtrVar(obj) && !p.bareLit {
		return
	}
	info := c.pass.TypesInfo
	// The value of the call: climb parentheses.
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		parent = parent.Parent()
	}
	var bad ast.Node
	switch pn := parent.Node().(type) {
	case *ast.TypeAssertExpr:
		if pn.Type != nil && !commaOK(parent) {
			bad = pn
		}
	case *ast.AssignStmt:
		if len(pn.Lhs) == 1 && len(pn.Rhs) == 1 {
			if id, ok := pn.Lhs[0].(*ast.Ident); ok {
				if v, ok := info.ObjectOf(id).(*types.Var); ok {
					bad = c.uncheckedAssert(cur, v)
				}
			}
		}
	case *ast.ValueSpec:
		if len(pn.Names) == 1 && len(pn.Values) == 1 {
			if v, ok := info.Defs[pn.Names[0]].(*types.Var); ok {
				bad = c.uncheckedAssert(cur, v)
			}
		}
	}
	if bad == nil {
		return
	}
	name := types.ExprString(recv)
	c.report(bad, name+" has no New, so Get returns nil whenever the pool is empty (before anything is Put, and again once garbage collections have dropped the pooled items) and this type assertion then panics: set "+name+".New, or check (v, ok := "+name+".Get().(T); if !ok { v = new(T) })",
		contract.PoolGetNilWithoutNew, contract.PoolItemsRemovedAnytime)
}

func isPtrVar(obj types.Object) bool {
	_, isPtr := isPoolType(obj.Type())
	return isPtr
}

// commaOK reports whether the type assertion at cur is the single value
// of a two-value assignment or declaration.
func commaOK(cur inspector.Cursor) bool {
	node, parent := cur.Node(), cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		node, parent = parent.Node(), parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		return len(p.Lhs) == 2 && len(p.Rhs) == 1 && p.Rhs[0] == node
	case *ast.ValueSpec:
		return len(p.Names) == 2 && len(p.Values) == 1 && p.Values[0] == node
	}
	return false
}

// uncheckedAssert returns a type assertion of v, assigned a Get result,
// when the function never compares v with nil nor asserts it with ok.
func (c *checker) uncheckedAssert(cur inspector.Cursor, v *types.Var) ast.Node {
	var fn inspector.Cursor
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = f
		break
	}
	if !fn.Valid() {
		return nil
	}
	info := c.pass.TypesInfo
	isV := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	var bad ast.Node
	checked := false
	for n := range fn.Preorder((*ast.BinaryExpr)(nil), (*ast.TypeAssertExpr)(nil), (*ast.TypeSwitchStmt)(nil), (*ast.AssignStmt)(nil)) {
		switch x := n.Node().(type) {
		case *ast.BinaryExpr:
			if (x.Op == token.EQL || x.Op == token.NEQ) &&
				(isV(x.X) && isNil(info, x.Y) || isV(x.Y) && isNil(info, x.X)) {
				checked = true
			}
		case *ast.TypeAssertExpr:
			if isV(x.X) && x.Type != nil {
				if commaOK(n) {
					checked = true
				} else if bad == nil {
					bad = x
				}
			}
		case *ast.TypeSwitchStmt:
			checked = true // a type switch has a case for nil or a default
		case *ast.AssignStmt:
			// v assigned again: the later value is not the Get result.
			for _, l := range x.Lhs {
				if isV(l) {
					checked = true
				}
			}
		}
	}
	if checked {
		return nil
	}
	return bad
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// A path is a variable or a field path from one (b, s.buf), or the
// address of a variable (&buf).
type path struct {
	root   *types.Var
	fields []types.Object
	addr   bool
}

func (p path) String() string {
	s := p.root.Name()
	for _, f := range p.fields {
		s += "." + f.Name()
	}
	if p.addr {
		s = "&" + s
	}
	return s
}

// pathOf returns the path e denotes, for local variables and parameters.
func pathOf(info *types.Info, e ast.Expr) (path, bool) {
	e = ast.Unparen(e)
	var p path
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		id, ok := ast.Unparen(u.X).(*ast.Ident)
		if !ok {
			return path{}, false
		}
		e, p.addr = id, true
	}
	var fields []types.Object
	for {
		switch x := e.(type) {
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
				return path{}, false
			}
			p.root = v
			for i := len(fields) - 1; i >= 0; i-- {
				p.fields = append(p.fields, fields[i])
			}
			return p, true
		case *ast.SelectorExpr:
			sel := info.Selections[x]
			if sel == nil || sel.Kind() != types.FieldVal {
				return path{}, false
			}
			fields = append(fields, sel.Obj())
			e = ast.Unparen(x.X)
		default:
			return path{}, false
		}
	}
}

// matches reports whether e is the path p or extends it (p.f, p[i]
// through a selector chain): a use of what p denotes.
func (p path) matches(info *types.Info, e ast.Expr) bool {
	q, ok := pathOf(info, e)
	if !ok || q.root != p.root || len(q.fields) < len(p.fields) {
		return false
	}
	for i := range p.fields {
		if q.fields[i] != p.fields[i] {
			return false
		}
	}
	return true
}

// report is diagnostic for a message at node.
func (c *checker) report(node analysis.Range, msg string, ids ...contract.ID) {
	c.r.FindingAt(node, msg, ids...)
}
