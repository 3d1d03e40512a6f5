// Package goflow indexes how a package uses its channels, for the
// golifecycle and ctxblock analyzers: which variables and struct fields
// may hold the same channel, where each channel is made (with its buffer),
// sent on, received from and closed, which channels can be reached by code
// this package cannot see, and which selects give up on cancellation.
//
// The index is flow-insensitive and intra-package. Two expressions denote
// the same channel when they name the same variable, parameter, struct
// field (all instances of the field count as one) or function result and a
// chain of assignments, composite literals, returns and same-package calls
// connects them (a union-find over types.Objects). A channel that reaches or
// comes from anything else (a call into another package, a func value, an
// interface, a slice, a map, a pointer, an exported name) "escapes": the
// package may not see all of its operations, so nothing is concluded about
// it. The analyzers only report on channels that do not escape.
package goflow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer computes the channel Index of a package. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "goflow",
	Doc:        "index the channels of a package for the golifecycle and ctxblock analyzers",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Index](),
}

// OpKind says what an operation does with a channel.
type OpKind uint8

const (
	Send  OpKind = iota // ch <- v
	Recv                // <-ch
	Range               // for v := range ch
)

// An Op is one send, receive or range over a channel.
type Op struct {
	Kind OpKind
	Node ast.Node // *ast.SendStmt, *ast.UnaryExpr or *ast.RangeStmt
	Chan ast.Expr // the channel operand
	Key  types.Object
	// Select is the select statement this op is a case of, or nil.
	Select *ast.SelectStmt
	// Func is the innermost *ast.FuncDecl or *ast.FuncLit holding the op,
	// Decl the declaration around it (nil at package level).
	Func ast.Node
	Decl *ast.FuncDecl
	// Repeated is set when a loop encloses the op, in its function or in a
	// function that encloses a func literal holding it (goroutines started
	// in a loop); Looped when a loop of its own function does.
	Repeated, Looped bool
}

// A Make is a make(chan T, n) stored into a channel variable or field.
type Make struct {
	Pos token.Pos
	Cap int // -1 when not a constant
}

// A Chan aggregates everything known about one set of aliased channel
// variables and fields.
type Chan struct {
	// Escapes is set when code this package cannot see may operate on the
	// channel, or when it may hold a channel from such code.
	Escapes bool
	// Done is set for context Done channels: closed by cancellation.
	Done bool
	// Timer is set for time.After, time.Tick and the C of a Timer or
	// Ticker: the runtime sends on them and never closes them.
	Timer  bool
	Closes []*ast.CallExpr
	Sends  []*Op
	Recvs  []*Op // receives and ranges
	Makes  []Make
}

// Closed reports whether the channel can be closed: a close call in the
// package, or a context's cancellation.
func (c *Chan) Closed() bool { return c != nil && (len(c.Closes) > 0 || c.Done) }

// Internal reports whether every operation on the channel is in this
// package and it was made here: the only kind of channel the analyzers
// draw conclusions about.
func (c *Chan) Internal() bool {
	return c != nil && !c.Escapes && !c.Done && !c.Timer && len(c.Makes) > 0
}

// NeverClosed reports whether nothing can close the channel: an internal
// channel the package never closes, or a timer channel.
func (c *Chan) NeverClosed() bool {
	if c == nil || c.Closed() || c.Escapes {
		return false
	}
	return c.Timer || len(c.Makes) > 0
}

// Index is the result of Analyzer.
type Index struct {
	Ops []*Op
	// Selects maps each select statement to its cases' ops.
	Selects map[*ast.SelectStmt][]*Op
	// OpOf maps the node of each op to it.
	OpOf map[ast.Node]*Op

	pass     *analysis.Pass
	parent   map[types.Object]types.Object
	chans    map[types.Object]*Chan // by object, after finish (read-only then)
	notes    map[types.Object]*Chan // by object, before finish
	decls    map[*types.Func]*ast.FuncDecl
	owner    map[*types.Var]*types.Func // parameters and results to their function
	valued   map[*types.Func]bool       // functions used as values
	sentinel map[ast.Expr]types.Object  // one object per Done or timer expression
	building bool
	starts   []*Start
}

// Chan returns what is known about the channel key denotes, or nil.
func (x *Index) Chan(key types.Object) *Chan {
	if key == nil {
		return nil
	}
	return x.chans[key]
}

// ChanOf returns what is known about the channel expression e, or nil.
func (x *Index) ChanOf(e ast.Expr) *Chan { return x.Chan(x.Key(e)) }

// FuncDecl returns the declaration of a function or method of the package
// (generic ones by their origin), or nil.
func (x *Index) FuncDecl(fn *types.Func) *ast.FuncDecl {
	if fn == nil {
		return nil
	}
	return x.decls[fn.Origin()]
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	x := &Index{
		Selects:  make(map[*ast.SelectStmt][]*Op),
		OpOf:     make(map[ast.Node]*Op),
		pass:     pass,
		parent:   make(map[types.Object]types.Object),
		notes:    make(map[types.Object]*Chan),
		decls:    make(map[*types.Func]*ast.FuncDecl),
		owner:    make(map[*types.Var]*types.Func),
		valued:   make(map[*types.Func]bool),
		sentinel: make(map[ast.Expr]types.Object),
		building: true,
	}
	defer func() { x.building = false }()
	if !usesChannels(pass) {
		x.finish()
		return x, nil
	}
	for cur := range insp.Root().Preorder((*ast.FuncDecl)(nil)) {
		fd := cur.Node().(*ast.FuncDecl)
		fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
		if fn == nil {
			continue
		}
		x.decls[fn] = fd
		sig := fn.Signature()
		for i := range sig.Params().Len() {
			x.owner[sig.Params().At(i)] = fn
		}
		for i := range sig.Results().Len() {
			x.owner[sig.Results().At(i)] = fn
		}
	}
	x.walk(insp)
	x.finish()
	x.starts = x.findStarts(insp)
	return x, nil
}

// usesChannels reports whether any file of the package mentions a channel
// type or operation; most packages do not, and their index stays empty.
func usesChannels(pass *analysis.Pass) bool {
	for _, tv := range pass.TypesInfo.Types {
		if tv.Type != nil && isChan(tv.Type) {
			return true
		}
	}
	return false
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

func (x *Index) isChanExpr(e ast.Expr) bool {
	t := x.pass.TypesInfo.TypeOf(e)
	return t != nil && isChan(t)
}

// --- union-find ---

func (x *Index) find(o types.Object) types.Object {
	for {
		p, ok := x.parent[o]
		if !ok || p == o {
			return o
		}
		if gp, ok := x.parent[p]; ok && gp != p {
			x.parent[o] = gp
		}
		o = p
	}
}

func (x *Index) union(a, b types.Object) {
	if a == nil || b == nil {
		return
	}
	ra, rb := x.find(a), x.find(b)
	if ra != rb {
		x.parent[ra] = rb
	}
}

func (x *Index) note(o types.Object) *Chan {
	c := x.notes[o]
	if c == nil {
		c = new(Chan)
		x.notes[o] = c
	}
	return c
}

func (x *Index) escape(o types.Object) {
	if o != nil {
		x.note(o).Escapes = true
	}
}

// special returns the object standing for the Done or timer channel that
// e yields, one per expression so that one escaping timer channel does not
// taint the others. It makes one only while the index is built.
func (x *Index) special(e ast.Expr, done bool) types.Object {
	if o, ok := x.sentinel[e]; ok || !x.building {
		return o
	}
	name := "timer"
	if done {
		name = "Done()"
	}
	o := types.NewVar(e.Pos(), nil, name, nil)
	x.sentinel[e] = o
	if done {
		x.note(o).Done = true
	} else {
		x.note(o).Timer = true
	}
	return o
}

// finish merges the notes of each alias set into its root and marks the
// sets that code outside the package can reach.
func (x *Index) finish() {
	var visible []types.Object
	for o := range x.notes {
		if x.visible(o) {
			visible = append(visible, o)
		}
	}
	for o := range x.parent {
		if x.visible(o) {
			visible = append(visible, o) // only joined, never noted
		}
	}
	for _, o := range visible {
		x.note(o).Escapes = true
	}
	byRoot := make(map[types.Object]*Chan)
	for o, n := range x.notes {
		r := x.find(o)
		c := byRoot[r]
		if c == nil {
			c = new(Chan)
			byRoot[r] = c
		}
		c.Escapes = c.Escapes || n.Escapes
		c.Done = c.Done || n.Done
		c.Timer = c.Timer || n.Timer
		c.Closes = append(c.Closes, n.Closes...)
		c.Sends = append(c.Sends, n.Sends...)
		c.Recvs = append(c.Recvs, n.Recvs...)
		c.Makes = append(c.Makes, n.Makes...)
	}
	// Flatten: every object seen, noted or only unioned, maps to its set.
	x.chans = make(map[types.Object]*Chan, len(x.parent)+len(x.notes))
	for o := range x.parent {
		if c := byRoot[x.find(o)]; c != nil {
			x.chans[o] = c
		}
	}
	for o := range x.notes {
		x.chans[o] = byRoot[x.find(o)]
	}
	x.notes, x.parent = nil, nil
}

// visible reports whether code outside the package can name o: another
// package's variable or field, an exported one of ours, a parameter or
// result of an exported function, a method, a function used as a value,
// or a func literal's parameter.
func (x *Index) visible(o types.Object) bool {
	v, ok := o.(*types.Var)
	if !ok || v.Pkg() == nil {
		return false // a sentinel
	}
	if v.Pkg() != x.pass.Pkg {
		return true
	}
	// Exported names are visible outside, except in package main, which
	// nothing imports.
	exported := v.Exported() && x.pass.Pkg.Name() != "main"
	if v.IsField() || v.Parent() == x.pass.Pkg.Scope() {
		return exported
	}
	if fn, ok := x.owner[v]; ok {
		// Parameters and results of functions other packages can call, or
		// that are called through a func value. (An unexported method
		// called through an interface of this package gets no union with
		// its arguments; its parameters then hold channels of no known
		// make, about which nothing is concluded.)
		return fn.Exported() && x.pass.Pkg.Name() != "main" || x.valued[fn]
	}
	return false
}

// --- keys ---

// Key returns the object denoting the channel e holds: a variable, a
// field, a same-package function's result, or a sentinel for Done and
// timer channels. It returns nil when e is not a channel it can name.
func (x *Index) Key(e ast.Expr) types.Object {
	info := x.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			return v.Origin()
		}
		if v, ok := info.Defs[e].(*types.Var); ok {
			return v.Origin()
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok {
			if sel.Kind() != types.FieldVal {
				return nil
			}
			v := sel.Obj().(*types.Var).Origin()
			if v.Pkg() != nil && v.Pkg().Path() == "time" && v.Name() == "C" {
				return x.special(e, false) // time.Timer.C, time.Ticker.C
			}
			return v
		}
		if v, ok := info.Uses[e.Sel].(*types.Var); ok {
			return v.Origin() // qualified package-level variable
		}
	case *ast.CallExpr:
		if tv, ok := info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return x.Key(e.Args[0]) // conversion
		}
		if IsDoneCall(info, e) {
			return x.special(e, true)
		}
		fn := typeutil.StaticCallee(info, e)
		if fn == nil {
			return nil
		}
		if fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Signature().Recv() == nil &&
			(fn.Name() == "After" || fn.Name() == "Tick") {
			return x.special(e, false)
		}
		if x.FuncDecl(fn) != nil && fn.Signature().Results().Len() == 1 {
			return fn.Origin().Signature().Results().At(0)
		}
	}
	return nil
}

// IsDoneCall reports whether call is x.Done() for a method Done of type
// func() <-chan struct{}: context.Context's, or a type's that wraps one.
func IsDoneCall(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" || len(call.Args) != 0 {
		return false
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() == nil || sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return false
	}
	ch, ok := sig.Results().At(0).Type().(*types.Chan)
	if !ok || ch.Dir() != types.RecvOnly {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// --- the walk ---

func (x *Index) walk(insp *inspector.Inspector) {
	info := x.pass.TypesInfo
	filter := []ast.Node{
		(*ast.Ident)(nil), (*ast.SelectorExpr)(nil), (*ast.CallExpr)(nil),
		(*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil),
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil),
		(*ast.ReturnStmt)(nil),
	}
	for cur := range insp.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.Ident:
			if fn, ok := info.Uses[n].(*types.Func); ok {
				x.funcRef(cur, fn)
				continue
			}
			if _, ok := info.Uses[n].(*types.Var); ok && x.isChanExpr(n) {
				if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == n {
					continue // the field name; the selector is the reference
				}
				x.ref(cur, n)
			}
		case *ast.SelectorExpr:
			if fn, ok := info.Uses[n.Sel].(*types.Func); ok {
				x.funcRef(cur, fn)
				continue
			}
			if x.isChanExpr(n) {
				x.ref(cur, n)
			}
		case *ast.CallExpr:
			if x.isChanExpr(n) && x.Key(n) != nil {
				x.ref(cur, n)
			}
			x.call(n)
		case *ast.SendStmt:
			x.op(cur, Send, n, n.Chan)
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				x.op(cur, Recv, n, n.X)
			}
		case *ast.RangeStmt:
			if x.isChanExpr(n.X) {
				x.op(cur, Range, n, n.X)
			}
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if e != nil && x.isChanExpr(e) {
					x.escape(x.Key(e)) // elements of a slice, map or channel of channels
				}
			}
		case *ast.AssignStmt:
			if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
				x.assign(n.Lhs, n.Rhs)
			}
		case *ast.ValueSpec:
			if len(n.Values) > 0 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				x.assign(lhs, n.Values)
			}
		case *ast.CompositeLit:
			x.composite(n)
		case *ast.ReturnStmt:
			x.results(cur, n)
		}
	}
}

// funcRef records functions of the package used other than by calling
// them: their parameters receive values the package cannot follow.
func (x *Index) funcRef(cur inspector.Cursor, fn *types.Func) {
	c := cur
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == cur.Node() {
		return // handled at the selector
	}
	for {
		p := c.Parent()
		if _, ok := p.Node().(*ast.ParenExpr); ok {
			c = p
			continue
		}
		if ix, ok := p.Node().(*ast.IndexExpr); ok && ix.X == c.Node() {
			c = p // instantiation f[T]
			continue
		}
		if ix, ok := p.Node().(*ast.IndexListExpr); ok && ix.X == c.Node() {
			c = p
			continue
		}
		if call, ok := p.Node().(*ast.CallExpr); ok && call.Fun == c.Node() {
			return
		}
		break
	}
	x.valued[fn.Origin()] = true
}

// ref checks how a reference to a channel is used and marks the channel
// as escaping when the use is one the index does not follow.
func (x *Index) ref(cur inspector.Cursor, e ast.Expr) {
	key := x.Key(e)
	if key == nil {
		return
	}
	info := x.pass.TypesInfo
	c := cur
	for {
		p := c.Parent()
		switch pn := p.Node().(type) {
		case *ast.ParenExpr:
			c = p
			continue
		case *ast.CallExpr:
			if tv, ok := info.Types[pn.Fun]; ok && tv.IsType() {
				c = p // conversion: the same channel
				continue
			}
		}
		break
	}
	child, _ := c.Node().(ast.Expr)
	switch p := c.Parent().Node().(type) {
	case *ast.SendStmt:
		if p.Value == child {
			x.escape(key)
		}
	case *ast.UnaryExpr:
		if p.Op != token.ARROW {
			x.escape(key) // &ch
		}
	case *ast.RangeStmt:
		if p.X != child {
			x.escape(key)
		}
	case *ast.BinaryExpr:
		// ch == nil
	case *ast.CallExpr:
		if p.Fun != child {
			x.arg(p, child, key)
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == child {
				return // a store; assign handles the value
			}
		}
		if len(p.Lhs) != len(p.Rhs) {
			x.escape(key)
			return
		}
		for i, r := range p.Rhs {
			if r == child && !x.trackable(p.Lhs[i]) {
				x.escape(key)
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) != len(p.Values) {
			x.escape(key)
			return
		}
		for i, v := range p.Values {
			if v == child && !x.trackable(p.Names[i]) {
				x.escape(key)
			}
		}
	case *ast.KeyValueExpr, *ast.CompositeLit:
		// composite handles struct fields; it marks the rest
	case *ast.ReturnStmt:
		x.ret(c, p, child, key)
	case *ast.CaseClause, *ast.SwitchStmt:
		// switch ch { case a: } compares
	default:
		x.escape(key)
	}
}

// trackable reports whether storing a channel into lhs keeps it where the
// index can follow it.
func (x *Index) trackable(lhs ast.Expr) bool {
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && id.Name == "_" {
		return true
	}
	return x.isChanExpr(lhs) && x.Key(lhs) != nil
}

// arg handles a channel passed to a call.
func (x *Index) arg(call *ast.CallExpr, arg ast.Expr, key types.Object) {
	info := x.pass.TypesInfo
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "close", "len", "cap":
				return
			}
			x.escape(key)
			return
		}
	}
	i := argIndex(call, arg)
	params := x.params(call)
	if params == nil || i < 0 || call.Ellipsis.IsValid() {
		x.escape(key)
		return
	}
	sig, _ := info.TypeOf(call.Fun).Underlying().(*types.Signature)
	if sig != nil && sig.Variadic() && i >= params.Len()-1 {
		x.escape(key)
		return
	}
	if i < params.Len() {
		x.union(params.At(i), key)
	}
}

// params returns the parameters of the same-package function a call
// statically calls (the origin's, for generic functions), or of the func
// literal it calls directly.
func (x *Index) params(call *ast.CallExpr) *types.Tuple {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		if sig, ok := x.pass.TypesInfo.TypeOf(lit).(*types.Signature); ok {
			return sig.Params()
		}
		return nil
	}
	fn := typeutil.StaticCallee(x.pass.TypesInfo, call)
	if x.FuncDecl(fn) == nil {
		return nil
	}
	return fn.Origin().Signature().Params()
}

func argIndex(call *ast.CallExpr, arg ast.Node) int {
	for i, a := range call.Args {
		if a == arg {
			return i
		}
	}
	return -1
}

// ret handles a returned channel.
func (x *Index) ret(c inspector.Cursor, r *ast.ReturnStmt, child ast.Expr, key types.Object) {
	i := -1
	for j, e := range r.Results {
		if e == child {
			i = j
		}
	}
	for f := range c.Parent().Enclosing() {
		switch fn := f.Node().(type) {
		case *ast.FuncLit:
			x.escape(key)
			return
		case *ast.FuncDecl:
			obj, _ := x.pass.TypesInfo.Defs[fn.Name].(*types.Func)
			if obj == nil || i < 0 || obj.Signature().Results().Len() != len(r.Results) {
				x.escape(key)
				return
			}
			x.union(obj.Signature().Results().At(i), key)
			return
		}
	}
}

// call records closes, and channels made or computed in the argument list
// of a same-package call (f(make(chan T))), which are stored into the
// callee's parameters. Arguments that name a channel are handled by ref.
func (x *Index) call(call *ast.CallExpr) {
	info := x.pass.TypesInfo
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "close" && len(call.Args) == 1 {
				if key := x.Key(call.Args[0]); key != nil {
					n := x.note(key)
					n.Closes = append(n.Closes, call)
				}
			}
			return
		}
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return // a conversion
	}
	params := x.params(call)
	sig, _ := info.TypeOf(call.Fun).Underlying().(*types.Signature)
	for i, a := range call.Args {
		if !x.isChanExpr(a) || x.Key(a) != nil {
			continue
		}
		if params == nil || sig == nil || call.Ellipsis.IsValid() || sig.Variadic() && i >= params.Len()-1 || i >= params.Len() {
			continue // an unnamed channel given away: nothing else refers to it
		}
		x.store(params.At(i), a)
	}
}

// results records channels made or computed in a return statement of a
// function declaration (return make(chan T)); named ones are handled by ref.
func (x *Index) results(cur inspector.Cursor, r *ast.ReturnStmt) {
	var fd *ast.FuncDecl
	for e := range cur.Parent().Enclosing() {
		if _, ok := e.Node().(*ast.FuncLit); ok {
			return
		}
		if d, ok := e.Node().(*ast.FuncDecl); ok {
			fd = d
			break
		}
	}
	if fd == nil {
		return
	}
	fn, _ := x.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil || fn.Signature().Results().Len() != len(r.Results) {
		return
	}
	for i, e := range r.Results {
		if x.isChanExpr(e) && x.Key(e) == nil {
			x.store(fn.Signature().Results().At(i), e)
		}
	}
}

// assign records what is stored into channel variables and fields.
func (x *Index) assign(lhs, rhs []ast.Expr) {
	info := x.pass.TypesInfo
	if len(rhs) == 1 && len(lhs) > 1 {
		// a, b := f(); v, ok := <-c; v, ok := m[k]; v, ok := x.(T)
		var results *types.Tuple
		if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
			if fn := typeutil.StaticCallee(info, call); x.FuncDecl(fn) != nil {
				results = fn.Origin().Signature().Results()
			}
		}
		for i, l := range lhs {
			if !x.isChanExpr(l) {
				continue
			}
			if results != nil && i < results.Len() {
				x.union(x.Key(l), results.At(i))
			} else {
				x.escape(x.Key(l))
			}
		}
		return
	}
	if len(lhs) != len(rhs) {
		return
	}
	for i, l := range lhs {
		if !x.isChanExpr(l) {
			continue
		}
		x.store(x.Key(l), rhs[i])
	}
}

// store records that the channel value v is stored into key.
func (x *Index) store(key types.Object, v ast.Expr) {
	if key == nil {
		return
	}
	info := x.pass.TypesInfo
	v = ast.Unparen(v)
	if id, ok := v.(*ast.Ident); ok {
		if _, ok := info.Uses[id].(*types.Nil); ok {
			return
		}
	}
	if call, ok := v.(*ast.CallExpr); ok {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "make" {
				n := x.note(key)
				n.Makes = append(n.Makes, Make{Pos: call.Pos(), Cap: makeCap(info, call)})
				return
			}
		}
	}
	if vk := x.Key(v); vk != nil {
		x.union(key, vk)
		return
	}
	x.escape(key) // a value from somewhere the index cannot see
}

func makeCap(info *types.Info, call *ast.CallExpr) int {
	if len(call.Args) < 2 {
		return 0
	}
	tv, ok := info.Types[call.Args[1]]
	if !ok || tv.Value == nil {
		return -1
	}
	n, ok := constant.Int64Val(constant.ToInt(tv.Value))
	if !ok || n < 0 || n > 1<<30 {
		return -1
	}
	return int(n)
}

// composite handles channels in composite literals: struct fields are
// followed, elements of slices, arrays and maps escape.
func (x *Index) composite(lit *ast.CompositeLit) {
	info := x.pass.TypesInfo
	t := info.TypeOf(lit)
	if t == nil {
		return
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, isStruct := t.Underlying().(*types.Struct)
	for i, elt := range lit.Elts {
		var field *types.Var
		v := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			v = kv.Value
			if isStruct {
				if id, ok := kv.Key.(*ast.Ident); ok {
					field, _ = info.Uses[id].(*types.Var)
				}
			} else if x.isChanExpr(kv.Key) {
				x.escape(x.Key(kv.Key))
			}
		} else if isStruct && i < st.NumFields() {
			field = st.Field(i)
		}
		if !x.isChanExpr(v) {
			continue
		}
		if field != nil {
			x.store(field.Origin(), v)
		} else {
			x.escape(x.Key(v))
		}
	}
}

// op records a channel operation.
func (x *Index) op(cur inspector.Cursor, kind OpKind, node ast.Node, ch ast.Expr) {
	o := &Op{Kind: kind, Node: node, Chan: ch, Key: x.Key(ch)}
	// Is it a select case? The comm is the SendStmt itself, or an
	// ExprStmt or assignment holding the receive.
	c := cur.Parent()
	for {
		if _, ok := c.Node().(*ast.ParenExpr); !ok {
			break
		}
		c = c.Parent()
	}
	switch c.Node().(type) {
	case *ast.ExprStmt, *ast.AssignStmt:
		if kind == Recv {
			c = c.Parent()
		}
	}
	if cc, ok := c.Node().(*ast.CommClause); ok && cc.Comm != nil && isCommOp(cc.Comm, node) {
		o.Select, _ = c.Parent().Parent().Node().(*ast.SelectStmt)
	}
	for c := range cur.Parent().Enclosing() {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			if o.Func == nil {
				o.Func = n
			}
		case *ast.FuncDecl:
			if o.Func == nil {
				o.Func = n
			}
			o.Decl = n
		case *ast.ForStmt, *ast.RangeStmt:
			if n != node {
				o.Repeated = true
				o.Looped = o.Looped || o.Func == nil
			}
		}
	}
	x.Ops = append(x.Ops, o)
	x.OpOf[node] = o
	if o.Select != nil {
		x.Selects[o.Select] = append(x.Selects[o.Select], o)
	}
	if o.Key == nil {
		return
	}
	n := x.note(o.Key)
	if kind == Send {
		n.Sends = append(n.Sends, o)
	} else {
		n.Recvs = append(n.Recvs, o)
	}
}

// CommOp returns the op of a select case's communication, or nil for a
// default case.
func (x *Index) CommOp(cc *ast.CommClause) *Op {
	switch s := cc.Comm.(type) {
	case *ast.SendStmt:
		return x.OpOf[s]
	case *ast.ExprStmt:
		return x.OpOf[ast.Unparen(s.X)]
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			return x.OpOf[ast.Unparen(s.Rhs[0])]
		}
	}
	return nil
}

// isCommOp reports whether node is the communication of the select case
// comm, not an operation nested in one of its operands.
func isCommOp(comm ast.Stmt, node ast.Node) bool {
	switch s := comm.(type) {
	case *ast.SendStmt:
		return s == node
	case *ast.ExprStmt:
		return ast.Unparen(s.X) == node
	case *ast.AssignStmt:
		return len(s.Rhs) == 1 && ast.Unparen(s.Rhs[0]) == node
	}
	return false
}
