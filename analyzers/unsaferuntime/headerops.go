package unsaferuntime

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// operand describes a rewritten Data, Len or Cap value.
type operand struct {
	text    string
	typ     types.Type // for Data: the pointer's type
	version string
	sources []*hdrVar // header variables read
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
