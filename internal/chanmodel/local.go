package chanmodel

import (
	"sort"

	"golang.org/x/tools/go/ssa"
)

// A local protocol is a channel a function makes for the goroutines it
// starts: made in one function (the owner), never stored in a field, a
// package variable or a container, never handed to other packages. Every
// operation on it is then by the owner or by one of those goroutines, and
// the model can tell whether one side can leave the other waiting.
//
// The channel is followed by its make: a helper called by two goroutines
// with two channels (doubleSend(ch, err) and doubleSend(ch1, err)) sends
// on each in the goroutine that passes it.
type local struct {
	e      *engine
	owner  *ssa.Function
	mk     *ssa.MakeChan
	group  map[*ssa.MakeChan]bool // the channel, and those the owner's selects treat alike
	starts []*Start               // the goroutines the owner starts that use the group
	runs   map[*Op][]*Start       // who runs each operation (nil: the owner)
	own    []*Op                  // the owner's operations
	ops    map[*Start][]*Op
	cap    count
	memo   map[memoKey]count
}

type memoKey struct {
	fn   *ssa.Function
	s    *Start
	kind OpKind
}

// checkLocal looks for goroutines left waiting on the local channels of
// each function.
func (e *engine) checkLocal() {
	live := e.m.Live()
	cs := e.m.classSet()
	var makes []*ssa.MakeChan
	seen := make(map[*Chan]bool)
	for _, c := range cs.byRoot {
		if seen[c] || localOwner(c) == nil {
			continue
		}
		seen[c] = true
		makes = append(makes, c.Makes...)
	}
	sort.Slice(makes, func(i, j int) bool { return makes[i].Pos() < makes[j].Pos() })
	for _, mk := range makes {
		owner := mk.Parent()
		if !live[owner] || e.m.IsTest(owner) {
			continue
		}
		lp := &local{e: e, owner: owner, mk: mk, group: map[*ssa.MakeChan]bool{mk: true},
			runs: make(map[*Op][]*Start), ops: make(map[*Start][]*Op), memo: make(map[memoKey]count)}
		if lp.collect() {
			lp.check()
		}
	}
}

// localOwner returns the function that makes every channel of c when c
// is made of local protocols, or nil.
func localOwner(c *Chan) *ssa.Function {
	if c.Foreign || c.OutSend || c.OutRecv || c.OutClose || c.Timer || c.Done || len(c.ExtSenders) > 0 || len(c.Makes) == 0 {
		return nil
	}
	owner := c.Makes[0].Parent()
	for _, mk := range c.Makes {
		if mk.Parent() != owner {
			return nil
		}
	}
	for _, l := range c.Locs {
		if l.Kind != LocValue {
			return nil
		}
		p := l.Val.Parent()
		for p != nil && p != owner {
			p = p.Parent()
		}
		if p == nil {
			return nil
		}
	}
	return owner
}

// onGroup reports whether the channel value v may be one of the group.
func (lp *local) onGroup(v ssa.Value) bool {
	for _, l := range lp.e.m.Locs(v) {
		if l.Kind != LocValue {
			continue
		}
		switch x := l.Val.(type) {
		case *ssa.MakeChan:
			if lp.group[x] {
				return true
			}
		case *ssa.Alloc:
			for _, mk := range lp.e.m.storedMakes(x, 0) {
				if lp.group[mk] {
					return true
				}
			}
		}
	}
	return false
}

// collect finds the operations on the group and who runs them, and widens
// the group to the channels the owner's selects wait on beside it when
// they are local to the owner too. It reports false when an operation may
// run elsewhere.
func (lp *local) collect() bool {
	m := lp.e.m
	c := m.Class(lp.mk)
	if c == nil {
		return false
	}
	for _, op := range lp.opsOf(c) {
		sel := op.Select()
		if sel == nil || m.Party(op.Fn) != lp.owner || !lp.onGroup(op.Chan) {
			continue
		}
		for _, st := range sel.States {
			o := m.Class(st.Chan)
			if o == nil || o == c || localOwner(o) != lp.owner || len(o.Makes) != 1 {
				continue
			}
			if k := lp.e.capOf(o.Makes[0]); k.isConst() && lp.e.capOf(lp.mk).isConst() && k.k == lp.e.capOf(lp.mk).k {
				lp.group[o.Makes[0]] = true
			}
		}
	}
	// Each channel of the group has its own buffer.
	lp.cap = count{}
	for mk := range lp.group {
		lp.cap = lp.cap.add(lp.e.capOf(mk))
	}
	seen := make(map[*Op]bool)
	for mk := range lp.group {
		for _, op := range lp.opsOf(m.Class(mk)) {
			if seen[op] || !lp.onGroup(op.Chan) {
				continue
			}
			seen[op] = true
			runners, ok := lp.runners(op.Fn, op.Chan, 0)
			if !ok {
				return false
			}
			lp.runs[op] = runners
			for _, s := range runners {
				if s == nil {
					lp.own = append(lp.own, op)
					continue
				}
				if len(lp.ops[s]) == 0 {
					lp.starts = append(lp.starts, s)
				}
				lp.ops[s] = append(lp.ops[s], op)
			}
		}
	}
	sort.Slice(lp.starts, func(i, j int) bool { return lp.starts[i].Instr.Pos() < lp.starts[j].Instr.Pos() })
	return len(lp.starts) > 0
}

// runners returns who runs fn with the group's channel as ch: the owner
// (nil) or the goroutines it starts; ok is false when fn may run
// elsewhere.
func (lp *local) runners(fn *ssa.Function, ch ssa.Value, depth int) ([]*Start, bool) {
	m := lp.e.m
	p := m.Party(fn)
	if p == lp.owner {
		return []*Start{nil}, true
	}
	for _, s := range m.Starts {
		if s.Fn != nil && origin(s.Fn) == origin(p) && m.Party(s.Caller) == lp.owner {
			return []*Start{s}, true
		}
	}
	if p.Parent() != nil || m.Escapes(p) || depth > 3 {
		return nil, false
	}
	param := -1
	if fn == p {
		for i, x := range p.Params {
			if x == ch {
				param = i
			}
		}
	}
	var out []*Start
	for _, site := range m.Sites(p) {
		if _, isGo := site.(*ssa.Go); isGo {
			return nil, false // started elsewhere than by the owner
		}
		arg := ssa.Value(nil)
		if args := site.Common().Args; param >= 0 && param < len(args) {
			arg = args[param]
			if !lp.onGroup(arg) {
				continue // this call passes another channel
			}
		}
		rs, ok := lp.runners(site.Parent(), arg, depth+1)
		if !ok {
			return nil, false
		}
		out = append(out, rs...)
	}
	return out, len(out) > 0
}

// opsOf returns the live operations of a class outside test files.
func (lp *local) opsOf(c *Chan) []*Op {
	if c == nil {
		return nil
	}
	live := lp.e.m.Live()
	var out []*Op
	for _, list := range [][]*Op{c.Sends, c.Recvs, c.Closes} {
		for _, op := range list {
			if live[op.Fn] && !lp.e.m.IsTest(op.Instr) {
				out = append(out, op)
			}
		}
	}
	return out
}

// check tells which side the protocol can leave waiting.
func (lp *local) check() {
	kinds := func(ops []*Op) (send, recv, close bool) {
		for _, op := range ops {
			switch op.Kind {
			case Send:
				send = true
			case Recv:
				recv = true
			case Close:
				close = true
			}
		}
		return
	}
	oSend, oRecv, oClose := kinds(lp.own)
	var gSend, gRecv, gClose bool
	for _, s := range lp.starts {
		s1, r1, c1 := kinds(lp.ops[s])
		gSend, gRecv, gClose = gSend || s1, gRecv || r1, gClose || c1
	}
	if gSend && !gRecv && oRecv && !oSend {
		lp.sendersLeft()
	}
	if gRecv && !gSend && !gClose && !oRecv {
		lp.receiversLeft()
	}
	if (gSend || gClose) && !gRecv && oRecv && !oSend && !oClose {
		lp.ownerLeft()
	}
}

// hard reports whether an operation waits for its peer with no way out:
// a plain send or receive, or a select whose every case is on the group.
func (lp *local) hard(op *Op) bool {
	sel := op.Select()
	if sel == nil {
		return true
	}
	if !sel.Blocking {
		return false
	}
	for _, st := range sel.States {
		if !lp.onGroup(st.Chan) {
			return false
		}
	}
	return true
}
