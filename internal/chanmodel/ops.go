package chanmodel

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// OpKind says what a channel operation does.
type OpKind int

const (
	Close OpKind = iota
	Send
	Recv
)

func (k OpKind) String() string {
	switch k {
	case Close:
		return "close"
	case Send:
		return "send"
	}
	return "receive"
}

// An Op is one channel operation in the source.
type Op struct {
	Kind OpKind
	// Instr is the instruction: *ssa.Call, *ssa.Defer or *ssa.Go for a
	// close; *ssa.Send or *ssa.Select for a send; *ssa.UnOp or *ssa.Select
	// for a receive.
	Instr ssa.Instruction
	Chan  ssa.Value // the channel operand
	Fn    *ssa.Function
	Pos   token.Pos
	// Deferred marks "defer close(ch)"; Async marks "go close(ch)".
	Deferred, Async bool
	// Range marks the receive of a for-range loop over the channel.
	Range bool
	// State is the index of the select state, or -1.
	State int
}

// Block is the basic block holding the operation.
func (op *Op) Block() *ssa.BasicBlock { return op.Instr.Block() }

// Select returns the select statement the operation is a case of, or nil.
func (op *Op) Select() *ssa.Select {
	if op.State < 0 {
		return nil
	}
	sel, _ := op.Instr.(*ssa.Select)
	return sel
}

// Blocking reports whether the operation waits for its peer: a send or
// receive outside any select, or the only case of a select without a
// default.
func (op *Op) Blocking() bool {
	sel := op.Select()
	return op.Kind != Close && (sel == nil || sel.Blocking && len(sel.States) == 1)
}

// IsClose reports whether call calls the close builtin.
func IsClose(call *ssa.CallCommon) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Object() == types.Universe.Lookup("close") && len(call.Args) == 1
}

func (m *Model) index(f *ssa.Function) {
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			var op *Op
			switch in := instr.(type) {
			case *ssa.Call:
				if IsClose(&in.Call) {
					op = &Op{Kind: Close, Chan: in.Call.Args[0], Pos: in.Call.Pos()}
				}
			case *ssa.Defer:
				if IsClose(&in.Call) {
					op = &Op{Kind: Close, Chan: in.Call.Args[0], Pos: in.Call.Pos(), Deferred: true}
				}
			case *ssa.Go:
				if IsClose(&in.Call) {
					op = &Op{Kind: Close, Chan: in.Call.Args[0], Pos: in.Call.Pos(), Async: true}
				}
			case *ssa.Send:
				op = &Op{Kind: Send, Chan: in.Chan, Pos: in.Pos()}
			case *ssa.UnOp:
				if in.Op == token.ARROW {
					op = &Op{Kind: Recv, Chan: in.X, Pos: in.Pos()}
					op.Range = in.CommaOk && m.syn.ranges[in.Pos()] != nil
				}
			case *ssa.Select:
				for i, st := range in.States {
					k := Recv
					if st.Dir == types.SendOnly {
						k = Send
					}
					m.addOp(f, &Op{Kind: k, Instr: in, Chan: st.Chan, Pos: st.Pos, State: i})
				}
			}
			if op != nil {
				op.Instr = instr
				op.State = -1
				m.addOp(f, op)
			}
		}
	}
}

func (m *Model) addOp(f *ssa.Function, op *Op) {
	op.Fn = f
	if op.Pos == token.NoPos {
		op.Pos = op.Instr.Pos()
	}
	m.Ops = append(m.Ops, op)
	m.byFn[f] = append(m.byFn[f], op)
}

// CloseCall returns the syntax of a close operation, or nil.
func (m *Model) CloseCall(op *Op) *ast.CallExpr {
	if op.Kind != Close {
		return nil
	}
	return m.syn.closes[op.Pos]
}

// RangeStmt returns the range statement of a range receive, or nil.
func (m *Model) RangeStmt(op *Op) *ast.RangeStmt {
	if !op.Range {
		return nil
	}
	return m.syn.ranges[op.Pos]
}

// ChanText renders the channel a close closes as the source writes it:
// "jobs", "s.done".
func (m *Model) ChanText(op *Op) string {
	if call := m.CloseCall(op); call != nil && len(call.Args) == 1 {
		return types.ExprString(ast.Unparen(call.Args[0]))
	}
	return "the channel"
}

// CallAt returns the call expression whose left parenthesis is at pos (the
// position SSA gives a call), or nil.
func (m *Model) CallAt(pos token.Pos) *ast.CallExpr { return m.syn.callAt(pos) }

// selectCase returns the block a select's state i continues in, and the
// block its default (or, for a select that blocks, nothing) continues in:
// SSA dispatches on the chosen index with a chain of comparisons.
func selectCase(sel *ssa.Select, i int) *ssa.BasicBlock {
	b := sel.Block()
	// The index is extracted, then compared with 0, 1, ... in turn.
	for b != nil {
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			return nil
		}
		cmp, ok := iff.Cond.(*ssa.BinOp)
		if !ok || cmp.Op != token.EQL {
			return nil
		}
		ex, ok := cmp.X.(*ssa.Extract)
		if !ok || ex.Tuple != sel || ex.Index != 0 {
			return nil
		}
		c, ok := cmp.Y.(*ssa.Const)
		if !ok || c.Value == nil {
			return nil
		}
		if c.Int64() == int64(i) {
			return b.Succs[0]
		}
		b = b.Succs[1]
	}
	return nil
}
