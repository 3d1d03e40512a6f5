package chanmodel

import (
	"go/token"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// An Access describes, inside one function, how a channel is reached: a
// root value followed by field selections and loads ("s", then field done,
// then a load). Two equal Accesses denote the same channel as long as no
// store changes a location loaded on the way and the root is not
// recomputed; a Walk tracks both.
type Access struct {
	Root  ssa.Value // a value of the function, a *ssa.Global, or a parameter
	Steps string    // ".3*": field 3 of a pointer, then load; "f3": field of a value
	// Loads are the locations read on the way (for kills by stores).
	Loads []Loc
	// Def is Root when Root is computed by an instruction of the
	// function: executing that instruction again yields a new channel.
	Def ssa.Instruction
	// Through is the closure whose free variables were translated to the
	// bindings of the function (nil when the channel is read in place).
	Through *ssa.Function
}

// Same reports whether a and b denote the same channel (at the same time).
func (a Access) Same(b Access) bool {
	return a.Root != nil && a.Root == b.Root && a.Steps == b.Steps
}

// Describe renders the access as source-like text for messages: "s.done".
func (a Access) Describe() string {
	name := a.Root.Name()
	switch r := a.Root.(type) {
	case *ssa.Parameter:
		name = r.Name()
	case *ssa.Alloc:
		if r.Comment != "" {
			name = r.Comment
		}
	case *ssa.Global:
		name = r.Object().Name()
	case *ssa.FreeVar:
		name = r.Name()
	}
	var fields []string
	for _, l := range a.Loads {
		if l.Kind == LocField {
			fields = append(fields, l.Obj.Name())
		}
	}
	if len(fields) > 0 {
		return name + "." + strings.Join(fields, ".")
	}
	return name
}

// AccessIn returns how the channel v is reached, expressed in terms of the
// values of fn. v must be a value of fn, or of a function literal that fn
// creates exactly once (its free variables are then replaced by their
// bindings). It reports false for channels taken from slices, maps and the
// like, whose identity cannot be pinned down.
func (m *Model) AccessIn(v ssa.Value, fn *ssa.Function) (Access, bool) {
	var a Access
	ok := m.access(v, fn, &a, 0)
	if ok {
		// A field of a struct value (f3) and a field through a pointer
		// (.3*) read the same channel; write both alike.
		a.Steps = ptrField.ReplaceAllString(a.Steps, "f$1")
		if instr, isInstr := a.Root.(ssa.Instruction); isInstr && instr.Parent() == fn {
			a.Def = instr
		}
	}
	return a, ok
}

func (m *Model) access(v ssa.Value, fn *ssa.Function, a *Access, depth int) bool {
	if depth > 16 {
		return false
	}
	switch x := v.(type) {
	case *ssa.ChangeType:
		return m.access(x.X, fn, a, depth+1)
	case *ssa.UnOp:
		if x.Op != token.MUL {
			break
		}
		if p := m.spilled(x.X, fn); p != nil {
			a.Root = p // the variable of a parameter captured by a closure
			return true
		}
		if !m.accessAddr(x.X, fn, a, depth+1) {
			return false
		}
		a.Steps += "*"
		return true
	case *ssa.Field:
		if !m.access(x.X, fn, a, depth+1) {
			return false
		}
		a.Steps += "f" + strconv.Itoa(x.Field)
		if f := fieldOf(x.X.Type(), x.Field); f != nil {
			a.Loads = append(a.Loads, Loc{Kind: LocField, Obj: f})
		}
		return true
	case *ssa.FreeVar:
		if b, ok := m.translate(x, fn, a); ok {
			return m.access(b, fn, a, depth+1)
		}
		if x.Parent() != fn {
			return false
		}
	case *ssa.Const:
		return false
	}
	if v.Parent() != nil && v.Parent() != fn {
		return false
	}
	a.Root = v
	return true
}

func (m *Model) accessAddr(addr ssa.Value, fn *ssa.Function, a *Access, depth int) bool {
	if depth > 16 {
		return false
	}
	switch x := addr.(type) {
	case *ssa.FieldAddr:
		if p := m.spilled(x.X, fn); p != nil {
			a.Root = p // a field of a struct parameter captured by a closure
		} else if !m.access(x.X, fn, a, depth+1) {
			return false
		}
		a.Steps += "." + strconv.Itoa(x.Field)
		if f := fieldOf(x.X.Type(), x.Field); f != nil {
			a.Loads = append(a.Loads, Loc{Kind: LocField, Obj: f})
		}
		return true
	case *ssa.Global:
		a.Root = x
		a.Loads = append(a.Loads, Loc{Kind: LocGlobal, Obj: x.Object()})
		return true
	case *ssa.Alloc:
		if x.Parent() != fn {
			return false
		}
		a.Root = x
		a.Loads = append(a.Loads, Loc{Kind: LocValue, Val: x})
		return true
	case *ssa.FreeVar:
		if b, ok := m.translate(x, fn, a); ok {
			return m.accessAddr(b, fn, a, depth+1)
		}
		if x.Parent() != fn {
			return false
		}
		a.Root = x
		a.Loads = append(a.Loads, m.Locs(x)...)
		return true
	case *ssa.Parameter:
		if x.Parent() != fn {
			return false
		}
		a.Root = x
		a.Loads = append(a.Loads, Loc{Kind: LocValue, Val: x})
		return true
	}
	return false // slice and array elements, map entries, ...
}

// translate maps a free variable of a literal created once by fn to the
// value fn binds it to.
func (m *Model) translate(fv *ssa.FreeVar, fn *ssa.Function, a *Access) (ssa.Value, bool) {
	lit := fv.Parent()
	if lit == fn || !encloses(fn, lit) {
		return nil, false
	}
	mcs := m.calls.bindings[lit]
	if len(mcs) != 1 || mcs[0].Parent() != lit.Parent() {
		return nil, false
	}
	for i, x := range lit.FreeVars {
		if x == fv {
			a.Through = lit
			return mcs[0].Bindings[i], true
		}
	}
	return nil, false
}

// encloses reports whether the literal lit is declared inside fn.
func encloses(fn, lit *ssa.Function) bool {
	for f := lit.Parent(); f != nil; f = f.Parent() {
		if f == fn {
			return true
		}
	}
	return false
}

var ptrField = regexp.MustCompile(`\.(\d+)\*`)

// spilled returns the parameter whose variable addr is, when the
// parameter is captured by a closure (and so lives in a heap cell) and
// nothing assigns the variable; or nil.
func (m *Model) spilled(addr ssa.Value, fn *ssa.Function) *ssa.Parameter {
	var tmp Access
	for {
		fv, ok := addr.(*ssa.FreeVar)
		if !ok {
			break
		}
		b, ok := m.translate(fv, fn, &tmp)
		if !ok {
			return nil
		}
		addr = b
	}
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var param *ssa.Parameter
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != alloc {
				continue // the variable's address stored elsewhere
			}
			p, ok := ref.Val.(*ssa.Parameter)
			if !ok || param != nil {
				return nil
			}
			param = p
		case *ssa.MakeClosure:
			for i, b := range ref.Bindings {
				if b == alloc && assigned(ref.Fn.(*ssa.Function).FreeVars[i]) {
					return nil
				}
			}
		}
	}
	return param
}

// assigned reports whether a captured variable is assigned in the literal.
func assigned(fv *ssa.FreeVar) bool {
	for _, ref := range *fv.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == fv {
			return true
		}
	}
	return false
}
