package chanmodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A Start is an instruction that starts a goroutine: a go statement, a
// call of (*sync.WaitGroup).Go or errgroup's Go and TryGo, or a call of a
// spawner of the package (a function that starts its func parameter, as
// s.goAttach(f) running go func() { defer wg.Done(); f() }()).
type Start struct {
	Instr  ssa.CallInstruction
	Caller *ssa.Function
	// Fn is the function the goroutine runs, when the package has it: a
	// func literal, a function or a method. Nil for a dynamic call.
	Fn *ssa.Function
	// Node is the *ast.GoStmt, or the *ast.CallExpr of the method or
	// spawner call.
	Node ast.Node
}

// Lit reports whether the goroutine runs a func literal.
func (s *Start) Lit() bool { return s.Fn != nil && s.Fn.Parent() != nil }

// Name describes the goroutine for messages: "the goroutine running
// (*T).loop" or "the goroutine started at line 12".
func (s *Start) Name(fset *token.FileSet) string {
	if s.Fn != nil && !s.Lit() {
		return "the goroutine running " + FuncName(s.Fn)
	}
	return fmt.Sprintf("the goroutine started at line %d", fset.Position(s.Node.Pos()).Line)
}

// Head is the range to report a start at: "go s.loop()", "go func()",
// "wg.Go(func()".
func (s *Start) Head() (token.Pos, token.Pos) {
	end := s.Node.End()
	var call *ast.CallExpr
	switch n := s.Node.(type) {
	case *ast.GoStmt:
		call = n.Call
		if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
			end = lit.Type.End()
		}
	case *ast.CallExpr:
		for _, a := range n.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
				end = lit.Type.End()
			}
		}
	}
	return s.Node.Pos(), end
}

func (m *Model) findStarts() {
	spawners := m.spawners()
	for _, f := range m.Funcs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				var s *Start
				switch in := instr.(type) {
				case *ssa.Go:
					if IsClose(&in.Call) {
						continue
					}
					s = &Start{Fn: in.Call.StaticCallee()}
					if gs := m.syn.gos[in.Pos()]; gs != nil {
						s.Node = gs
					}
				case *ssa.Call:
					callee := in.Call.StaticCallee()
					if callee == nil {
						continue
					}
					if i, ok := goArg(callee); ok && i < len(in.Call.Args) {
						s = &Start{Fn: funcOf(in.Call.Args[i])}
						if c := m.syn.goCalls[in.Pos()]; c != nil {
							s.Node = c
						}
					} else if i, ok := spawners[origin(callee)]; ok && i < len(in.Call.Args) {
						s = &Start{Fn: funcOf(in.Call.Args[i])}
						if c := m.CallAt(in.Pos()); c != nil {
							s.Node = c
						}
					}
				}
				if s == nil || s.Node == nil {
					continue
				}
				if s.Fn != nil && (s.Fn.Pkg != m.Pkg || len(s.Fn.Blocks) == 0) {
					s.Fn = nil
				}
				s.Instr, s.Caller = call, f
				m.Starts = append(m.Starts, s)
				m.startsIn[f] = append(m.startsIn[f], s)
				m.startOf[instr] = s
			}
		}
	}
}

// goArg reports whether fn starts one of its arguments as a goroutine,
// and which: (*sync.WaitGroup).Go, errgroup's (*Group).Go and TryGo (the
// receiver is argument 0).
func goArg(fn *ssa.Function) (int, bool) {
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return 0, false
	}
	switch obj.Origin().FullName() {
	case "(*sync.WaitGroup).Go", "(*golang.org/x/sync/errgroup.Group).Go", "(*golang.org/x/sync/errgroup.Group).TryGo":
		return 1, true
	}
	return 0, false
}

// spawners finds the functions of the package that start one of their
// func parameters as a goroutine, directly (go f()) or from a func literal
// (go func() { ...; f() }()), with the index of that parameter.
func (m *Model) spawners() map[*ssa.Function]int {
	out := make(map[*ssa.Function]int)
	for _, f := range m.Funcs {
		if f.Parent() != nil {
			continue
		}
		param := func(v ssa.Value) int {
			for i, p := range f.Params {
				if p == v {
					if _, ok := p.Type().Underlying().(*types.Signature); ok {
						return i
					}
				}
			}
			return -1
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				g, ok := instr.(*ssa.Go)
				if !ok {
					continue
				}
				i := param(g.Call.Value)
				if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok && i < 0 {
					i = calledBinding(mc, param)
				}
				if i >= 0 && !(f.Signature.Variadic() && i == len(f.Params)-1) {
					out[f] = i
				}
			}
		}
	}
	return out
}

// calledBinding returns the parameter index (by param) of a binding of
// the closure mc that its literal calls, or -1.
func calledBinding(mc *ssa.MakeClosure, param func(ssa.Value) int) int {
	lit := mc.Fn.(*ssa.Function)
	for _, b := range lit.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			v := c.Call.Value
			if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
				v = load.X // a captured parameter lives in a cell
			}
			for j, fv := range lit.FreeVars {
				if v != fv || j >= len(mc.Bindings) {
					continue
				}
				b := mc.Bindings[j]
				if a, ok := b.(*ssa.Alloc); ok {
					b = storedValue(a)
				}
				if i := param(b); i >= 0 {
					return i
				}
			}
		}
	}
	return -1
}

// FuncName renders a function for messages as code names it: "loop",
// "(*T).run", "a func literal in (*T).run".
func FuncName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		top := fn
		for top.Parent() != nil {
			top = top.Parent()
		}
		return "a func literal in " + FuncName(top)
	}
	recv := fn.Signature.Recv()
	if recv == nil {
		return fn.Name()
	}
	t := recv.Type()
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	name := "?"
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		name = t.Obj().Name()
	case *types.Interface:
		name = "interface"
	}
	if ptr {
		return "(*" + name + ")." + fn.Name()
	}
	return name + "." + fn.Name()
}
