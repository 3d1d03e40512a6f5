package gosched

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "gosched",
	Doc:      analysisutil.Doc(doc, "gosched"),
	URL:      analysisutil.URL("gosched"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directive.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !analysisutil.Imports(pass.Pkg, "runtime") {
		return nil, nil
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	r := report.New(pass)
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !analysisutil.IsCallTo(pass.TypesInfo, call, "runtime", "Gosched") || analysisutil.IsTestFile(pass, call.Pos()) {
			continue
		}
		// Only a racy spin claims a failure; a spin on atomics is correct
		// synchronisation that burns a CPU, and any other Gosched is a hint
		// the checklist asks a reviewer to look at. A racy spin in test
		// support code or under a test switch is a review item too.
		emit := r.Review
		kind := spinKind(pass, cur)
		if kind == plainSpin && analysisutil.SupportOf(pass, call.Pos()) == analysisutil.NotSupport &&
			!analysisutil.UnderTestSwitch(pass.TypesInfo, cur) && !analysisutil.InTestHelper(pass.TypesInfo, cur) {
			emit = r.Report
		}
		switch kind {
		case plainSpin:
			emit(call, "busy-wait: this loop spins on its condition and yields with runtime.Gosched, burning a CPU until another goroutine changes it, and reading that state without synchronisation is a data race: block on a channel, sync.Cond or sync.WaitGroup instead",
				contract.GoschedUsesGlobalRunQueue, contract.AsyncPreemption)
		case atomicSpin:
			emit(call, "busy-wait: this loop spins until another goroutine changes an atomic value, yielding with runtime.Gosched and burning a CPU meanwhile (the yield lets anything run, in any order): block on a channel, sync.Cond or sync.WaitGroup instead",
				contract.GoschedUsesGlobalRunQueue, contract.AsyncPreemption)
		default:
			emit(call, "runtime.Gosched is only a hint: the goroutine stays runnable on the global run queue and may run again at once, so it orders nothing, and since Go 1.14 preemption is asynchronous; synchronise with a channel, mutex or WaitGroup instead",
				contract.GoschedUsesGlobalRunQueue, contract.AsyncPreemption)
		}
	}
	return nil, nil
}

// A spin is how a loop around a Gosched call waits.
type spin int

const (
	notSpin    spin = iota // the loop does work between yields
	plainSpin              // it re-reads ordinary variables: a data race
	atomicSpin             // it re-reads atomics: correct, but burns a CPU
)

// spinKind classifies the loop around the Gosched call at cur: a spin is a
// for loop whose body does nothing but test a condition, leave when it
// holds, and yield; the condition must only read state (variables, fields,
// atomic loads), not call functions that do work.
func spinKind(pass *analysis.Pass, cur inspector.Cursor) spin {
	stmt := cur.Parent()
	if _, ok := stmt.Node().(*ast.ExprStmt); !ok {
		return notSpin
	}
	block := stmt.Parent()
	if block.ParentEdgeKind() != edge.ForStmt_Body {
		return notSpin
	}
	loop := block.Parent().Node().(*ast.ForStmt)
	if loop.Post != nil {
		return notSpin // a counted loop of yields (a backoff), not a wait on another goroutine
	}
	var reads []ast.Expr
	if loop.Cond != nil {
		reads = append(reads, loop.Cond)
	}
	hasExit := loop.Cond != nil
	for _, s := range loop.Body.List {
		switch s := s.(type) {
		case *ast.ExprStmt:
			if s != stmt.Node() {
				return notSpin
			}
		case *ast.EmptyStmt:
		case *ast.AssignStmt: // v := x.Load()
			reads = append(reads, s.Rhs...)
		case *ast.IfStmt:
			if s.Else != nil || len(s.Body.List) != 1 || !leaves(s.Body.List[0]) {
				return notSpin
			}
			if init, ok := s.Init.(*ast.AssignStmt); ok {
				reads = append(reads, init.Rhs...)
			} else if s.Init != nil {
				return notSpin
			}
			reads = append(reads, s.Cond)
			hasExit = true
		default:
			return notSpin
		}
	}
	if !hasExit {
		return notSpin
	}
	kind, shared := plainSpin, false
	for _, e := range reads {
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				shared = shared || !isLocal(pass, loop, n)
			case *ast.StarExpr, *ast.IndexExpr:
				shared = true // memory reached through a pointer, slice or map
			case *ast.SelectorExpr:
				if sel, ok := pass.TypesInfo.Selections[n]; ok && sel.Kind() == types.FieldVal {
					shared = true
				}
			}
			return true
		})
		ok := true
		ast.Inspect(e, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if !isCall || !ok {
				return ok
			}
			if tv, isConv := pass.TypesInfo.Types[call.Fun]; isConv && tv.IsType() {
				return true // a conversion
			}
			fn := analysisutil.Callee(pass.TypesInfo, call)
			switch {
			case isAtomicLoad(fn):
				kind = atomicSpin
			case fn == nil:
				if _, builtin := pass.TypesInfo.Uses[calleeIdent(call)].(*types.Builtin); !builtin {
					ok = false // a call through a func value: could do anything
				}
			default:
				ok = false // a call that may do work
			}
			return ok
		})
		if !ok {
			return notSpin
		}
	}
	if !shared && kind != atomicSpin {
		return notSpin // only this goroutine's own variables: not a wait for another
	}
	return kind
}

// isLocal reports whether id is a variable declared in the function around
// loop and not captured by a func literal there, or is not a variable.
func isLocal(pass *analysis.Pass, loop *ast.ForStmt, id *ast.Ident) bool {
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() {
		return !ok // fields read shared state through their base
	}
	scope := v.Parent()
	if scope == nil || scope == types.Universe || scope.Parent() == types.Universe {
		return false // package level
	}
	// Declared in an enclosing function: shared if any func literal in the
	// file refers to it (a goroutine may write it).
	f := analysisutil.File(pass, loop.Pos())
	captured := false
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok || captured {
			return !captured
		}
		if lit.Pos() <= v.Pos() && v.Pos() < lit.End() {
			return true // declared inside this literal: not a capture by it
		}
		ast.Inspect(lit.Body, func(m ast.Node) bool {
			if mid, ok := m.(*ast.Ident); ok && pass.TypesInfo.Uses[mid] == v {
				captured = true
			}
			return !captured
		})
		return !captured
	})
	return !captured
}

func calleeIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := ast.Unparen(call.Fun).(*ast.Ident)
	return id
}

// isAtomicLoad reports whether fn is a sync/atomic load: a Load* function
// or the Load method of an atomic type.
func isAtomicLoad(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic" && strings.HasPrefix(fn.Name(), "Load")
}

func leaves(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.BREAK || s.Tok == token.GOTO
	}
	return false
}
