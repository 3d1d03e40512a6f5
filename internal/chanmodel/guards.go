package chanmodel

import "golang.org/x/tools/go/ssa"

// lenGuarded reports whether the operation runs only after a check of
// the channel's length (for len(ch) > 0 { <-ch }): a drain that does not
// wait.
func (e *engine) lenGuarded(op *Op, c *Chan) bool {
	return e.guardedBy(op, func(v ssa.Value) bool {
		call, ok := v.(*ssa.Call)
		if !ok {
			return false
		}
		b, ok := call.Call.Value.(*ssa.Builtin)
		return ok && (b.Name() == "len" || b.Name() == "cap") && len(call.Call.Args) == 1 && e.m.Class(call.Call.Args[0]) == c
	})
}

// nilGuarded reports whether the operation runs only after the channel
// was compared with nil.
func (e *engine) nilGuarded(op *Op, c *Chan) bool {
	return e.guardedBy(op, func(v ssa.Value) bool {
		k, ok := v.(*ssa.Const)
		return ok && k.IsNil()
	}, c)
}

// guardedBy reports whether a branch that decides whether op runs tests a
// condition with an operand match accepts (and, with also, one of the
// class's values on the other side).
func (e *engine) guardedBy(op *Op, match func(ssa.Value) bool, also ...*Chan) bool {
	b := op.Block()
	for d := b.Idom(); d != nil; d = d.Idom() {
		iff, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		for _, pair := range [][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
			if match(pair[0]) && (len(also) == 0 || e.m.Class(pair[1]) == also[0]) {
				return true
			}
		}
	}
	return false
}
