package unsaferuntime

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// buildFix rewrites a header variable that builds a slice or string in
// place:
//
//	h := (*reflect.SliceHeader)(unsafe.Pointer(&b))
//	h.Data = uintptr(p)   // or another header's Data
//	h.Len = n
//	h.Cap = n
//
// into b = unsafe.Slice((*E)(p), n), deleting the header variables it
// consumed.
func (ck *checker) buildFix(t *hdrVar, vars map[*types.Var]*hdrVar) *headerFix {
	info := ck.pass.TypesInfo
	target, ok := t.x.(*ast.Ident)
	if !ok || t.list == nil {
		return nil
	}
	kind := viewKind(info, target)
	if (kind == "slice") != (t.kind == "SliceHeader") || kind == "" {
		return nil
	}
	uq, ok := ck.unsafeQualifier(t.stmt.Pos())
	if !ok {
		return nil
	}
	// The statements after the definition: assignments to t's fields,
	// and definitions of other header variables.
	assigns := map[string]ast.Expr{}
	inRange := map[*hdrVar]bool{}
	last := t.index
	for j := t.index + 1; j < len(t.list); j++ {
		s := t.list[j]
		if as, ok := s.(*ast.AssignStmt); ok && as.Tok == token.ASSIGN && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
			if h, f := headerField(as.Lhs[0], info, vars); h == t && assigns[f] == nil && (f == "Data" || f == "Len" || f == "Cap") {
				assigns[f] = as.Rhs[0]
				last = j
				continue
			}
		}
		if other := defines(s, vars); other != nil && other != t {
			inRange[other] = true
			continue
		}
		break
	}
	if assigns["Data"] == nil || assigns["Len"] == nil || (kind == "slice") != (assigns["Cap"] != nil) {
		return nil
	}
	// h.Cap = h.Len (badger's shape) reads back the length just set.
	capIsLen := false
	if h, f := headerField(assigns["Cap"], info, vars); h == t && f == "Len" {
		capIsLen = true
	}
	if extra := len(t.uses) - len(assigns); extra != 0 && !(extra == 1 && capIsLen) {
		return nil // t is read or written elsewhere
	}
	data := ck.dataOperand(assigns["Data"], uq, vars)
	n := ck.lenOperand(assigns["Len"], vars)
	if data == nil || n == nil {
		return nil
	}
	ops := []*operand{data, n}
	if kind == "slice" {
		if !capIsLen {
			c := ck.lenOperand(assigns["Cap"], vars)
			if c == nil || c.text != n.text {
				return nil // unsafe.Slice sets cap = len
			}
			ops = append(ops, c)
		}
	}
	var elem types.Type = types.Typ[types.Byte]
	fn, version, msg := "String", "go1.20", "Use unsafe.String"
	if kind == "slice" {
		elem = info.TypeOf(target).Underlying().(*types.Slice).Elem()
		fn, version, msg = "Slice", "go1.17", "Use unsafe.Slice"
	}
	ptr, ok := ck.pointerTo(data, elem, uq)
	if !ok {
		return nil
	}
	f := &headerFix{use: t.use, message: msg, covers: []*ast.SelectorExpr{t.use}}
	f.version = maxVersion(version, data.version)
	// Consumed sources: every use inside these assignments.
	end := t.list[last].End()
	for _, op := range ops {
		for _, src := range op.sources {
			if !ck.consumed(src, t.stmt.Pos(), end) {
				return nil
			}
		}
	}
	for h := range inRange {
		if !refersTo(ops, h) {
			return nil // an unrelated header defined in between
		}
	}
	f.edits = []analysis.TextEdit{{Pos: t.stmt.Pos(), End: end, NewText: fmt.Appendf(ck.keepComments(t.stmt.Pos(), end), "%s = %s%s(%s, %s)", target.Name, uq, fn, ptr, n.text)}}
	seen := map[*hdrVar]bool{}
	for _, op := range ops {
		for _, src := range op.sources {
			if seen[src] {
				continue
			}
			seen[src] = true
			f.covers = append(f.covers, src.use)
			if inRange[src] {
				continue
			}
			del, ok := ck.deleteStmt(src.stmt)
			if !ok {
				return nil
			}
			f.edits = append(f.edits, del)
		}
	}
	return f
}

func refersTo(ops []*operand, h *hdrVar) bool {
	for _, op := range ops {
		for _, s := range op.sources {
			if s == h {
				return true
			}
		}
	}
	return false
}

// defines returns the header variable a statement defines, if any.
func defines(s ast.Stmt, vars map[*types.Var]*hdrVar) *hdrVar {
	for _, h := range vars {
		if h.stmt == s {
			return h
		}
	}
	return nil
}

// consumed reports whether every use of the source header lies in
// [from, to) and its definition precedes from in the same list or lies
// within the range.
func (ck *checker) consumed(h *hdrVar, from, to token.Pos) bool {
	if h.list == nil {
		return false
	}
	for _, id := range h.uses {
		if id.Pos() < from || id.Pos() >= to {
			return false
		}
	}
	return h.stmt.Pos() < to
}

// selectionFix rewrites a read of one field straight off a view
// conversion: (*reflect.SliceHeader)(unsafe.Pointer(&b)).Len → len(b).
func (ck *checker) selectionFix(cur inspector.Cursor) *headerFix {
	call, c, x := ck.viewConversion(cur)
	if call == nil {
		return nil
	}
	p := c.Parent()
	sel, ok := p.Node().(*ast.SelectorExpr)
	if !ok || sel.X != call || isLvalue(p) {
		return nil
	}
	info := ck.pass.TypesInfo
	kind := viewKind(info, x)
	uq, ok := ck.unsafeQualifier(sel.Pos())
	if kind == "" || !ok {
		return nil
	}
	use := cur.Node().(*ast.SelectorExpr)
	var text, version, msg string
	switch {
	case sel.Sel.Name == "Len":
		text, msg = "len("+ck.text(x)+")", "Use len"
	case sel.Sel.Name == "Cap" && kind == "slice":
		text, msg = "cap("+ck.text(x)+")", "Use cap"
	case sel.Sel.Name == "Data" && kind == "slice":
		text, version, msg = "uintptr("+uq+"Pointer("+uq+"SliceData("+ck.text(x)+")))", "go1.20", "Use unsafe.SliceData"
	case sel.Sel.Name == "Data" && kind == "string":
		text, version, msg = "uintptr("+uq+"Pointer("+uq+"StringData("+ck.text(x)+")))", "go1.20", "Use unsafe.StringData"
	default:
		return nil
	}
	return &headerFix{use: use, message: msg, version: version, covers: []*ast.SelectorExpr{use},
		edits: []analysis.TextEdit{{Pos: sel.Pos(), End: sel.End(), NewText: []byte(text)}}}
}

// isLvalue reports whether the expression at c is assigned to, incremented
// or has its address taken.
func isLvalue(c inspector.Cursor) bool {
	n := c.Node()
	switch p := c.Parent().Node().(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == n {
				return true
			}
		}
	case *ast.IncDecStmt:
		return true
	case *ast.UnaryExpr:
		return p.Op == token.AND
	}
	return false
}

// literalFix rewrites a header built as a composite literal and
// reinterpreted in one expression:
//
//	*(*string)(unsafe.Pointer(&reflect.StringHeader{Data: d, Len: n}))
//
// into unsafe.String((*byte)(p), n).
func (ck *checker) literalFix(cur inspector.Cursor, vars map[*types.Var]*hdrVar) *headerFix {
	lit, ok := cur.Parent().Node().(*ast.CompositeLit)
	if !ok || lit.Type != cur.Node() {
		return nil
	}
	amp := cur.Parent().Parent()
	if u, ok := amp.Node().(*ast.UnaryExpr); !ok || u.Op != token.AND {
		return nil
	}
	up := amp.Parent()
	if _, ok := up.Node().(*ast.CallExpr); !ok {
		return nil
	}
	conv := up.Parent()
	call, ok := conv.Node().(*ast.CallExpr)
	if !ok {
		return nil
	}
	if x, _ := ck.unsafePointerOf(call.Args[0]); x != lit {
		return nil
	}
	t, _ := ck.conversion(call)
	if t == nil {
		return nil
	}
	ptr, ok := t.Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	deref := conv.Parent()
	if _, ok := deref.Node().(*ast.ParenExpr); ok {
		deref = deref.Parent()
	}
	star, ok := deref.Node().(*ast.StarExpr)
	if !ok {
		return nil
	}
	fields := map[string]ast.Expr{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil
		}
		k, ok := kv.Key.(*ast.Ident)
		if !ok {
			return nil
		}
		fields[k.Name] = kv.Value
	}
	use := cur.Node().(*ast.SelectorExpr)
	kind := ck.headerKind(use)
	uq, ok := ck.unsafeQualifier(use.Pos())
	if !ok || fields["Data"] == nil || fields["Len"] == nil {
		return nil
	}
	data := ck.dataOperand(fields["Data"], uq, vars)
	n := ck.lenOperand(fields["Len"], vars)
	if data == nil || n == nil || len(data.sources)+len(n.sources) > 0 {
		return nil // reading other headers: left to the plain report
	}
	var elem types.Type
	fn, version, msg := "", "", ""
	switch u := ptr.Elem().Underlying().(type) {
	case *types.Slice:
		if kind != "SliceHeader" || fields["Cap"] == nil {
			return nil
		}
		c := ck.lenOperand(fields["Cap"], vars)
		if c == nil || c.text != n.text {
			return nil
		}
		if !types.Identical(ptr.Elem(), types.NewSlice(u.Elem())) {
			return nil // a named slice type: unsafe.Slice returns []E
		}
		elem, fn, version, msg = u.Elem(), "Slice", "go1.17", "Use unsafe.Slice"
	case *types.Basic:
		if kind != "StringHeader" || !types.Identical(ptr.Elem(), types.Typ[types.String]) {
			return nil
		}
		elem, fn, version, msg = types.Typ[types.Byte], "String", "go1.20", "Use unsafe.String"
	default:
		return nil
	}
	p, ok := ck.pointerTo(data, elem, uq)
	if !ok {
		return nil
	}
	return &headerFix{use: use, message: msg, version: version, covers: []*ast.SelectorExpr{use},
		edits: []analysis.TextEdit{{Pos: star.Pos(), End: star.End(), NewText: fmt.Appendf(nil, "%s%s(%s, %s)", uq, fn, p, n.text)}}}
}

// text returns the source text of e.
func (ck *checker) text(e ast.Expr) string {
	if src, ok := analysisutil.ReadSource(ck.pass, e.Pos()); ok {
		return src.Of(e)
	}
	return types.ExprString(e)
}

// keepComments returns the comments inside [from, to), each on its own
// line indented like the statement at from, so that replacing the range
// does not lose them.
func (ck *checker) keepComments(from, to token.Pos) []byte {
	file := analysisutil.File(ck.pass, from)
	src, ok := analysisutil.ReadSource(ck.pass, from)
	if file == nil || !ok {
		return nil
	}
	return src.Comments(file, from, to)
}

// deleteStmt deletes a statement that has its lines to itself.
func (ck *checker) deleteStmt(s ast.Stmt) (analysis.TextEdit, bool) {
	src, ok := analysisutil.ReadSource(ck.pass, s.Pos())
	if !ok {
		return analysis.TextEdit{}, false
	}
	return src.DeleteLines(s)
}

// dropReflectImport deletes the file's import of reflect when the edits
// remove every use of it.
func (ck *checker) dropReflectImport(file *ast.File, edits []analysis.TextEdit) []analysis.TextEdit {
	if file == nil {
		return nil
	}
	src, ok := analysisutil.ReadSource(ck.pass, file.FileStart)
	if !ok {
		return nil
	}
	return analysisutil.DropImport(ck.pass, src, file, "reflect", edits)
}
