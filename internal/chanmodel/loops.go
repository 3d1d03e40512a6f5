package chanmodel

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// A Loop is a natural loop of a function: the blocks that reach a back
// edge to Header without passing through it.
type Loop struct {
	Header *ssa.BasicBlock
	Blocks []bool // by block index
	Parent *Loop  // the innermost loop around this one
}

// Contains reports whether b is in the loop.
func (l *Loop) Contains(b *ssa.BasicBlock) bool {
	return l != nil && b.Index < len(l.Blocks) && l.Blocks[b.Index]
}

// EarlyExit returns a block outside the loop that a block of the loop
// other than its header leads to (a return, a break or a goto in the
// body), or nil. Exits from the header are the loop's own: its condition,
// or the end of the range; so are exits from a block that also goes back
// to the header (a loop whose test SSA puts at the bottom, as for range
// over an int).
func (l *Loop) EarlyExit() *ssa.BasicBlock { return l.EarlyExitAvoiding(nil) }

// EarlyExitAvoiding is EarlyExit for exits that skip reports false for.
func (l *Loop) EarlyExitAvoiding(skip func(*ssa.BasicBlock) bool) *ssa.BasicBlock {
	for i, in := range l.Blocks {
		if !in {
			continue
		}
		b := l.Header.Parent().Blocks[i]
		if b == l.Header || l.isLatch(b) {
			continue
		}
		for _, s := range b.Succs {
			if !l.Contains(s) && !endsInPanic(s) && (skip == nil || !skip(s)) {
				return s // (a panic ends the goroutine, not just the loop)
			}
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && (skip == nil || !skip(b)) {
			return b
		}
	}
	return nil
}

// isLatch reports whether b tests the loop's condition at the bottom: it
// branches both back to the header and out of the loop.
func (l *Loop) isLatch(b *ssa.BasicBlock) bool {
	back, out := false, false
	for _, s := range b.Succs {
		if s == l.Header {
			back = true
		} else if !l.Contains(s) {
			out = true
		}
	}
	if !back || !out {
		return false
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	return ok && (isCounter(cmp.X) || isCounter(cmp.Y))
}

// CountedExits reports whether every way out of the loop other than its
// header is taken on a test of a counter the loop carries (if n--; n == 0
// { return }): the loop stops once it has counted all it waits for, not
// early.
func (l *Loop) CountedExits() bool {
	fn := l.Header.Parent()
	found := false
	for i, in := range l.Blocks {
		if !in {
			continue
		}
		b := fn.Blocks[i]
		if b == l.Header || l.isLatch(b) {
			continue
		}
		for si, s := range b.Succs {
			if l.Contains(s) {
				continue
			}
			iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
			if !ok || si != 0 {
				return false
			}
			cmp, ok := iff.Cond.(*ssa.BinOp)
			if !ok || !isCounter(cmp.X) && !isCounter(cmp.Y) {
				return false
			}
			found = true
		}
		if isReturn(b) {
			// A return inside the loop's blocks: reached only through
			// an exit edge checked above.
			continue
		}
	}
	return found
}

// flow is what the model knows of one function's control flow.
type flow struct {
	loops  []*Loop
	loopOf []*Loop // innermost loop of each block, by index
}

// Flow returns the loops of fn.
func (m *Model) loopsOf(fn *ssa.Function) *flow {
	m.flowMu.Lock()
	defer m.flowMu.Unlock()
	if f, ok := m.flows[fn]; ok {
		return f
	}
	f := computeFlow(fn)
	if m.flows == nil {
		m.flows = make(map[*ssa.Function]*flow)
	}
	m.flows[fn] = f
	return f
}

// LoopOf returns the innermost loop of fn holding b, or nil.
func (m *Model) LoopOf(b *ssa.BasicBlock) *Loop {
	f := m.loopsOf(b.Parent())
	if b.Index >= len(f.loopOf) {
		return nil
	}
	return f.loopOf[b.Index]
}

// maxLoopBlocks bounds the functions whose loops are computed.
const maxLoopBlocks = 5000

func computeFlow(fn *ssa.Function) *flow {
	n := len(fn.Blocks)
	f := &flow{loopOf: make([]*Loop, n)}
	if n == 0 || n > maxLoopBlocks {
		return f
	}
	byHeader := make(map[*ssa.BasicBlock]*Loop)
	for _, b := range fn.Blocks {
		for _, s := range b.Succs {
			if !s.Dominates(b) {
				continue
			}
			// b -> s is a back edge: s heads a loop holding b.
			l := byHeader[s]
			if l == nil {
				l = &Loop{Header: s, Blocks: make([]bool, n)}
				l.Blocks[s.Index] = true
				byHeader[s] = l
				f.loops = append(f.loops, l)
			}
			stack := []*ssa.BasicBlock{b}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.Blocks[x.Index] {
					continue
				}
				l.Blocks[x.Index] = true
				stack = append(stack, x.Preds...)
			}
		}
	}
	// Nesting: the innermost loop of a block is the smallest holding it.
	size := func(l *Loop) int {
		k := 0
		for _, in := range l.Blocks {
			if in {
				k++
			}
		}
		return k
	}
	sizes := make(map[*Loop]int, len(f.loops))
	for _, l := range f.loops {
		sizes[l] = size(l)
	}
	for _, l := range f.loops {
		for _, o := range f.loops {
			if o != l && o.Blocks[l.Header.Index] && sizes[o] > sizes[l] && (l.Parent == nil || sizes[o] < sizes[l.Parent]) {
				l.Parent = o
			}
		}
	}
	for i := range n {
		for _, l := range f.loops {
			if l.Blocks[i] && (f.loopOf[i] == nil || sizes[l] < sizes[f.loopOf[i]]) {
				f.loopOf[i] = l
			}
		}
	}
	return f
}

// InLoop reports whether instr can run more than once per call of its
// function.
func (m *Model) InLoop(instr ssa.Instruction) bool { return m.LoopOf(instr.Block()) != nil }

// isExit reports whether the block ends the function normally.
func isReturn(b *ssa.BasicBlock) bool {
	_, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
	return ok
}

// endsInPanic reports whether the block ends the goroutine abnormally: a
// panic, or a call that never returns.
func endsInPanic(b *ssa.BasicBlock) bool {
	if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic); ok {
		return true
	}
	for _, instr := range b.Instrs {
		if NoReturn(instr) {
			return true
		}
	}
	return false
}

// indexIn returns the index of instr in its block.
func indexIn(instr ssa.Instruction) int {
	for i, x := range instr.Block().Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// Line returns the line of pos.
func (m *Model) Line(pos token.Pos) int { return m.Pass.Fset.Position(pos).Line }

// LoopPos returns the position of the innermost for or range statement
// around pos in the source, or pos.
func (m *Model) LoopPos(pos token.Pos) token.Pos {
	f := analysisutil.File(m.Pass, pos)
	if f == nil {
		return pos
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	for _, n := range path {
		switch n := n.(type) {
		case *ast.ForStmt:
			return n.For
		case *ast.RangeStmt:
			return n.For
		case *ast.FuncLit, *ast.FuncDecl:
			return pos
		}
	}
	return pos
}
