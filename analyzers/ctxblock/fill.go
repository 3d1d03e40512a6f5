package ctxblock

import (
	"go/ast"

	"golang.org/x/tools/go/cfg"

	"github.com/rtlint/rtlint/internal/goflow"
)

// canFill reports whether the sends on a channel can fill its buffer. An
// unbuffered channel always can. A buffer of constant size n can when no
// send is in a loop and more than n of them can run: counting, per
// function, the most sends on one path through it (so that
//
//	if err != nil { c <- err; return }
//	c <- v
//
// counts one). A buffer of non-constant size, or sends in loops, are
// taken to fit: the check cannot count them. (A function with one send
// that is called many times counts once: a miss, not a false report.)
func (c *checker) canFill(ch *goflow.Chan) bool {
	maxCap := 0
	for _, m := range ch.Makes {
		if m.Cap < 0 {
			return false
		}
		maxCap = max(maxCap, m.Cap)
	}
	if maxCap == 0 {
		return true
	}
	byFunc := make(map[ast.Node]bool)
	for _, s := range ch.Sends {
		if s.Repeated {
			return false
		}
		byFunc[s.Func] = true
	}
	n := 0
	for fn := range byFunc {
		n += c.maxSendsOnPath(fn, ch)
	}
	return n > maxCap
}

// maxSendsOnPath returns the largest number of sends on ch (a select
// with send cases on it counting one) along a path through fn, whose
// sends are not in loops.
func (c *checker) maxSendsOnPath(fn ast.Node, ch *goflow.Chan) int {
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncLit:
		body = fn.Body
	case *ast.FuncDecl:
		body = fn.Body
	}
	if body == nil {
		return 0
	}
	g := cfg.New(body, func(call *ast.CallExpr) bool { return !c.isExit(call) })
	weight := make([]int, len(g.Blocks))
	for _, b := range g.Blocks {
		selects := make(map[*ast.SelectStmt]bool)
		for _, n := range b.Nodes {
			ast.Inspect(n, func(n ast.Node) bool {
				if _, ok := n.(*ast.FuncLit); ok {
					return false
				}
				o := c.idx.OpOf[n]
				if o == nil || o.Kind != goflow.Send || c.idx.Chan(o.Key) != ch {
					return true
				}
				if o.Select == nil {
					weight[b.Index]++
				} else if !selects[o.Select] {
					selects[o.Select] = true
					weight[b.Index]++
				}
				return true
			})
		}
	}
	// Longest path by weight; back edges (into a block on the DFS stack)
	// close loops, which hold no sends here, and are ignored.
	memo := make([]int, len(g.Blocks))
	state := make([]uint8, len(g.Blocks)) // 0 new, 1 on stack, 2 done
	var visit func(b *cfg.Block) int
	visit = func(b *cfg.Block) int {
		switch state[b.Index] {
		case 1:
			return 0
		case 2:
			return memo[b.Index]
		}
		state[b.Index] = 1
		best := 0
		for _, s := range b.Succs {
			best = max(best, visit(s))
		}
		state[b.Index] = 2
		memo[b.Index] = weight[b.Index] + best
		return memo[b.Index]
	}
	return visit(g.Blocks[0])
}
