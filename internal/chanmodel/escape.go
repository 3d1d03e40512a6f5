package chanmodel

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// noteLoc records what a place says about its class: a parameter of a
// function others may call and a result of code the package does not see
// hold foreign channels; a field or variable other packages can reach
// hands the channels to them; timer and Done channels are the runtime's.
func (m *Model) noteLoc(c *Chan, l Loc) {
	switch l.Kind {
	case LocField, LocGlobal:
		v, ok := l.Obj.(*types.Var)
		if !ok {
			c.Foreign = true
			return
		}
		if v.Pkg() != m.Pass.Pkg {
			if isTimerField(v) {
				c.Timer = true
				return
			}
			c.Foreign = true
			allow(c, v.Type())
			return
		}
		visible := false
		if l.Kind == LocField {
			visible = m.fieldVisible(v)
		} else {
			visible = v.Exported() && m.Pass.Pkg.Name() != "main"
		}
		if visible {
			c.Foreign = true
			allow(c, v.Type())
		}
	case LocValue:
		switch v := l.Val.(type) {
		case *ssa.MakeChan, *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap, *ssa.Slice:
		case *ssa.Call:
			switch {
			case isTimerCall(&v.Call):
				c.Timer = true
			case isDoneCall(&v.Call):
				c.Done = true
			default:
				c.Foreign = true
			}
		default:
			c.Foreign = true
		}
	}
}

// allow records that code outside the package may use the class's
// channels as a value of type t permits.
func allow(c *Chan, t types.Type) {
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		// A container: its channels go wherever it goes.
		c.OutSend, c.OutClose, c.OutRecv = true, true, true
		return
	}
	switch ch.Dir() {
	case types.RecvOnly:
		c.OutRecv = true
	case types.SendOnly:
		c.OutSend, c.OutClose = true, true
	default:
		c.OutSend, c.OutClose, c.OutRecv = true, true, true
	}
}

// noteUses records the uses of an instruction's channel operands that
// hand the channels to code the package does not see.
func (m *Model) noteUses(cs *classes, instr ssa.Instruction) {
	class := func(v ssa.Value) *Chan {
		if !isCarrier(v.Type()) {
			return nil
		}
		ls := m.Locs(v)
		if len(ls) == 0 {
			return nil
		}
		return cs.byRoot[cs.find(cs.id(ls[0]))]
	}
	switch in := instr.(type) {
	case ssa.CallInstruction:
		common := in.Common()
		if b, ok := common.Value.(*ssa.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "close", "append", "copy", "print", "println", "clear":
				return
			}
		}
		callee := common.StaticCallee()
		if callee != nil && callee.Pkg == m.Pkg && len(callee.Blocks) > 0 {
			return // the callee's parameters resolve to the arguments
		}
		sig := common.Signature()
		for i, a := range common.Args {
			c := class(a)
			if c == nil {
				continue
			}
			if callee != nil && callee.Object() != nil {
				switch fullName(callee) {
				case "os/signal.Notify":
					c.OutSend = true
					c.ExtSenders = append(c.ExtSenders, in)
					continue
				case "os/signal.Stop", "os/signal.Reset", "os/signal.Ignore":
					continue
				}
			}
			allow(c, paramType(sig, common, i))
		}
	case *ssa.Return:
		fn := in.Parent()
		if !m.Escapes(fn) {
			return
		}
		for i, r := range in.Results {
			if c := class(r); c != nil {
				allow(c, fn.Signature.Results().At(i).Type())
			}
		}
	case *ssa.MakeInterface:
		if c := class(in.X); c != nil {
			allow(c, in.X.Type())
			c.Foreign = true
		}
	case *ssa.Phi, *ssa.ChangeType, *ssa.Convert, *ssa.Slice, *ssa.Field, *ssa.FieldAddr,
		*ssa.Index, *ssa.IndexAddr, *ssa.Lookup, *ssa.Extract, *ssa.UnOp, *ssa.BinOp, *ssa.If,
		*ssa.MakeClosure, *ssa.MapUpdate, *ssa.Select, *ssa.Range, *ssa.Next, *ssa.Send,
		*ssa.Store, *ssa.Jump, *ssa.MakeChan, *ssa.MakeSlice, *ssa.MakeMap, *ssa.Alloc,
		*ssa.SliceToArrayPointer, *ssa.DebugRef, *ssa.RunDefers:
	default:
		var buf [8]*ssa.Value
		for _, p := range instr.Operands(buf[:0]) {
			if p != nil && *p != nil {
				if c := class(*p); c != nil {
					c.OutSend, c.OutClose, c.OutRecv, c.Foreign = true, true, true, true
				}
			}
		}
	}
}

// paramType is the type of the parameter argument i of a call binds to
// (the element type for the variadic tail).
func paramType(sig *types.Signature, common *ssa.CallCommon, i int) types.Type {
	if !common.IsInvoke() && common.StaticCallee() != nil && common.StaticCallee().Signature.Recv() != nil {
		// A static method call passes the receiver as argument 0.
		if i == 0 {
			return sig.Recv().Type()
		}
		i--
	}
	ps := sig.Params()
	if ps.Len() == 0 {
		return types.Typ[types.Invalid]
	}
	if i >= ps.Len()-1 && sig.Variadic() {
		if s, ok := ps.At(ps.Len() - 1).Type().Underlying().(*types.Slice); ok && i >= ps.Len() {
			return s.Elem()
		}
		return ps.At(ps.Len() - 1).Type()
	}
	if i < ps.Len() {
		return ps.At(i).Type()
	}
	return types.Typ[types.Invalid]
}

// propagate carries what is known of containers (and channels of
// channels) to their elements: the elements of a foreign or escaping
// container are foreign and escape too.
func (cs *classes) propagate(m *Model) {
	for l, i := range cs.ids {
		if l.Kind != LocElem {
			continue
		}
		outer := cs.byRoot[cs.find(cs.id(*l.Of))]
		inner := cs.byRoot[cs.find(i)]
		if outer != nil && inner != nil {
			outer.Elem = inner
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range cs.byRoot {
			e := c.Elem
			if e == nil || e == c {
				continue
			}
			if c.Foreign && !e.Foreign {
				e.Foreign, changed = true, true
			}
			if (c.OutSend || c.OutRecv || c.OutClose) && !(e.OutSend && e.OutRecv && e.OutClose) {
				e.OutSend, e.OutRecv, e.OutClose, changed = true, true, true, true
			}
		}
	}
}

func fullName(fn *ssa.Function) string {
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return ""
	}
	return obj.Origin().FullName()
}

// isTimerField reports whether v is the C field of a time.Timer or Ticker.
func isTimerField(v *types.Var) bool {
	return v.Pkg() != nil && v.Pkg().Path() == "time" && v.Name() == "C" && v.IsField()
}

// isTimerCall reports whether call is time.After or time.Tick.
func isTimerCall(call *ssa.CallCommon) bool {
	fn := call.StaticCallee()
	if fn == nil {
		return false
	}
	switch fullName(fn) {
	case "time.After", "time.Tick":
		return true
	}
	return false
}

// isDoneCall reports whether call calls a method Done of type
// func() <-chan struct{}: context.Context's, or a type's that wraps one.
func isDoneCall(call *ssa.CallCommon) bool {
	var sig *types.Signature
	var name string
	if call.IsInvoke() {
		sig, name = call.Method.Signature(), call.Method.Name()
	} else if fn := call.StaticCallee(); fn != nil && fn.Signature.Recv() != nil {
		sig, name = fn.Signature, fn.Name()
	} else {
		return false
	}
	if name != "Done" || sig.Params().Len() != 0 || sig.Results().Len() != 1 {
		return false
	}
	ch, ok := sig.Results().At(0).Type().(*types.Chan)
	if !ok || ch.Dir() != types.RecvOnly {
		return false
	}
	st, ok := ch.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}
