package analysisutil

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
)

// PanicMarker is in the error of every analysis Safe caught panicking.
const PanicMarker = " panicked on package "

// Safe returns copies of analyzers (and of those they require)
// whose Run turns a panic into an error naming the analyzer and the
// package, with the stack: the checker runs analyzers in its own
// goroutines, where a panic would end the process (the LSP server, while
// the user types half-typed code) or go uncounted (the robustness runs,
// which look for PanicMarker in analysis errors). Each copy runs the original's Run
// on a pass that looks exactly as the original expects: pass.Analyzer is
// the original, and pass.ResultOf is keyed by the original analyzers, so
// that `pass.ResultOf[directives.Analyzer]` finds its result. The originals
// are not modified.
func Safe(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	return SafeWith(analyzers, nil)
}

// SafeWith is Safe, calling prepare (unless nil) on each pass before the
// original Run sees it: the LSP server points pass.ReadFile at the
// editor's unsaved text, which the checker cannot be told about.
func SafeWith(analyzers []*analysis.Analyzer, prepare func(*analysis.Pass)) []*analysis.Analyzer {
	copies := map[*analysis.Analyzer]*analysis.Analyzer{}
	original := map[*analysis.Analyzer]*analysis.Analyzer{}
	var cp func(a *analysis.Analyzer) *analysis.Analyzer
	cp = func(a *analysis.Analyzer) *analysis.Analyzer {
		if c, ok := copies[a]; ok {
			return c
		}
		c := &analysis.Analyzer{
			Name:             a.Name,
			Doc:              a.Doc,
			URL:              a.URL,
			RunDespiteErrors: a.RunDespiteErrors,
			ResultType:       a.ResultType,
			FactTypes:        a.FactTypes,
		}
		copies[a], original[c] = c, a
		for _, r := range a.Requires {
			c.Requires = append(c.Requires, cp(r))
		}
		run := a.Run
		c.Run = func(pass *analysis.Pass) (result any, err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("analyzer %s%s%s: %v\n%s", a.Name, PanicMarker, pass.Pkg.Path(), p, debug.Stack())
				}
			}()
			p := *pass
			p.Analyzer = a
			p.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
			for k, v := range pass.ResultOf {
				p.ResultOf[original[k]] = v
			}
			if prepare != nil {
				prepare(&p)
			}
			return run(&p)
		}
		return c
	}
	out := make([]*analysis.Analyzer, len(analyzers))
	for i, a := range analyzers {
		out[i] = cp(a)
	}
	return out
}
