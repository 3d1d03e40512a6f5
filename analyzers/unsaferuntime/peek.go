package unsaferuntime

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/rtlint/rtlint/internal/contract"
)

// peeks reports conversions that read the runtime representation of a
// channel, map, interface or func value: (*T)(unsafe.Pointer(&v)) and
// (*T)(unsafe.Add(unsafe.Pointer(&v), n)). It returns the named types that
// some conversion (*T)(p) with p an unsafe.Pointer targets, for mirrors.
func (ck *checker) peeks() map[*types.TypeName]bool {
	reached := map[*types.TypeName]bool{}
	info := ck.pass.TypesInfo
	for cur := range ck.insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		t, arg := ck.conversion(call)
		if t == nil {
			continue
		}
		ptr, ok := t.Underlying().(*types.Pointer)
		if !ok {
			continue
		}
		if at := info.TypeOf(arg); at == nil || !isUnsafePointer(at) {
			continue
		}
		elem := ptr.Elem()
		if n, ok := types.Unalias(elem).(*types.Named); ok {
			reached[n.Obj()] = true
		}
		x, offset := ck.unsafePointerOf(arg)
		if x == nil {
			continue
		}
		xt := info.TypeOf(x)
		if xt == nil {
			continue
		}
		if _, ok := types.Unalias(xt).(*types.TypeParam); ok {
			continue
		}
		if msg, id := peekMessage(xt.Underlying(), elem, offset); msg[0] != "" {
			ck.report(call, fmt.Sprintf("%s; (*%s)(unsafe.Pointer(&%s)) %s", msg[0], types.TypeString(elem, types.RelativeTo(ck.pass.Pkg)), types.ExprString(x), msg[1]), id)
		}
	}
	return reached
}

// peekMessage says what converting the address of a value of underlying
// type xu to *elem reads, or returns "" when the conversion is harmless: to
// the same type, between values of the same kind (a func to another func
// type), or a chan, map or func to *unsafe.Pointer, which only treats the
// pointer-shaped value as a pointer (atomic swaps, identity).
func peekMessage(xu, elem types.Type, offset bool) ([2]string, contract.ID) {
	eu := elem.Underlying()
	if types.Identical(eu, xu) && !offset {
		return [2]string{}, ""
	}
	pointerShaped := func() bool {
		if offset {
			return false
		}
		if isUnsafePointer(eu) {
			return true
		}
		switch eu.(type) {
		case *types.Chan, *types.Map, *types.Signature:
			return true
		}
		return false
	}
	switch xu := xu.(type) {
	case *types.Chan:
		if pointerShaped() {
			break
		}
		return [2]string{
			"a channel value is a pointer to the runtime's private hchan",
			"reads that header, whose layout changes between releases (hchan gained timer in Go 1.23 and bubble in Go 1.25); use len(ch), cap(ch) and channel operations",
		}, contract.HchanLayoutPrivate
	case *types.Map:
		if pointerShaped() {
			break
		}
		return [2]string{
			"a map value is a pointer to the runtime's private map header",
			"reads it, and it changed completely in Go 1.24, when maps became Swiss tables (internal/runtime/maps.Map) and hmap went away; use len(m), range and the maps package",
		}, contract.SwissMapLayout
	case *types.Signature:
		if pointerShaped() {
			break
		}
		return [2]string{
			"a func value is a pointer to the runtime's private funcval, code pointer first and closure data after",
			"reads that representation; use reflect.ValueOf(f).Pointer() for the code address and runtime.FuncForPC for its name",
		}, contract.FuncvalLayout
	case *types.Interface:
		if xu.Empty() {
			return [2]string{
				"an interface value is two private words, for any the *_type and a data pointer (eface)",
				"reads them, a layout that is the runtime's, not the language's; use reflect.TypeOf, reflect.ValueOf or a type switch",
			}, contract.EfaceLayout
		}
		return [2]string{
			"a non-empty interface value is two private words, an *itab (not a type) and a data pointer (iface)",
			"reads them, a layout that is the runtime's, not the language's, and differs from any's; use reflect.TypeOf, reflect.ValueOf or a type switch",
		}, contract.IfaceLayout
	}
	return [2]string{}, ""
}
