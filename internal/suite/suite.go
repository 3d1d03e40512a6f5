// Package suite lists every rtlint analyzer. The command, the golangci-lint
// plugin and the language server all take their analyzers from here.
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/analyzers/closeowner"
	"github.com/rtlint/rtlint/analyzers/ctxblock"
	"github.com/rtlint/rtlint/analyzers/deferloop"
	"github.com/rtlint/rtlint/analyzers/directives"
	"github.com/rtlint/rtlint/analyzers/doubleclose"
	"github.com/rtlint/rtlint/analyzers/emptyselect"
	"github.com/rtlint/rtlint/analyzers/finalizer"
	"github.com/rtlint/rtlint/analyzers/golifecycle"
	"github.com/rtlint/rtlint/analyzers/gomaxprocs"
	"github.com/rtlint/rtlint/analyzers/gosched"
	"github.com/rtlint/rtlint/analyzers/linkname"
	"github.com/rtlint/rtlint/analyzers/lockthread"
	"github.com/rtlint/rtlint/analyzers/poolcache"
	"github.com/rtlint/rtlint/analyzers/proflabels"
	"github.com/rtlint/rtlint/analyzers/timeafter"
	"github.com/rtlint/rtlint/analyzers/unsaferuntime"
)

// Analyzers returns the rtlint analyzers, sorted by name. The slice is new
// on each call; the analyzers are shared.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		closeowner.Analyzer,
		ctxblock.Analyzer,
		deferloop.Analyzer,
		directives.Analyzer,
		doubleclose.Analyzer,
		emptyselect.Analyzer,
		finalizer.Analyzer,
		golifecycle.Analyzer,
		gomaxprocs.Analyzer,
		gosched.Analyzer,
		linkname.Analyzer,
		lockthread.Analyzer,
		poolcache.Analyzer,
		proflabels.Analyzer,
		timeafter.Analyzer,
		unsaferuntime.Analyzer,
	}
}
