package chanmodel

import (
	"go/ast"
	"go/token"
	"regexp"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// intent matches a comment saying that a goroutine is meant to live as
// long as the process, or a wait to last for ever: "fine to let it exit
// with the process", "runs for the lifetime of the program", "blocks
// forever on purpose", "never returns". A comment that only describes a
// hazard ("blocks forever if nobody reads") does not count.
var intent = regexp.MustCompile(`(?i)(exits? with the (process|program)|(lives?|runs?|lasts?) (as long as|for the (whole |entire )?(life|lifetime|duration) of) the (process|program|binary|application)|(process|program)[- ]lifetime|(intentional(ly)?|deliberate(ly)?|on purpose|by design|meant to)\b.{0,40}\b(forever|for ever|never|block|leak|run|live|exit)|\b(forever|for ever|blocks?|leaks?)\b.{0,40}\b(intentional(ly)?|deliberate(ly)?|on purpose|by design)|never (returns|exits|terminates))`)

// IntentAt reports whether a comment ending on pos's line or on one of the
// two lines above it, or doc, says that what happens there is meant to
// last as long as the process: the analyzers then make a finding there a
// review-tier observation.
func IntentAt(pass *analysis.Pass, pos token.Pos, doc *ast.CommentGroup) bool {
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
		text := cg.Text()
		if analysisutil.IsExpectation(text) {
			continue // a test's expectation, not the author's intent
		}
		if end >= line-2 && end <= line && intent.MatchString(text) {
			return true
		}
		if pass.Fset.Position(cg.Pos()).Line > line {
			break
		}
	}
	return false
}
