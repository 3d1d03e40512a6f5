package directive

import (
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/analysis/facts/generated"
)

// Known lists the name of every rtlint analyzer, the names a directive may
// silence. TestKnownNames in internal/suite keeps it equal to the suite.
var Known = []string{
	"closeowner",
	"ctxblock",
	"deferloop",
	"directives",
	"doubleclose",
	"emptyselect",
	"finalizer",
	"golifecycle",
	"gomaxprocs",
	"gosched",
	"linkname",
	"lockthread",
	"poolcache",
	"proflabels",
	"timeafter",
	"unsaferuntime",
}

// IsKnown reports whether name is an rtlint analyzer.
func IsKnown(name string) bool { return slices.Contains(Known, name) }

// Analyzer builds a package's *Index: the suppression directives every
// rtlint analyzer consults before reporting, and the run's reporting tier
// (its "review" flag, which the command line's -review sets). It reports
// nothing; the directives analyzer reports malformed directives. It is an
// internal pass: its name never reaches users.
var Analyzer = newAnalyzer()

func newAnalyzer() *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:             "directiveindex",
		Doc:              "index the rtlint directives of a package (internal)",
		Requires:         []*analysis.Analyzer{generated.Analyzer},
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*Index](),
	}
	review := a.Flags.Bool("review", false, "report review-tier observations as well as findings")
	a.Run = func(pass *analysis.Pass) (any, error) {
		idx := NewIndex(pass.Fset, pass.Files, IsKnown)
		idx.Review = *review
		idx.Generated, _ = pass.ResultOf[generated.Analyzer].(map[string]generated.Generator)
		return idx, nil
	}
	return a
}

// SetReview sets the review mode of every analysis that follows (the
// -review flag of every entry point: the command, the driver, SARIF, the
// language server and the golangci-lint plugin).
func SetReview(on bool) {
	v := "false"
	if on {
		v = "true"
	}
	_ = Analyzer.Flags.Set("review", v)
}

// ReviewMode reports whether review mode is on.
func ReviewMode() bool {
	return Analyzer.Flags.Lookup("review").Value.String() == "true"
}
