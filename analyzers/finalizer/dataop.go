package finalizer

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// The function a finalizer or cleanup runs, and the data operations
// (flush, sync, commit, write) it performs, followed into the package's
// own functions.

// funcLit returns the func literal e is, or the one a local variable e
// is assigned exactly once in the enclosing function.
func (c *checker) funcLit(cur inspector.Cursor, e ast.Expr) *ast.FuncLit {
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.FuncLit); ok {
		return lit
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || isPackageLevel(v) {
		return nil
	}
	var scope ast.Node
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		scope = fd.Node()
	}
	if scope == nil {
		return nil
	}
	var lit *ast.FuncLit
	n := 0
	info := c.pass.TypesInfo
	assign := func(lhs ast.Expr, rhs ast.Expr) {
		id, ok := lhs.(*ast.Ident)
		if !ok || (info.Defs[id] != v && info.Uses[id] != v) {
			return
		}
		n++
		if rhs != nil {
			lit, _ = ast.Unparen(rhs).(*ast.FuncLit)
		}
	}
	ast.Inspect(scope, func(node ast.Node) bool {
		if lhs, rhs, ok := analysisutil.Assignment(node); ok {
			for i, l := range lhs {
				var r ast.Expr
				if len(rhs) == len(lhs) {
					r = rhs[i]
				}
				assign(l, r)
			}
		}
		return true
	})
	if n != 1 {
		return nil
	}
	return lit
}

// A target is the function a finalizer or cleanup runs.
type target struct {
	node ast.Node    // *ast.FuncLit or *ast.FuncDecl; nil when declared in another package
	fn   *types.Func // the named function or method, if any
}

// resolve finds the function the expression e denotes.
func (c *checker) resolve(cur inspector.Cursor, e ast.Expr) (target, bool) {
	e = ast.Unparen(e)
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ast.Unparen(ix.X) // an instantiated generic function
	}
	if lit := c.funcLit(cur, e); lit != nil {
		return target{node: lit}, true
	}
	var fn *types.Func
	switch x := e.(type) {
	case *ast.Ident:
		fn, _ = c.pass.TypesInfo.Uses[x].(*types.Func)
	case *ast.SelectorExpr:
		if sel := c.pass.TypesInfo.Selections[x]; sel != nil {
			fn, _ = sel.Obj().(*types.Func)
		} else {
			fn, _ = c.pass.TypesInfo.Uses[x.Sel].(*types.Func)
		}
	}
	if fn == nil {
		return target{}, false
	}
	fn = fn.Origin()
	t := target{fn: fn}
	if d := c.decl(fn); d != nil {
		t.node = d
	}
	return t, true
}

func (c *checker) decl(fn *types.Func) *ast.FuncDecl {
	if fn.Pkg() != c.pass.Pkg {
		return nil
	}
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	return c.decls[fn]
}

// A dataOp is a call that moves data out of memory: a flush, sync,
// commit, write, or the close of a buffering writer.
type dataOp struct {
	verb   string // "flushes", ...
	method *types.Func
	via    []*types.Func // the package's functions that lead to it
}

// describe renders the operation for messages, naming types of the
// analyzed package pkg without qualification.
func (op dataOp) describe(pkg *types.Package) string {
	s := op.verb + " (" + funcName(op.method, pkg)
	for i := len(op.via) - 1; i >= 0; i-- {
		if i == len(op.via)-1 {
			s += ", called from "
		} else {
			s += " from "
		}
		s += funcName(op.via[i], pkg)
	}
	return s + ")"
}

// funcName renders (*bufio.Writer).Flush or pkg.F.
func funcName(fn *types.Func, pkg *types.Package) string {
	sig := fn.Type().(*types.Signature)
	q := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
	if sig.Recv() == nil {
		return fn.Name()
	}
	recv := types.TypeString(sig.Recv().Type(), q)
	if strings.HasPrefix(recv, "*") {
		recv = "(" + recv + ")"
	}
	return recv + "." + fn.Name()
}

// dataOp returns the first data operation the target performs on a local
// variable (its parameter, what it holds, a captured variable), following
// calls into the package's own functions up to maxDepth.
func (c *checker) dataOp(t target) (dataOp, bool) {
	if t.node == nil {
		if t.fn != nil {
			if verb := dataVerb(t.fn); verb != "" {
				return dataOp{verb: verb, method: t.fn}, true
			}
		}
		return dataOp{}, false
	}
	seen := map[*types.Func]bool{}
	if t.fn != nil {
		seen[t.fn] = true
	}
	op, ok := c.search(t.node, 0, seen)
	if ok && t.fn != nil {
		op.via = append(op.via, t.fn)
	}
	return op, ok
}

// search looks for a data operation in the function fn (a FuncLit or
// FuncDecl) on what it was given: a receiver or parameter, a variable a
// func literal at the top captures, or a local copied from one of those
// (w := obj.w). Writes to things the function makes itself (a file it
// opens to send a command, a writer for a leak report) are not the
// object's data.
func (c *checker) search(fn ast.Node, depth int, seen map[*types.Func]bool) (dataOp, bool) {
	var body *ast.BlockStmt
	var fields []*ast.FieldList
	switch fn := fn.(type) {
	case *ast.FuncLit:
		body, fields = fn.Body, []*ast.FieldList{fn.Type.Params}
	case *ast.FuncDecl:
		body, fields = fn.Body, []*ast.FieldList{fn.Recv, fn.Type.Params}
	}
	if body == nil {
		return dataOp{}, false
	}
	info := c.pass.TypesInfo
	given := map[*types.Var]bool{}
	for _, fl := range fields {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, name := range f.Names {
				if v, ok := info.Defs[name].(*types.Var); ok {
					given[v] = true
				}
			}
		}
	}
	_, isLit := fn.(*ast.FuncLit)
	isGiven := func(v *types.Var) bool {
		if given[v] {
			return true
		}
		// A variable captured by the top-level func literal.
		return depth == 0 && isLit && !isPackageLevel(v) && (v.Pos() < fn.Pos() || v.Pos() >= fn.End())
	}
	// Locals copied from what was given: w := obj.w.
	for range 2 {
		ast.Inspect(body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, l := range as.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok {
					continue
				}
				v, _ := info.ObjectOf(id).(*types.Var)
				if r := rootVar(info, as.Rhs[i]); v != nil && r != nil && isGiven(r) {
					given[v] = true
				}
			}
			return true
		})
	}
	var op dataOp
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		callee := analysisutil.Callee(info, call)
		if callee == nil {
			return true
		}
		callee = callee.Origin()
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isMethod(callee) {
			if verb := dataVerb(callee); verb != "" {
				if r := rootVar(info, sel.X); r != nil && isGiven(r) {
					op, found = dataOp{verb: verb, method: callee}, true
					return false
				}
			}
		}
		if depth < maxDepth && !seen[callee] {
			if d := c.decl(callee); d != nil {
				seen[callee] = true
				if inner, ok := c.search(d, depth+1, seen); ok {
					inner.via = append(inner.via, callee)
					op, found = inner, true
					return false
				}
			}
		}
		return true
	})
	return op, found
}

func isMethod(fn *types.Func) bool {
	return fn.Type().(*types.Signature).Recv() != nil
}

// dataVerb says what a method call does with data, or "" when it is not
// a data operation.
func dataVerb(fn *types.Func) string {
	if !isMethod(fn) {
		return ""
	}
	name := fn.Name()
	switch {
	case name == "Flush":
		return "flushes data"
	case name == "Sync":
		return "syncs data to storage"
	case name == "Commit":
		return "commits"
	case strings.HasPrefix(name, "Write"):
		return "writes data"
	case name == "Close" && hasFlush(fn):
		return "closes a buffered writer, which flushes it"
	}
	return ""
}

// hasFlush reports whether the receiver type of the method has a Flush
// method: its Close then writes out buffered data.
func hasFlush(fn *types.Func) bool {
	recv := fn.Type().(*types.Signature).Recv().Type()
	if _, ok := recv.Underlying().(*types.Interface); ok {
		return false // an interface's Close says nothing about buffering
	}
	if _, ok := recv.(*types.Pointer); !ok {
		recv = types.NewPointer(recv)
	}
	obj, _, _ := types.LookupFieldOrMethod(recv, false, fn.Pkg(), "Flush")
	_, ok := obj.(*types.Func)
	return ok
}

// rootVar returns the variable that e is, or is a field, element or
// dereference of; nil for anything else (a call, a package-level variable
// such as os.Stderr).
func rootVar(info *types.Info, e ast.Expr) *types.Var {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok || isPackageLevel(v) {
				return nil
			}
			return v
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
				return nil
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		default:
			return nil
		}
	}
}
