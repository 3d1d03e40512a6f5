package directives

import (
	_ "embed"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/directive"
)

//go:embed doc.go
var doc string

// Analyzer parses the rtlint directives of a package; its result is the
// *directive.Index every rtlint analyzer consults before reporting.
var Analyzer = &analysis.Analyzer{
	Name:             "directives",
	Doc:              analysisutil.Doc(doc, "directives"),
	URL:              analysisutil.URL("directives"),
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*directive.Index](),
}

// Known lists the name of every rtlint analyzer, the names a directive may
// silence. TestKnownNames in the suite keeps it equal to the suite.
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

func isKnown(name string) bool { return slices.Contains(Known, name) }

func run(pass *analysis.Pass) (any, error) {
	idx := directive.NewIndex(pass.Fset, pass.Files, isKnown)
	for _, p := range idx.Problems {
		pass.Report(analysis.Diagnostic{Pos: p.Pos, End: p.End, Message: p.Message})
	}
	return idx, nil
}
