package gosched

import (
	_ "embed"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/rtlint/rtlint/analyzers/directives"
	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/report"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "gosched",
	Doc:      analysisutil.Doc(doc, "gosched"),
	URL:      analysisutil.URL("gosched"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, directives.Analyzer},
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
		if isSpin(cur) {
			r.Report(call, "busy-wait: this loop spins on its condition and yields with runtime.Gosched, burning a CPU until another goroutine changes it, and reading that state without synchronisation is a data race: block on a channel, sync.Cond or sync.WaitGroup instead",
				contract.GoschedUsesGlobalRunQueue, contract.AsyncPreemption)
			continue
		}
		r.Report(call, "runtime.Gosched is only a hint: the goroutine stays runnable on the global run queue and may run again at once, so it orders nothing, and since Go 1.14 preemption is asynchronous; synchronise with a channel, mutex or WaitGroup instead",
			contract.GoschedUsesGlobalRunQueue, contract.AsyncPreemption)
	}
	return nil, nil
}

// isSpin reports whether the Gosched call at cur is a statement of a for
// loop body that does nothing but wait: its other statements only test a
// condition and leave the loop.
func isSpin(cur inspector.Cursor) bool {
	stmt := cur.Parent()
	if _, ok := stmt.Node().(*ast.ExprStmt); !ok {
		return false
	}
	block := stmt.Parent()
	if block.ParentEdgeKind() != edge.ForStmt_Body {
		return false
	}
	loop := block.Parent().Node().(*ast.ForStmt)
	hasExit := loop.Cond != nil
	for _, s := range loop.Body.List {
		switch s := s.(type) {
		case *ast.ExprStmt:
			if s != stmt.Node() {
				return false
			}
		case *ast.EmptyStmt:
		case *ast.IfStmt:
			if s.Init != nil || s.Else != nil || len(s.Body.List) != 1 || !leaves(s.Body.List[0]) {
				return false
			}
			hasExit = true
		default:
			return false
		}
	}
	return hasExit
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
