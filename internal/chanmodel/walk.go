package chanmodel

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// maxStates bounds the work of one Walk; a walk that exceeds it finds
// nothing (silence is the safe answer for a linter that must not cry wolf).
const maxStates = 4096

// A Walk searches the paths that leave an instruction for another
// instruction, along which one channel keeps its identity. It is
// path-sensitive where cheap and where correctness depends on it:
//
//   - boolean phis with constant edges are tracked along the path, so
//     "closed := true ... if !closed { close(ch) }" is not taken;
//   - a path stops at a store to a location the channel is loaded from,
//     at a call that may make such a store, and at re-executing the
//     instruction that computes the channel's root;
//   - a path stops at a branch whose condition looks like a guard on the
//     channel's state (IsGuard): a flag, an atomic operation, a receive
//     from the channel, a nil check of it, a call returning a bool.
type Walk struct {
	M   *Model
	Fn  *ssa.Function
	Acc Access
	// Chan are the places the channel may come from (for guard detection).
	Chan []Loc
	// Hit reports whether instr is what the walk looks for.
	Hit func(instr ssa.Instruction) bool
	// Loop marks a walk from a close back to itself. There, a comparison
	// with a constant also counts as a guard: a loop that dispatches on an
	// event kind ("case evReady: close(ready)") closes when that event
	// comes, and protocols send such events once.
	Loop bool
}

type walkState struct {
	b   *ssa.BasicBlock
	env string // known boolean phis, encoded
}

// From returns an instruction that Hit accepts and that can execute after
// from, with the channel unchanged, or nil.
func (w *Walk) From(from ssa.Instruction) ssa.Instruction {
	b := from.Block()
	start := -1
	for i, instr := range b.Instrs {
		if instr == from {
			start = i
		}
	}
	if start < 0 {
		return nil
	}
	env := map[ssa.Value]bool{}
	seen := map[walkState]bool{}
	type item struct {
		b    *ssa.BasicBlock
		pred *ssa.BasicBlock
		env  map[ssa.Value]bool
		at   int // first instruction to look at; -1 when entering the block
	}
	queue := []item{{b: b, env: env, at: start + 1}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if len(seen) > maxStates {
			return nil
		}
		env := it.env
		at := it.at
		if at < 0 {
			if w.Acc.Def != nil && w.Acc.Def.Block() == it.b {
				continue // the channel's root is computed again: another channel
			}
			env = enterPhis(it.b, it.pred, env)
			key := walkState{it.b, encodeEnv(env)}
			if seen[key] {
				continue
			}
			seen[key] = true
			at = 0
		}
		stopped := false
		for _, instr := range it.b.Instrs[at:] {
			if w.Hit(instr) {
				return instr
			}
			if w.kills(instr) || NoReturn(instr) {
				stopped = true
				break
			}
		}
		if stopped {
			continue
		}
		succs := it.b.Succs
		if iff, ok := it.b.Instrs[len(it.b.Instrs)-1].(*ssa.If); ok {
			if v, known := evalBool(iff.Cond, env); known {
				if v {
					succs = succs[:1]
				} else {
					succs = succs[1:]
				}
			} else if w.IsGuard(iff.Cond) {
				continue
			}
		}
		for _, s := range succs {
			queue = append(queue, item{b: s, pred: it.b, env: env, at: -1})
		}
	}
	return nil
}

// enterPhis returns env updated for entering b from pred: boolean phis of
// b whose edge from pred is a constant (or a known phi) become known.
func enterPhis(b, pred *ssa.BasicBlock, env map[ssa.Value]bool) map[ssa.Value]bool {
	idx := -1
	for i, p := range b.Preds {
		if p == pred {
			idx = i
		}
	}
	var out map[ssa.Value]bool
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if !isBool(phi.Type()) {
			continue
		}
		if out == nil {
			out = make(map[ssa.Value]bool, len(env)+1)
			for k, v := range env {
				out[k] = v
			}
		}
		delete(out, phi)
		if idx >= 0 && idx < len(phi.Edges) {
			if v, known := evalBool(phi.Edges[idx], env); known {
				out[phi] = v
			}
		}
	}
	if out == nil {
		return env
	}
	return out
}

func encodeEnv(env map[ssa.Value]bool) string {
	if len(env) == 0 {
		return ""
	}
	var sb strings.Builder
	// The order of map iteration varies; encode by sorted phi names.
	names := make([]string, 0, len(env))
	for k, v := range env {
		n := k.Name()
		if v {
			n += "=1"
		} else {
			n += "=0"
		}
		names = append(names, n)
	}
	sortStrings(names)
	for _, n := range names {
		sb.WriteString(n)
		sb.WriteByte(',')
	}
	return sb.String()
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// evalBool evaluates a boolean condition from constants and known phis.
func evalBool(v ssa.Value, env map[ssa.Value]bool) (bool, bool) {
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value != nil && x.Value.Kind() == constant.Bool {
			return constant.BoolVal(x.Value), true
		}
	case *ssa.Phi:
		b, ok := env[x]
		return b, ok
	case *ssa.UnOp:
		if x.Op == token.NOT {
			b, ok := evalBool(x.X, env)
			return !b, ok
		}
	case *ssa.BinOp:
		if x.Op != token.EQL && x.Op != token.NEQ || !isBool(x.X.Type()) {
			break
		}
		l, ok1 := evalBool(x.X, env)
		r, ok2 := evalBool(x.Y, env)
		if ok1 && ok2 {
			return (l == r) == (x.Op == token.EQL), true
		}
	}
	return false, false
}

// kills reports whether instr changes the channel the walk follows: a
// store to a location it is loaded from, or a call that may make one.
func (w *Walk) kills(instr ssa.Instruction) bool {
	if st, ok := instr.(*ssa.Store); ok && st.Addr == w.Acc.Root && w.Acc.Root != nil {
		// The whole variable the channel is reached through is
		// overwritten: a loop variable under pre-Go 1.22 semantics
		// (`for b := range batches` with b.done closed), one variable
		// for every iteration, stored each time round.
		return true
	}
	if len(w.Acc.Loads) == 0 {
		return false
	}
	switch in := instr.(type) {
	case *ssa.Store:
		return Intersect(w.M.AddrLocs(in.Addr), w.Acc.Loads)
	case ssa.CallInstruction:
		switch in.(type) {
		case *ssa.Go, *ssa.Defer:
			return false // runs concurrently or later, not here
		}
		if callee := in.Common().StaticCallee(); callee != nil {
			stores := w.M.Stores(callee)
			for _, l := range w.Acc.Loads {
				if stores[l] {
					return true
				}
			}
		}
	}
	return false
}

// AddrLocs returns the places an address may denote.
func (m *Model) AddrLocs(addr ssa.Value) []Loc {
	set := make(map[Loc]bool)
	m.resolveAddr(addr, make(map[ssa.Value]bool), set)
	ls := make([]Loc, 0, len(set))
	for l := range set {
		ls = append(ls, l)
	}
	return ls
}

// Stores returns the places fn, or a function it calls statically, may
// store to.
func (m *Model) Stores(fn *ssa.Function) map[Loc]bool {
	m.storesMu.Lock()
	defer m.storesMu.Unlock()
	return m.computeStores(fn, m.stores)
}

// computeStores computes Stores(fn) into memo; a function in a call
// cycle sees the partial sets of the functions on the cycle. The sets are
// read-only once returned.
func (m *Model) computeStores(fn *ssa.Function, memo map[*ssa.Function]map[Loc]bool) map[Loc]bool {
	fn = origin(fn)
	if s, ok := memo[fn]; ok {
		return s
	}
	s := make(map[Loc]bool)
	memo[fn] = s
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Store:
				for _, l := range m.AddrLocs(in.Addr) {
					s[l] = true
				}
			case *ssa.Call, *ssa.Defer:
				if callee := in.(ssa.CallInstruction).Common().StaticCallee(); callee != nil && callee.Pkg == m.Pkg {
					for l := range m.computeStores(callee, memo) {
						s[l] = true
					}
				}
			}
		}
	}
	return s
}

// IsGuard reports whether the branch condition cond looks like a check of
// whether the channel was already closed, or of some state recorded with
// it: a load of a boolean variable or field, a load of a location the
// function stores, a call into sync/atomic, a call returning a bool, a
// select with a case receiving from the channel, a nil comparison of it.
func (w *Walk) IsGuard(cond ssa.Value) bool {
	return w.M.isGuard(cond, w.Fn, w.Chan, w.Loop)
}

func (m *Model) isGuard(cond ssa.Value, fn *ssa.Function, ch []Loc, loop bool) bool {
	seen := make(map[ssa.Value]bool)
	stores := m.Stores(fn)
	var visit func(v ssa.Value, depth int) bool
	visit = func(v ssa.Value, depth int) bool {
		if depth > 12 || seen[v] {
			return false
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.UnOp:
			switch x.Op {
			case token.MUL:
				if isBool(x.Type()) {
					return true
				}
				for _, l := range m.AddrLocs(x.X) {
					if stores[l] {
						return true
					}
				}
				return false
			case token.ARROW:
				// "v, ok := <-ch" decides nothing: both outcomes remain
				// possible. A plain receive in a condition is not a check.
				return false
			}
			return visit(x.X, depth+1)
		case *ssa.BinOp:
			if (x.Op == token.EQL || x.Op == token.NEQ) && (isNil(x.X) && isChanOf(m, x.Y, ch) || isNil(x.Y) && isChanOf(m, x.X, ch)) {
				return true
			}
			if (x.Op == token.EQL || x.Op == token.NEQ) && (isCounter(x.X) || isCounter(x.Y)) {
				return true // "if n == last { close(ch) }": a count reaches its mark once
			}
			if loop && (x.Op == token.EQL || x.Op == token.NEQ) && (isNonNilConst(x.X) || isNonNilConst(x.Y)) {
				return true
			}
			return visit(x.X, depth+1) || visit(x.Y, depth+1)
		case *ssa.Phi:
			for _, e := range x.Edges {
				if visit(e, depth+1) {
					return true
				}
			}
		case *ssa.Extract:
			if _, ok := x.Tuple.(*ssa.Call); ok && isBool(x.Type()) {
				return true // v, ok := m.LoadOrStore(...), x, ok := f()
			}
			return visit(x.Tuple, depth+1)
		case *ssa.Select:
			for _, st := range x.States {
				if Intersect(m.Locs(st.Chan), ch) {
					return true
				}
			}
		case *ssa.Call:
			if isAtomic(&x.Call) || isBool(x.Type()) {
				return true
			}
		case *ssa.ChangeType:
			return visit(x.X, depth+1)
		case *ssa.Convert:
			return visit(x.X, depth+1)
		case *ssa.Field:
			return visit(x.X, depth+1)
		}
		return false
	}
	return visit(cond, 0)
}

func isNonNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && !c.IsNil()
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

func isChanOf(m *Model, v ssa.Value, ch []Loc) bool {
	if _, ok := v.Type().Underlying().(*types.Chan); !ok {
		return false
	}
	return Intersect(m.Locs(v), ch)
}

// isAtomic reports whether call calls a function or method of sync/atomic.
func isAtomic(call *ssa.CallCommon) bool {
	if call.IsInvoke() {
		return false
	}
	fn := call.StaticCallee()
	if fn == nil {
		return false
	}
	if obj := fn.Object(); obj != nil && obj.Pkg() != nil {
		return obj.Pkg().Path() == "sync/atomic"
	}
	return fn.Pkg != nil && fn.Pkg.Pkg.Path() == "sync/atomic"
}

// isCounter reports whether v is an integer that a loop carries: a phi of
// integer type, or arithmetic on one.
func isCounter(v ssa.Value) bool {
	for range 4 {
		b, ok := v.Type().Underlying().(*types.Basic)
		if !ok || b.Info()&types.IsInteger == 0 {
			return false
		}
		switch x := v.(type) {
		case *ssa.Phi:
			return true
		case *ssa.BinOp:
			if _, ok := x.X.(*ssa.Const); ok {
				v = x.Y
			} else {
				v = x.X
			}
		case *ssa.Convert:
			v = x.X
		default:
			return false
		}
	}
	return false
}
