package chanmodel

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// Unconditional reports whether instr runs on every path through its
// function that returns normally: no branch decides whether it runs
// (paths that panic are not counted).
func Unconditional(instr ssa.Instruction) bool {
	b := instr.Block()
	fn := b.Parent()
	if len(fn.Blocks) == 0 {
		return false
	}
	entry := fn.Blocks[0]
	if b == entry {
		return true
	}
	seen := map[*ssa.BasicBlock]bool{b: true, entry: true}
	stack := []*ssa.BasicBlock{entry}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ok {
			return false
		}
		if hasNoReturn(x) {
			continue
		}
		for _, s := range x.Succs {
			if !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}

// onceCallee reports whether call runs its function argument at most once
// per receiver: (*sync.Once).Do, sync.OnceFunc, OnceValue, OnceValues. It
// returns that argument.
func onceArg(call *ssa.CallCommon) ssa.Value {
	fn := call.StaticCallee()
	if fn == nil {
		return nil
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return nil
	}
	switch obj.FullName() {
	case "(*sync.Once).Do":
		if len(call.Args) == 2 {
			return call.Args[1]
		}
	case "sync.OnceFunc", "sync.OnceValue", "sync.OnceValues":
		if len(call.Args) == 1 {
			return call.Args[0]
		}
	}
	return nil
}

// funcOf returns the function a func value denotes: a function, a literal
// (through its closure) or the method of a bound method value.
func funcOf(v ssa.Value) *ssa.Function {
	switch x := v.(type) {
	case *ssa.Function:
		return wrapped(x)
	case *ssa.MakeClosure:
		return wrapped(x.Fn.(*ssa.Function))
	case *ssa.ChangeType:
		return funcOf(x.X)
	}
	return nil
}

// wrapped returns the method a synthetic bound-method wrapper calls, or fn.
func wrapped(fn *ssa.Function) *ssa.Function {
	if fn.Synthetic == "" || len(fn.Blocks) == 0 {
		return fn
	}
	for _, instr := range fn.Blocks[0].Instrs {
		if c, ok := instr.(ssa.CallInstruction); ok {
			if callee := c.Common().StaticCallee(); callee != nil {
				return callee
			}
		}
	}
	return fn
}

// OnceOnly reports whether fn only ever runs under a sync.Once (or
// sync.OnceFunc): it is handed to one, and it is otherwise only called
// from functions that themselves run once.
func (m *Model) OnceOnly(fn *ssa.Function) bool {
	return m.onceOnly(origin(fn), 0)
}

func (m *Model) onceOnly(fn *ssa.Function, depth int) bool {
	if depth > 8 {
		return false
	}
	sites := m.Sites(fn)
	exported := fn.Parent() == nil && fn.Object() != nil && fn.Object().Exported()
	if m.calls.onceArgs[fn] {
		if exported {
			return false // callers outside the package may call it directly
		}
		// Direct calls are fine only from functions that run once too.
		for _, s := range sites {
			if !m.onceOnly(s.Parent(), depth+1) {
				return false
			}
		}
		return true
	}
	if exported || len(sites) == 0 || m.calls.valued[fn] {
		return false
	}
	for _, s := range sites {
		if s.Parent() == fn || !m.onceOnly(s.Parent(), depth+1) {
			return false
		}
	}
	return true
}

// NoReturn reports whether instr is a call that never returns normally
// (analysisutil.NeverReturns).
func NoReturn(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	var obj types.Object
	if call.Call.IsInvoke() {
		obj = call.Call.Method
	} else if fn := call.Call.StaticCallee(); fn != nil {
		obj = fn.Object()
	}
	f, _ := obj.(*types.Func)
	return analysisutil.NeverReturns(f)
}

func hasNoReturn(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if NoReturn(instr) {
			return true
		}
	}
	return false
}
