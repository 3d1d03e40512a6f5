package closeowner

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/chanmodel"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

// Analyzer reports a channel closed by a receiver while others send on it.
var Analyzer = &analysis.Analyzer{
	Name:     "closeowner",
	Doc:      analysisutil.Doc(doc, "closeowner"),
	URL:      analysisutil.URL("closeowner"),
	Requires: []*analysis.Analyzer{chanmodel.Analyzer, directive.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	cf := pass.ResultOf[chanmodel.Analyzer].(*chanmodel.Model)
	if cf.Pkg == nil {
		return nil, nil
	}
	r := report.New(pass)
	var recvs, sends []*chanmodel.Op
	for _, op := range cf.Ops {
		switch op.Kind {
		case chanmodel.Recv:
			recvs = append(recvs, op)
		case chanmodel.Send:
			sends = append(sends, op)
		}
	}
	for _, cl := range cf.Ops {
		if cl.Kind != chanmodel.Close || analysisutil.IsTestFile(pass, cl.Pos) {
			continue
		}
		if ext := unstoppedNotify(cf, cl); ext != nil {
			reportNotify(r, pass, cf, cl, ext)
			continue
		}
		if len(sends) == 0 || len(recvs) == 0 {
			continue
		}
		locs := cf.Locs(cl.Chan)
		if len(locs) == 0 {
			continue
		}
		party := cf.Party(cl.Fn)
		fn, atExit := closingFunc(cf, cl)
		var recv *chanmodel.Op
		for _, op := range recvs {
			if op.Fn == fn && chanmodel.Intersect(locs, cf.Locs(op.Chan)) && closesEarly(op, cl, atExit) {
				recv = op
				break
			}
		}
		if recv == nil {
			continue
		}
		var others []*chanmodel.Op
		for _, op := range sends {
			p := cf.Party(op.Fn)
			if p != party && chanmodel.Intersect(locs, cf.Locs(op.Chan)) && !recovers(p) {
				others = append(others, op)
			}
		}
		if len(others) == 0 || waitsFirst(cl) || !atExit && drainsAfter(cf, cl, recvs, locs) {
			continue
		}
		var rng analysis.Range = posRange(cl.Pos)
		if n := cf.CloseCall(cl); n != nil {
			rng = n
		}
		ids := []contract.ID{contract.SendOnClosedChanPanics, contract.CloseWakesSendersToPanic}
		for _, op := range others {
			if _, ok := op.Instr.(*ssa.Select); ok {
				ids = append(ids, contract.SelectSendOnClosedChanPanics)
				break
			}
		}
		r.Report(rng, fmt.Sprintf("%s is closed by a goroutine that receives from it (line %d) while %s: a send after the close, or one already blocked, panics with \"send on closed channel\" in the sending goroutine; let the sender close the channel, or stop the senders with a separate done channel",
			cf.ChanText(cl), line(pass, recv.Pos), describeSends(pass, others)),
			ids...)
	}
	return nil, nil
}

// closingFunc returns the function in which the close happens and whether
// it happens when that function returns: "defer close(ch)", or a close in
// a deferred function literal.
func closingFunc(cf *chanmodel.Model, cl *chanmodel.Op) (*ssa.Function, bool) {
	if cl.Deferred {
		return cl.Fn, true
	}
	if lit := cl.Fn; lit.Parent() != nil && !cf.Escapes(lit) {
		sites := cf.Sites(lit)
		if len(sites) == 1 && sites[0].Parent() == lit.Parent() {
			if _, ok := sites[0].(*ssa.Defer); ok {
				return lit.Parent(), true
			}
		}
	}
	return cl.Fn, false
}

// closesEarly reports whether the close can run while the receive loop
// holding recv is still being served: the receive is in a loop, and the
// close is inside that loop or reached by leaving the loop early, through
// a break or return in its body rather than through the loop's own exit
// (its condition, or the channel being closed under range). A single
// receive (a handshake) and a loop that runs to its end, such as one
// receive per sender, are not early: the senders are done.
func closesEarly(recv, cl *chanmodel.Op, atExit bool) bool {
	loop := cycleOf(recv.Block())
	if loop == nil {
		return false
	}
	isTarget := func(b *ssa.BasicBlock) bool {
		if atExit {
			_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			return ok
		}
		return b == cl.Block()
	}
	if !atExit && loop[cl.Block()] {
		return true // closed while the loop goes on
	}
	// Headers: loop blocks entered from outside the loop. Their exits are
	// the loop's own.
	header := make(map[*ssa.BasicBlock]bool)
	for b := range loop {
		for _, p := range b.Preds {
			if !loop[p] && !dispatchesSelect(b) {
				header[b] = true
			}
		}
	}
	var early []*ssa.BasicBlock
	for b := range loop {
		if header[b] {
			continue
		}
		for _, s := range b.Succs {
			if !loop[s] {
				early = append(early, s)
			}
		}
	}
	seen := make(map[*ssa.BasicBlock]bool)
	for len(early) > 0 {
		b := early[len(early)-1]
		early = early[:len(early)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if isTarget(b) {
			return true
		}
		early = append(early, b.Succs...)
	}
	return false
}

// dispatchesSelect reports whether b ends by branching on which case of a
// select was chosen: leaving the loop there is a case's choice, not the
// loop's own exit.
func dispatchesSelect(b *ssa.BasicBlock) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	ex, ok := cmp.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return false
	}
	_, ok = ex.Tuple.(*ssa.Select)
	return ok
}

// cycleOf returns the blocks of the strongly connected component holding
// b, or nil when b is in no cycle.
func cycleOf(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	fwd := reach(b, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Succs })
	bwd := reach(b, func(x *ssa.BasicBlock) []*ssa.BasicBlock { return x.Preds })
	scc := make(map[*ssa.BasicBlock]bool)
	for x := range fwd {
		if bwd[x] {
			scc[x] = true
		}
	}
	for _, s := range b.Succs {
		if scc[s] {
			return scc
		}
	}
	return nil
}

// reach returns the blocks reachable from b (b itself only through a cycle).
func reach(b *ssa.BasicBlock, next func(*ssa.BasicBlock) []*ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), next(b)...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, next(x)...)
	}
	return seen
}

// describeSends names where the sends are: "(*S).produce sends on it
// (pool.go:42)", "... and 2 other places".
func describeSends(pass *analysis.Pass, sends []*chanmodel.Op) string {
	s := sends[0]
	p := pass.Fset.Position(s.Pos)
	text := fmt.Sprintf("%s sends on it (%s:%d)", funcName(s.Fn), filepath.Base(p.Filename), p.Line)
	switch n := len(sends) - 1; {
	case n == 1:
		text += " and so does 1 other place"
	case n > 1:
		text += fmt.Sprintf(" and so do %d other places", n)
	}
	return text
}

// funcName names the function holding a send for a message.
func funcName(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return "a goroutine in " + funcName(topLevel(fn))
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		ptr := false
		if p, ok := t.(*types.Pointer); ok {
			t, ptr = p.Elem(), true
		}
		name := types.TypeString(t, func(*types.Package) string { return "" })
		if i := strings.IndexByte(name, '['); i >= 0 {
			name = name[:i]
		}
		if ptr {
			return "(*" + name + ")." + fn.Name()
		}
		return name + "." + fn.Name()
	}
	return fn.Name()
}

func topLevel(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// waitsFirst reports whether the closing function waits for a
// sync.WaitGroup (or an errgroup.Group) before the close: the senders it
// waits for have finished.
func waitsFirst(cl *chanmodel.Op) bool {
	b := cl.Block()
	for _, blk := range cl.Fn.Blocks {
		if !blk.Dominates(b) {
			continue
		}
		for _, instr := range blk.Instrs {
			if instr == cl.Instr {
				break
			}
			c, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if fn := c.Call.StaticCallee(); fn != nil && fn.Name() == "Wait" {
				if obj, ok := fn.Object().(*types.Func); ok {
					switch obj.FullName() {
					case "(*sync.WaitGroup).Wait", "(*golang.org/x/sync/errgroup.Group).Wait":
						return true
					}
				}
			}
		}
	}
	return false
}

// drainsAfter reports whether the closing function ranges over the channel
// after closing it, to drain what is buffered: the close-then-drain shape
// of a consumer that has been told the senders are done.
func drainsAfter(cf *chanmodel.Model, cl *chanmodel.Op, recvs []*chanmodel.Op, locs []chanmodel.Loc) bool {
	after := reach(cl.Block(), func(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Succs })
	for _, op := range recvs {
		if op.Fn != cl.Fn || !after[op.Block()] || cycleOf(op.Block()) == nil {
			continue
		}
		if u, ok := op.Instr.(*ssa.UnOp); ok && u.CommaOk && chanmodel.Intersect(locs, cf.Locs(op.Chan)) {
			return true
		}
	}
	return false
}

// recovers reports whether fn defers a function that calls recover: its
// sends are expected to panic on a closed channel and recover.
func recovers(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			callee := d.Call.StaticCallee()
			if callee == nil {
				continue
			}
			for _, cb := range callee.Blocks {
				for _, ci := range cb.Instrs {
					if c, ok := ci.(*ssa.Call); ok {
						if bi, ok := c.Call.Value.(*ssa.Builtin); ok && bi.Name() == "recover" {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

func line(pass *analysis.Pass, pos token.Pos) int { return pass.Fset.Position(pos).Line }

type posRange token.Pos

func (p posRange) Pos() token.Pos { return token.Pos(p) }
func (p posRange) End() token.Pos { return token.Pos(p) }
