package chanmodel

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Contexts are followed like channels: a context.Context value has Locs
// and a class (the field it is stored in, the With* call that made it),
// and so does its cancel function. The model can then say who can close
// a context's Done channel: its cancel calls, its parent's, or a timer.

// isCtxType reports whether t is context.Context or a cancel function
// type of package context.
func isCtxType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "context" {
		return false
	}
	switch n.Obj().Name() {
	case "Context", "CancelFunc", "CancelCauseFunc":
		return true
	}
	return false
}

// A ctxOrigin is how a context the class may hold was made.
type ctxOrigin int

const (
	ctxUnknown ctxOrigin = iota // a parameter, a result, a field of another package: anything
	ctxNever                    // Background, TODO, WithoutCancel: never done
	ctxTimer                    // WithTimeout, WithDeadline: done by itself
	ctxCancel                   // WithCancel: done when cancelled, or when its parent is
	ctxSame                     // WithValue: done when its parent is
)

// originOf classifies a Loc of a context class.
func originOf(l Loc) (ctxOrigin, *ssa.Call) {
	if l.Kind != LocValue {
		if l.Kind == LocField || l.Kind == LocGlobal {
			return ctxSame, nil // stores into it are in the class
		}
		return ctxUnknown, nil
	}
	var call *ssa.Call
	switch v := l.Val.(type) {
	case *ssa.Call:
		call = v
	case *ssa.Extract:
		if v.Index != 0 {
			return ctxUnknown, nil
		}
		call, _ = v.Tuple.(*ssa.Call)
	case *ssa.Alloc:
		return ctxSame, nil
	}
	if call == nil {
		return ctxUnknown, nil
	}
	switch fullNameOf(&call.Call) {
	case "context.Background", "context.TODO", "context.WithoutCancel":
		return ctxNever, call
	case "context.WithTimeout", "context.WithDeadline", "context.WithTimeoutCause", "context.WithDeadlineCause":
		return ctxTimer, call
	case "context.WithCancel", "context.WithCancelCause":
		return ctxCancel, call
	case "context.WithValue":
		return ctxSame, call
	}
	return ctxUnknown, nil
}

// ctxValue returns the context a Done channel value comes from
// (ctx.Done()), or nil.
func ctxValue(done ssa.Value) ssa.Value {
	call, ok := done.(*ssa.Call)
	if !ok || !isDoneCall(&call.Call) {
		return nil
	}
	if call.Call.IsInvoke() {
		if isCtxType(call.Call.Value.Type()) {
			return call.Call.Value
		}
		return nil
	}
	return nil
}

// cancellers returns the calls that can cancel the context ctx (with its
// parents'), and whether something the model cannot place may too (a
// timer, a context from elsewhere, a cancel function handed out).
func (m *Model) cancellers(ctx ssa.Value, depth int) (sites []ssa.CallInstruction, unknown bool) {
	if depth > 4 {
		return nil, true
	}
	cs := m.classSet()
	ls := m.Locs(ctx)
	if len(ls) == 0 {
		return nil, true
	}
	seen := make(map[int]bool)
	for _, l := range ls {
		id, ok := cs.ids[l]
		if !ok {
			return nil, true
		}
		r := cs.find(id)
		if seen[r] {
			continue
		}
		seen[r] = true
		for _, cl := range cs.locsOf(r) {
			if cl.Kind == LocField || cl.Kind == LocGlobal {
				// A field or variable others can set holds any context.
				if v, ok := cl.Obj.(*types.Var); !ok || v.Pkg() != m.Pass.Pkg || m.fieldVisibleOrGlobal(v, cl.Kind) {
					return nil, true
				}
			}
			kind, call := originOf(cl)
			switch kind {
			case ctxUnknown, ctxTimer:
				return nil, true
			case ctxNever:
			case ctxSame:
				if call != nil && len(call.Call.Args) > 0 {
					s, u := m.cancellers(call.Call.Args[0], depth+1)
					if u {
						return nil, true
					}
					sites = append(sites, s...)
				}
			case ctxCancel:
				if len(call.Call.Args) > 0 {
					s, u := m.cancellers(call.Call.Args[0], depth+1)
					if u {
						return nil, true
					}
					sites = append(sites, s...)
				}
				s, u := m.cancelCalls(call)
				if u {
					return nil, true
				}
				sites = append(sites, s...)
			}
		}
	}
	return sites, false
}

// cancelCalls returns the calls of the cancel function a WithCancel call
// returns, and whether it may be called where the model cannot see (it is
// handed to another package, or stored where others reach it).
func (m *Model) cancelCalls(with *ssa.Call) ([]ssa.CallInstruction, bool) {
	var cancel ssa.Value
	for _, ref := range *with.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 1 {
			cancel = ex
		}
	}
	if cancel == nil {
		return nil, false // discarded: nothing cancels it
	}
	cs := m.classSet()
	id, ok := cs.ids[Loc{Kind: LocValue, Val: cancel}]
	if !ok {
		return nil, true
	}
	r := cs.find(id)
	for _, l := range cs.locsOf(r) {
		if l.Kind == LocValue {
			if _, ok := l.Val.(*ssa.Parameter); ok {
				return nil, true
			}
		}
		if l.Kind == LocField || l.Kind == LocGlobal {
			if v, ok := l.Obj.(*types.Var); ok && (v.Pkg() != m.Pass.Pkg || m.fieldVisibleOrGlobal(v, l.Kind)) {
				return nil, true
			}
		}
	}
	live := m.Live()
	var out []ssa.CallInstruction
	for _, f := range m.allFuncs() {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				common := c.Common()
				if common.IsInvoke() || common.StaticCallee() != nil {
					// An argument handed to code elsewhere may be called there.
					if callee := common.StaticCallee(); callee == nil || callee.Pkg != m.Pkg {
						for _, a := range common.Args {
							if m.inClass(cs, a, r) {
								return nil, true
							}
						}
					}
					continue
				}
				if m.inClass(cs, common.Value, r) && live[f] && !m.IsTest(c) {
					out = append(out, c)
				}
			}
		}
	}
	return out, false
}

func (m *Model) inClass(cs *classes, v ssa.Value, root int) bool {
	for _, l := range m.Locs(v) {
		if id, ok := cs.ids[l]; ok && cs.find(id) == root {
			return true
		}
	}
	return false
}

func (m *Model) fieldVisibleOrGlobal(v *types.Var, k LocKind) bool {
	if k == LocGlobal {
		return v.Exported() && m.Pass.Pkg.Name() != "main"
	}
	return m.fieldVisible(v)
}

// locsOf returns the Locs of the class with root r.
func (cs *classes) locsOf(r int) []Loc {
	if c := cs.byRoot[r]; c != nil {
		return c.Locs
	}
	return nil
}
