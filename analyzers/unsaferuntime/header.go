package unsaferuntime

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// A hdrVar is a variable holding a header view of another variable:
// h := (*reflect.SliceHeader)(unsafe.Pointer(&x)).
type hdrVar struct {
	v     *types.Var
	kind  string            // "SliceHeader" or "StringHeader"
	use   *ast.SelectorExpr // reflect.SliceHeader in the conversion
	stmt  ast.Stmt          // the defining statement
	x     ast.Expr          // the variable viewed
	uses  []*ast.Ident      // uses of v
	list  []ast.Stmt        // the statement list holding stmt
	index int               // stmt's index in list
}

// A headerFix is one rewrite: the diagnostic it belongs to, its edits, and
// the header uses it covers.
type headerFix struct {
	use     *ast.SelectorExpr
	message string
	version string // the Go version the replacement needs
	edits   []analysis.TextEdit
	covers  []*ast.SelectorExpr
}

// headers reports uses of reflect.SliceHeader and reflect.StringHeader,
// with a fix to unsafe.Slice, unsafe.String, unsafe.SliceData or
// unsafe.StringData where the rewrite is mechanical and the file's Go
// version has them.
func (ck *checker) headers() {
	info := ck.pass.TypesInfo
	var uses []inspector.Cursor
	for cur := range ck.insp.Root().Preorder((*ast.SelectorExpr)(nil)) {
		if ck.headerKind(cur.Node().(*ast.SelectorExpr)) != "" {
			uses = append(uses, cur)
		}
	}
	if len(uses) == 0 {
		return
	}
	// Header variables and their uses.
	vars := map[*types.Var]*hdrVar{}
	for _, cur := range uses {
		if h := ck.hdrVarAt(cur); h != nil {
			vars[h.v] = h
		}
	}
	for id, obj := range info.Uses {
		if v, ok := obj.(*types.Var); ok && vars[v] != nil {
			vars[v].uses = append(vars[v].uses, id)
		}
	}
	// Fixes, most specific first; a use is covered once, and only by a
	// fix the file's Go version can take.
	covered := map[*ast.SelectorExpr]bool{}
	byUse := map[*ast.SelectorExpr]*headerFix{}
	add := func(f *headerFix) {
		if f == nil {
			return
		}
		if !analysisutil.AtLeast(analysisutil.FileVersion(ck.pass, analysisutil.File(ck.pass, f.use.Pos())), f.version) {
			return
		}
		for _, c := range f.covers {
			if covered[c] {
				return
			}
		}
		for _, c := range f.covers {
			covered[c] = true
		}
		byUse[f.use] = f
	}
	for _, cur := range uses {
		if h := ck.hdrVarAt(cur); h != nil {
			add(ck.buildFix(vars[h.v], vars))
			continue
		}
		if f := ck.selectionFix(cur); f != nil {
			add(f)
			continue
		}
		add(ck.literalFix(cur, vars))
	}
	for _, cur := range uses {
		sel := cur.Node().(*ast.SelectorExpr)
		f := byUse[sel]
		if f == nil && covered[sel] {
			continue // rewritten by another use's fix
		}
		file := analysisutil.File(ck.pass, sel.Pos())
		kind := ck.headerKind(sel)
		d := analysis.Diagnostic{Pos: sel.Pos(), End: sel.End(), Message: headerMessage(kind, analysisutil.FileVersion(ck.pass, file))}
		if f != nil {
			edits := append(f.edits, ck.dropReflectImport(file, f.edits)...)
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: f.message, TextEdits: edits}}
		}
		id := contract.SliceHeaderDeprecated
		if kind == "StringHeader" {
			id = contract.StringHeaderDeprecated
		}
		ck.r.Diagnostic(d, id)
	}
}

// headerMessage words the diagnostic for a header use in a file of Go
// version v.
func headerMessage(kind, v string) string {
	if kind == "StringHeader" {
		msg := "reflect.StringHeader is deprecated since Go 1.21: its Data is a uintptr, which does not keep the bytes alive, and the struct copies the runtime's private string header; use unsafe.String and unsafe.StringData"
		if !analysisutil.AtLeast(v, "go1.20") {
			msg += fmt.Sprintf(", which need Go 1.20 (this file is %s): raise the module's go line", v)
		}
		return msg
	}
	msg := "reflect.SliceHeader is deprecated since Go 1.21: its Data is a uintptr, which does not keep the array alive, and the struct copies the runtime's private slice header; use unsafe.Slice and unsafe.SliceData"
	switch {
	case !analysisutil.AtLeast(v, "go1.17"):
		msg += fmt.Sprintf(", which need Go 1.17 and 1.20 (this file is %s): raise the module's go line", v)
	case !analysisutil.AtLeast(v, "go1.20"):
		msg += fmt.Sprintf(" (unsafe.SliceData needs Go 1.20; this file is %s)", v)
	}
	return msg
}

// headerKind returns "SliceHeader" or "StringHeader" if sel names
// reflect's type, else "".
func (ck *checker) headerKind(sel *ast.SelectorExpr) string {
	tn, ok := ck.pass.TypesInfo.Uses[sel.Sel].(*types.TypeName)
	if !ok || tn.Pkg() == nil || tn.Pkg().Path() != "reflect" {
		return ""
	}
	if n := tn.Name(); n == "SliceHeader" || n == "StringHeader" {
		return n
	}
	return ""
}

// viewConversion matches (*reflect.XHeader)(unsafe.Pointer(&x)) around the
// header use at cur and returns the conversion call and x.
func (ck *checker) viewConversion(cur inspector.Cursor) (*ast.CallExpr, inspector.Cursor, ast.Expr) {
	star := cur.Parent()
	if _, ok := star.Node().(*ast.StarExpr); !ok {
		return nil, cur, nil
	}
	c := star.Parent()
	if _, ok := c.Node().(*ast.ParenExpr); ok {
		c = c.Parent()
	}
	call, ok := c.Node().(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || ast.Unparen(call.Fun) != star.Node() {
		return nil, cur, nil
	}
	x, offset := ck.unsafePointerOf(call.Args[0])
	if x == nil || offset {
		return nil, cur, nil
	}
	return call, c, x
}

// hdrVarAt returns the header variable defined at the header use cur:
// h := (*reflect.XHeader)(unsafe.Pointer(&x)) or var h = ....
func (ck *checker) hdrVarAt(cur inspector.Cursor) *hdrVar {
	call, c, x := ck.viewConversion(cur)
	if call == nil {
		return nil
	}
	parent := c.Parent()
	var id *ast.Ident
	var stmt ast.Stmt
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		if p.Tok != token.DEFINE || len(p.Lhs) != 1 || len(p.Rhs) != 1 {
			return nil
		}
		id, _ = p.Lhs[0].(*ast.Ident)
		stmt = p
	case *ast.ValueSpec:
		if len(p.Names) != 1 || len(p.Values) != 1 || p.Type != nil {
			return nil
		}
		id = p.Names[0]
		if ds, ok := parent.Parent().Parent().Node().(*ast.DeclStmt); ok {
			if gd := ds.Decl.(*ast.GenDecl); len(gd.Specs) == 1 {
				stmt = ds
			}
		}
	}
	if id == nil || stmt == nil {
		return nil
	}
	v, _ := ck.pass.TypesInfo.Defs[id].(*types.Var)
	if v == nil {
		return nil
	}
	h := &hdrVar{v: v, kind: ck.headerKind(cur.Node().(*ast.SelectorExpr)), use: cur.Node().(*ast.SelectorExpr), stmt: stmt, x: x}
	// The statement list holding stmt.
	sc := parent
	for sc.Valid() && sc.Node() != stmt {
		sc = sc.Parent()
	}
	switch l := sc.Parent().Node().(type) {
	case *ast.BlockStmt:
		h.list = l.List
	case *ast.CaseClause:
		h.list = l.Body
	case *ast.CommClause:
		h.list = l.Body
	}
	for i, s := range h.list {
		if s == stmt {
			h.index = i
		}
	}
	return h
}

// headerField returns the header variable and field of h.F.
func headerField(e ast.Expr, info *types.Info, vars map[*types.Var]*hdrVar) (*hdrVar, string) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil, ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil, ""
	}
	v, _ := info.Uses[id].(*types.Var)
	if h := vars[v]; h != nil {
		return h, sel.Sel.Name
	}
	return nil, ""
}

// operand describes a rewritten Data, Len or Cap value.
type operand struct {
	text    string
	typ     types.Type // for Data: the pointer's type
	version string
	sources []*hdrVar // header variables read
}

// viewKind says what x is: "slice", "string" or "".
func viewKind(info *types.Info, x ast.Expr) string {
	t := info.TypeOf(x)
	if t == nil {
		return ""
	}
	switch u := t.Underlying().(type) {
	case *types.Slice:
		return "slice"
	case *types.Basic:
		if u.Info()&types.IsString != 0 {
			return "string"
		}
	}
	return ""
}

// dataOperand rewrites the value stored in or read from a Data field as a
// typed pointer: h2.Data → unsafe.StringData(s) or unsafe.SliceData(b);
// uintptr(p) → p; uintptr(unsafe.Pointer(q)) → q.
func (ck *checker) dataOperand(e ast.Expr, unsafeName string, vars map[*types.Var]*hdrVar) *operand {
	info := ck.pass.TypesInfo
	if h, f := headerField(e, info, vars); h != nil {
		if f != "Data" {
			return nil
		}
		switch viewKind(info, h.x) {
		case "string":
			return &operand{text: unsafeName + "StringData(" + ck.text(h.x) + ")", typ: types.NewPointer(types.Typ[types.Byte]), version: "go1.20", sources: []*hdrVar{h}}
		case "slice":
			return &operand{text: unsafeName + "SliceData(" + ck.text(h.x) + ")", typ: types.NewPointer(info.TypeOf(h.x).Underlying().(*types.Slice).Elem()), version: "go1.20", sources: []*hdrVar{h}}
		}
		return nil
	}
	t, arg := ck.conversion(e)
	if t == nil || !types.Identical(t, types.Typ[types.Uintptr]) {
		return nil
	}
	at := info.TypeOf(arg)
	if at == nil || !isUnsafePointer(at) {
		return nil
	}
	if t2, arg2 := ck.conversion(arg); t2 != nil && isUnsafePointer(t2) {
		if pt, ok := info.TypeOf(arg2).(*types.Pointer); ok {
			return &operand{text: ck.text(arg2), typ: pt}
		}
	}
	return &operand{text: ck.text(arg), typ: at}
}

// lenOperand rewrites a Len or Cap value: h2.Len → len(x), h2.Cap →
// cap(x); a side-effect-free expression stays as it is.
func (ck *checker) lenOperand(e ast.Expr, vars map[*types.Var]*hdrVar) *operand {
	info := ck.pass.TypesInfo
	if h, f := headerField(e, info, vars); h != nil {
		switch {
		case f == "Len":
			return &operand{text: "len(" + ck.text(h.x) + ")", sources: []*hdrVar{h}}
		case f == "Cap" && viewKind(info, h.x) == "slice":
			return &operand{text: "cap(" + ck.text(h.x) + ")", sources: []*hdrVar{h}}
		}
		return nil
	}
	if !pure(info, e) {
		return nil
	}
	return &operand{text: ck.text(e)}
}

// pure reports whether evaluating e has no side effects: identifiers,
// literals, selections, arithmetic, conversions and len/cap.
func pure(info *types.Info, e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, isT := info.Types[n.Fun]; isT && tv.IsType() {
				return true
			}
			if b, isB := info.Uses[calleeIdent(n.Fun)].(*types.Builtin); isB && (b.Name() == "len" || b.Name() == "cap") {
				return true
			}
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.FuncLit, *ast.CompositeLit:
			ok = false
		}
		return ok
	})
	return ok
}

// pointerTo converts a Data operand to *elem for unsafe.Slice or
// unsafe.String, or reports that it cannot spell elem.
func (ck *checker) pointerTo(op *operand, elem types.Type, unsafeName string) (string, bool) {
	if types.Identical(op.typ, types.NewPointer(elem)) {
		return op.text, true
	}
	name, ok := ck.spell(elem)
	if !ok {
		return "", false
	}
	if isUnsafePointer(op.typ) {
		return "(*" + name + ")(" + op.text + ")", true
	}
	return "(*" + name + ")(" + unsafeName + "Pointer(" + op.text + "))", true
}

// spell writes a type the file can name without a new import: a basic
// type or a type of the analyzed package.
func (ck *checker) spell(t types.Type) (string, bool) {
	switch t := types.Unalias(t).(type) {
	case *types.Basic:
		return t.Name(), true
	case *types.Named:
		if t.Obj().Pkg() == ck.pass.Pkg && t.TypeArgs().Len() == 0 {
			return t.Obj().Name(), true
		}
	}
	return "", false
}

// unsafeQualifier returns "unsafe." (or the file's name for it), and
// false if the file does not import unsafe.
func (ck *checker) unsafeQualifier(pos token.Pos) (string, bool) {
	q, ok := analysisutil.Qualifier(ck.pass, analysisutil.File(ck.pass, pos), "unsafe")
	if !ok {
		return "", false
	}
	if q == "" {
		return "", true
	}
	return q + ".", true
}

func maxVersion(vs ...string) string {
	best := ""
	for _, v := range vs {
		if v != "" && (best == "" || !analysisutil.AtLeast(best, v)) {
			best = v
		}
	}
	return best
}

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

// keepComments returns the comments inside [from, to), each on its own
// line indented like the statement at from, so that replacing the range
// does not lose them.
func (ck *checker) keepComments(from, to token.Pos) []byte {
	file := analysisutil.File(ck.pass, from)
	tf := ck.pass.Fset.File(from)
	src := ck.source(tf)
	if file == nil || src == nil {
		return nil
	}
	start := tf.Offset(from)
	indent := src[bytes.LastIndexByte(src[:start], '\n')+1 : start]
	var out []byte
	for _, cg := range file.Comments {
		if cg.Pos() < from || cg.End() > to {
			continue
		}
		for _, c := range cg.List {
			if len(out) > 0 {
				out = append(out, indent...)
			}
			out = append(out, c.Text...)
			out = append(out, '\n')
		}
	}
	if len(out) > 0 {
		out = append(out, indent...)
	}
	return out
}

// text returns the source text of e.
func (ck *checker) text(e ast.Expr) string {
	tf := ck.pass.Fset.File(e.Pos())
	if src := ck.source(tf); src != nil {
		start, end := tf.Offset(e.Pos()), tf.Offset(e.End())
		if 0 <= start && start <= end && end <= len(src) {
			return string(src[start:end])
		}
	}
	return types.ExprString(e)
}

func (ck *checker) source(tf *token.File) []byte {
	if tf == nil {
		return nil
	}
	src, err := analysisutil.ReadFile(ck.pass, tf.Name())
	if err != nil {
		return nil
	}
	return src
}

// deleteStmt deletes a statement that has its lines to itself.
func (ck *checker) deleteStmt(s ast.Stmt) (analysis.TextEdit, bool) {
	tf := ck.pass.Fset.File(s.Pos())
	src := ck.source(tf)
	if src == nil {
		return analysis.TextEdit{}, false
	}
	start, end := tf.Offset(s.Pos()), tf.Offset(s.End())
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	if len(bytes.TrimSpace(src[ls:start])) != 0 {
		return analysis.TextEdit{}, false
	}
	le := bytes.IndexByte(src[end:], '\n')
	if le < 0 || len(bytes.TrimSpace(src[end:end+le])) != 0 {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: tf.Pos(ls), End: tf.Pos(end + le + 1)}, true
}

// dropReflectImport deletes the file's import of reflect when the edits
// remove every use of it.
func (ck *checker) dropReflectImport(file *ast.File, edits []analysis.TextEdit) []analysis.TextEdit {
	if file == nil {
		return nil
	}
	var spec *ast.ImportSpec
	for _, imp := range file.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "reflect" {
			spec = imp
		}
	}
	if spec == nil || spec.Name != nil && (spec.Name.Name == "_" || spec.Name.Name == ".") {
		return nil // a blank or dot import: leave it
	}
	for id, obj := range ck.pass.TypesInfo.Uses {
		pn, ok := obj.(*types.PkgName)
		if !ok || pn.Imported().Path() != "reflect" || id.Pos() < file.FileStart || id.Pos() > file.FileEnd {
			continue
		}
		inside := false
		for _, e := range edits {
			inside = inside || (e.Pos <= id.Pos() && id.End() <= e.End)
		}
		if !inside {
			return nil
		}
	}
	// The import declaration holding the spec.
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			if s != spec {
				continue
			}
			if len(gd.Specs) == 1 {
				if del, ok := ck.deleteNode(gd); ok {
					return []analysis.TextEdit{del}
				}
				return nil
			}
			if del, ok := ck.deleteNode(spec); ok {
				return []analysis.TextEdit{del}
			}
		}
	}
	return nil
}

// deleteNode deletes a node that has its lines to itself.
func (ck *checker) deleteNode(n ast.Node) (analysis.TextEdit, bool) {
	tf := ck.pass.Fset.File(n.Pos())
	src := ck.source(tf)
	if src == nil {
		return analysis.TextEdit{}, false
	}
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	ls := bytes.LastIndexByte(src[:start], '\n') + 1
	le := bytes.IndexByte(src[end:], '\n')
	if le < 0 || len(bytes.TrimSpace(src[ls:start])) != 0 || len(bytes.TrimSpace(src[end:end+le])) != 0 {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: tf.Pos(ls), End: tf.Pos(end + le + 1)}, true
}
