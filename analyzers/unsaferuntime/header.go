package unsaferuntime

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

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
		ck.diagnostic(d, id)
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
