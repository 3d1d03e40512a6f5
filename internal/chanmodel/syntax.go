package chanmodel

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/directive"
)

// syntax is what one pass over the syntax finds before any SSA is built:
// whether the package's non-test files can hold anything to report (they
// use a channel, or start a goroutine and review mode is on), and the
// nodes the SSA positions lead back to.
type syntax struct {
	relevant bool
	files    []*ast.File // the non-test files
	// closes maps a close call's left parenthesis (the position SSA
	// records) to the call.
	closes map[token.Pos]*ast.CallExpr
	// ranges holds the For of each range statement over a channel (the
	// position SSA gives the receive of the loop).
	ranges map[token.Pos]*ast.RangeStmt
	// gos maps a go statement's position to it; goCalls maps the left
	// parenthesis of a call to a method that starts its argument as a
	// goroutine (WaitGroup.Go) to the call.
	gos     map[token.Pos]*ast.GoStmt
	goCalls map[token.Pos]*ast.CallExpr
	// chans maps the position SSA gives a send or receive (the arrow, or
	// a range's For) to the channel expression.
	chans map[token.Pos]ast.Expr
	// calls maps the left parenthesis of every call expression to it, for
	// messages that quote a call (filled on first use: see callAt).
	callsOnce sync.Once
	calls     map[token.Pos]*ast.CallExpr
}

func scan(pass *analysis.Pass, insp *inspector.Inspector) *syntax {
	s := &syntax{
		closes:  make(map[token.Pos]*ast.CallExpr),
		ranges:  make(map[token.Pos]*ast.RangeStmt),
		gos:     make(map[token.Pos]*ast.GoStmt),
		goCalls: make(map[token.Pos]*ast.CallExpr),
		chans:   make(map[token.Pos]ast.Expr),
	}
	test := make(map[*ast.File]bool)
	for _, f := range pass.Files {
		if strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
			test[f] = true
		} else {
			s.files = append(s.files, f)
		}
	}
	if len(s.files) == 0 {
		return s
	}
	info := pass.TypesInfo
	closeObj := types.Universe.Lookup("close")
	isChan := func(e ast.Expr) bool {
		t := info.TypeOf(e)
		if t == nil {
			return false
		}
		_, ok := t.Underlying().(*types.Chan)
		return ok
	}
	filter := []ast.Node{
		(*ast.File)(nil), (*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil),
		(*ast.SelectStmt)(nil), (*ast.CallExpr)(nil), (*ast.GoStmt)(nil),
	}
	var ops, starts bool
	insp.Nodes(filter, func(n ast.Node, push bool) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.File:
			return !test[n]
		case *ast.SendStmt:
			ops = true
			s.chans[n.Arrow] = n.Chan
		case *ast.SelectStmt:
			ops = true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ops = true
				s.chans[n.OpPos] = n.X
			}
		case *ast.RangeStmt:
			if isChan(n.X) {
				ops = true
				s.ranges[n.For] = n
				s.chans[n.For] = n.X
			}
		case *ast.GoStmt:
			starts = true
			s.gos[n.Go] = n
		case *ast.CallExpr:
			switch fun := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				if info.Uses[fun] == closeObj {
					ops = true
					s.closes[n.Lparen] = n
				}
			case *ast.SelectorExpr:
				if (fun.Sel.Name == "Go" || fun.Sel.Name == "TryGo") && len(n.Args) == 1 {
					s.goCalls[n.Lparen] = n // confirmed on SSA, by the callee
					starts = true
				}
			}
		}
		return true
	})
	// Without a channel operation, what can be reported is a goroutine
	// that never ends because a loop has no way out, and with no channel
	// nothing in the package starts it once per event: a review-tier
	// observation, so outside review mode the package needs no model.
	s.relevant = ops || starts && directive.ReviewMode()
	return s
}

// callAt returns the call expression whose left parenthesis is at pos, or
// nil.
func (s *syntax) callAt(pos token.Pos) *ast.CallExpr {
	s.callsOnce.Do(func() {
		s.calls = make(map[token.Pos]*ast.CallExpr)
		for _, f := range s.files {
			ast.Inspect(f, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok {
					s.calls[c.Lparen] = c
				}
				return true
			})
		}
	})
	return s.calls[pos]
}

// isTest reports whether pos is in one of the package's test files.
func (s *syntax) isTest(pass *analysis.Pass, pos token.Pos) bool {
	return strings.HasSuffix(pass.Fset.Position(pos).Filename, "_test.go")
}
