package golifecycle

import (
	"go/ast"
	"go/token"
	"regexp"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/chanmodel"
)

// intent matches a comment saying that a goroutine is meant to live as
// long as the process, or a wait to last for ever: "fine to let it exit
// with the process", "runs for the lifetime of the program", "blocks
// forever", "never returns".
var intent = regexp.MustCompile(`(?i)(exits? with the (process|program)|(live|run|last)s? (as long as|for the (whole )?(life|lifetime|duration) of) the (process|program|binary)|(process|program)[- ]lifetime|(run|block|wait|live)s? (forever|for ever)|never (returns|exits|stops|ends|terminates)|until the (process|program) exits|by design|on purpose|intentional(ly)?|deliberate(ly)?)`)

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
	return commentSays(pass, s.Node.Pos(), doc)
}

// commentSays reports whether a comment ending on pos's line or on one of
// the two lines above it, or doc, states the intent.
func commentSays(pass *analysis.Pass, pos token.Pos, doc *ast.CommentGroup) bool {
	if doc != nil && intent.MatchString(doc.Text()) {
		return true
	}
	f := analysisutil.File(pass, pos)
	if f == nil {
		return false
	}
	line := pass.Fset.Position(pos).Line
	for _, cg := range f.Comments {
		end := pass.Fset.Position(cg.End()).Line
		if end >= line-2 && end <= line && intent.MatchString(cg.Text()) {
			return true
		}
		if pass.Fset.Position(cg.Pos()).Line > line {
			break
		}
	}
	return false
}
