package golifecycle

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/chanmodel"
)

// statesIntent reports whether a comment at the goroutine's start (on its
// line or the lines just above) or the doc comment of the function it runs
// says it is meant to live as long as the process.
func statesIntent(pass *analysis.Pass, s *chanmodel.Start) bool {
	var doc *ast.CommentGroup
	if s.Fn != nil && !s.Lit() {
		if fd, ok := s.Fn.Syntax().(*ast.FuncDecl); ok {
			doc = fd.Doc
		}
	}
	return chanmodel.IntentAt(pass, s.Node.Pos(), doc)
}
