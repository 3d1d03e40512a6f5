package ctxblock

import (
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/rtlint/rtlint/internal/goflow"
)

// abandoned covers the two other ways a function abandons the goroutines
// it starts to send it a result on an unbuffered channel it made, when it
// is the only receiver (every receive is in its own body):
//
//   - the goroutines are started in a loop and the function receives a
//     bounded number of times (no receive in a loop): all but that many
//     senders block for good (first-result-wins without a buffer);
//   - a path leads from the go statement to a return without a receive
//     (an early return on error): the sender blocks for good.
func (c *checker) abandoned(o *goflow.Op, ch *goflow.Chan) *evidence {
	lit, ok := o.Func.(*ast.FuncLit)
	if !ok || !unbuffered(ch) || len(ch.Recvs) == 0 {
		return nil
	}
	start := c.goLits[lit]
	if start == nil {
		return nil
	}
	gs, ok := start.Node.(*ast.GoStmt)
	if !ok {
		return nil
	}
	gcur, ok := goflow.EnclosingFunc(start.Cur)
	if !ok {
		return nil
	}
	owner := gcur.Node()
	for _, m := range ch.Makes {
		if m.Pos < owner.Pos() || owner.End() < m.Pos {
			return nil
		}
	}
	for _, r := range ch.Recvs {
		if r.Func != owner {
			return nil
		}
	}
	if loop := loopAround(start.Cur, owner); loop != nil {
		for _, r := range ch.Recvs {
			if r.Looped {
				return nil
			}
		}
		return &evidence{loop: loop, recvs: len(ch.Recvs), owner: owner}
	}
	var body *ast.BlockStmt
	switch f := owner.(type) {
	case *ast.FuncLit:
		body = f.Body
	case *ast.FuncDecl:
		body = f.Body
	}
	if ret := c.returnWithoutReceive(body, gs, ch); ret != nil {
		return &evidence{ret: ret, owner: owner}
	}
	return nil
}

// loopAround returns the innermost loop of owner around cur, or nil.
func loopAround(cur inspector.Cursor, owner ast.Node) ast.Stmt {
	for e := range cur.Parent().Enclosing() {
		switch n := e.Node().(type) {
		case *ast.ForStmt:
			return n
		case *ast.RangeStmt:
			return n
		}
		if e.Node() == owner {
			break
		}
	}
	return nil
}

// returnWithoutReceive returns a return statement of body reachable from
// the go statement gs without passing a receive from ch (or a select with
// one), or nil.
func (c *checker) returnWithoutReceive(body *ast.BlockStmt, gs *ast.GoStmt, ch *goflow.Chan) *ast.ReturnStmt {
	if body == nil {
		return nil
	}
	g := cfg.New(body, func(call *ast.CallExpr) bool { return !c.isExit(call) })
	receives := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok || found {
				return false
			}
			if o := c.idx.OpOf[n]; o != nil && o.Kind != goflow.Send && c.idx.Chan(o.Key) == ch {
				found = true
			}
			return !found
		})
		return found
	}
	seen := make([]bool, len(g.Blocks))
	var visit func(b *cfg.Block, from int) *ast.ReturnStmt
	visit = func(b *cfg.Block, from int) *ast.ReturnStmt {
		for _, n := range b.Nodes[from:] {
			if receives(n) {
				return nil
			}
		}
		if b.Kind == cfg.KindRangeLoop {
			if o := c.idx.OpOf[b.Stmt]; o != nil && c.idx.Chan(o.Key) == ch {
				return nil
			}
		}
		if ret := b.Return(); ret != nil {
			return ret
		}
		for _, s := range b.Succs {
			if !seen[s.Index] {
				seen[s.Index] = true
				if ret := visit(s, 0); ret != nil {
					return ret
				}
			}
		}
		return nil
	}
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == gs {
				seen[b.Index] = true
				return visit(b, i+1)
			}
		}
	}
	return nil
}
