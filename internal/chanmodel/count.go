package chanmodel

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A count is how many times something can happen: a constant, plus
// symbolic terms (one per distinct trip count: len(items), n), or
// unbounded.
type count struct {
	k     int64
	terms map[symbol]int64
	inf   bool
}

// A symbol names a trip count or a buffer size the model cannot evaluate
// but can compare: len(x) for a value reached as x, or the value n.
type symbol struct {
	isLen bool
	root  ssa.Value
	steps string
}

func constCount(k int64) count { return count{k: k} }

func (c count) add(d count) count {
	out := count{k: c.k + d.k, inf: c.inf || d.inf}
	if len(c.terms)+len(d.terms) > 0 {
		out.terms = make(map[symbol]int64)
		for s, n := range c.terms {
			out.terms[s] += n
		}
		for s, n := range d.terms {
			out.terms[s] += n
		}
	}
	return out
}

// times multiplies c by a trip count.
func (c count) times(trip count) count {
	if c.isZero() || trip.isZero() {
		return count{}
	}
	switch {
	case c.inf || trip.inf:
		return count{inf: true}
	case len(trip.terms) == 0:
		out := count{k: c.k * trip.k}
		for s, n := range c.terms {
			if out.terms == nil {
				out.terms = make(map[symbol]int64)
			}
			out.terms[s] = n * trip.k
		}
		return out
	case len(c.terms) == 0 && trip.k == 0 && len(trip.terms) == 1:
		out := count{terms: make(map[symbol]int64)}
		for s, n := range trip.terms {
			out.terms[s] = n * c.k
		}
		return out
	}
	return count{inf: true}
}

func (c count) isZero() bool { return !c.inf && c.k == 0 && len(c.terms) == 0 }

// isConst reports whether c is a plain number.
func (c count) isConst() bool { return !c.inf && len(c.terms) == 0 }

// covers reports whether a buffer of size c surely holds total sends:
// both constant and c at least total, or the same symbolic size with no
// more than it.
func (c count) covers(total count) bool {
	if total.inf || c.inf {
		return false
	}
	if total.k > c.k && len(c.terms) == 0 {
		return false
	}
	for s, n := range total.terms {
		if c.terms[s] < n {
			return false
		}
	}
	return total.k <= c.k || len(c.terms) > 0 && total.k == 0
}

// exceeds reports whether total can surely be more than c + r: it is
// unbounded or has a symbolic part c does not match, or both are constant
// and it is larger.
func (total count) exceeds(c count, r int64) bool {
	if c.inf {
		return false
	}
	if total.inf {
		return true
	}
	if len(c.terms) > 0 {
		return false // a symbolic buffer: the check cannot compare
	}
	if len(total.terms) > 0 {
		return true
	}
	return total.k > c.k+r
}

// capOf returns the buffer size of a make(chan), as a count.
func (e *engine) capOf(mk *ssa.MakeChan) count {
	if k, ok := constInt(mk.Size); ok {
		return constCount(k)
	}
	if s, ok := e.symbolOf(mk.Size, mk.Parent()); ok {
		return count{terms: map[symbol]int64{s: 1}}
	}
	return count{inf: true}
}

// symbolOf names the value v of fn as a symbol: len(x), or the value.
func (e *engine) symbolOf(v ssa.Value, fn *ssa.Function) (symbol, bool) {
	for {
		cv, ok := v.(*ssa.Convert)
		if !ok {
			break
		}
		v = cv.X
	}
	if call, ok := v.(*ssa.Call); ok {
		if b, ok := call.Call.Value.(*ssa.Builtin); ok && b.Name() == "len" && len(call.Call.Args) == 1 {
			if a, ok := e.m.AccessIn(call.Call.Args[0], fn); ok {
				return symbol{isLen: true, root: a.Root, steps: a.Steps}, true
			}
			return symbol{isLen: true, root: call.Call.Args[0]}, true
		}
	}
	if a, ok := e.m.AccessIn(v, fn); ok {
		return symbol{root: a.Root, steps: a.Steps}, true
	}
	return symbol{root: v}, true
}

// tripOf returns how many times a loop's body runs: its range's length or
// its bound, or unbounded.
func (e *engine) tripOf(l *Loop) count {
	if l == nil {
		return constCount(1)
	}
	if l.Parent != nil {
		return count{inf: true}
	}
	iff, ok := l.Header.Instrs[len(l.Header.Instrs)-1].(*ssa.If)
	if !ok {
		return count{inf: true}
	}
	fn := l.Header.Parent()
	switch cond := iff.Cond.(type) {
	case *ssa.BinOp:
		if cond.Op != token.LSS || !inductive(cond.X, l) {
			break
		}
		if k, ok := constInt(cond.Y); ok {
			return constCount(k)
		}
		if s, ok := e.symbolOf(cond.Y, fn); ok {
			return count{terms: map[symbol]int64{s: 1}}
		}
	case *ssa.Extract:
		if next, ok := cond.Tuple.(*ssa.Next); ok && cond.Index == 0 {
			if r, ok := next.Iter.(*ssa.Range); ok {
				s := symbol{isLen: true, root: r.X}
				if a, ok := e.m.AccessIn(r.X, fn); ok {
					s = symbol{isLen: true, root: a.Root, steps: a.Steps}
				}
				return count{terms: map[symbol]int64{s: 1}}
			}
		}
	}
	return count{inf: true}
}

// inductive reports whether v is a loop counter of l counting up by one
// from zero (or, for a range over a slice, from -1 before the increment).
func inductive(v ssa.Value, l *Loop) bool {
	if b, ok := v.(*ssa.BinOp); ok && b.Op == token.ADD {
		if k, ok := constInt(b.Y); ok && k == 1 {
			v = b.X
		}
	}
	phi, ok := v.(*ssa.Phi)
	if !ok || phi.Block() != l.Header {
		return false
	}
	for i, edge := range phi.Edges {
		if l.Contains(phi.Block().Preds[i]) {
			continue
		}
		if k, ok := constInt(edge); !ok || k != 0 && k != -1 {
			return false
		}
	}
	return true
}
