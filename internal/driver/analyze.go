package driver

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// DoneFunc is called after each package's analysis, from the goroutine
// that analyzed it, while the package still has its syntax and types, with
// the time its type-checking and analysis took. acts is nil for a package
// that was not analyzed (it does not type-check).
type DoneFunc func(i int, pkg *packages.Package, acts map[*analysis.Analyzer]*Action, elapsed time.Duration)

// Options tune AnalyzeWith.
type Options struct {
	Cache    *Cache    // read and keep results of unchanged packages (nil: none)
	Done     DoneFunc  // called for each package analyzed (nil: none)
	Progress *Progress // told when packages start and finish (nil: none)
	// Overlay replaces or adds file contents, by absolute file name: the
	// packages.Config.Overlay the packages were loaded with.
	Overlay map[string][]byte
}

// Analyze parses, type-checks and analyzes the packages to analyze, loaded
// with Load (or packages.Load in LoadMode), GOMAXPROCS at a time. Each
// package's parse and type errors are appended to its Errors (as
// go/packages does); its Syntax, Types and TypesInfo are set during its
// analysis and cleared after.
func Analyze(analyzers []*analysis.Analyzer, initial []*packages.Package) *Result {
	return AnalyzeWith(analyzers, initial, Options{})
}

// AnalyzeFunc is Analyze calling done after each package's analysis.
func AnalyzeFunc(analyzers []*analysis.Analyzer, initial []*packages.Package, done DoneFunc) *Result {
	return AnalyzeWith(analyzers, initial, Options{Done: done})
}

// AnalyzeWith is Analyze with options.
func AnalyzeWith(analyzers []*analysis.Analyzer, initial []*packages.Package, opts Options) *Result {
	l := newLoader(initial)
	l.overlay = opts.Overlay
	r := &Result{
		Fset:      l.fset,
		Analyzers: analyzers,
		Packages:  initial,
		Actions:   make([]map[*analysis.Analyzer]*Action, len(initial)),
		Skipped:   make([]string, len(initial)),
		loader:    l,
	}
	if opts.Overlay != nil {
		opts.Cache = nil // its keys hash the files on disk
	}
	keys := make([]string, len(initial))
	var todo []int
	for i, pkg := range initial {
		if opts.Cache != nil {
			if keys[i] = opts.Cache.key(pkg); keys[i] != "" {
				if acts, ok := opts.Cache.get(keys[i]); ok {
					r.Actions[i] = acts
					continue
				}
			}
		}
		todo = append(todo, i)
	}
	if p := opts.Progress; p != nil {
		p.total.Store(int64(len(initial)))
		p.done.Store(int64(len(initial) - len(todo)))
	}
	// Largest first: the long packages start early instead of ending
	// the run alone, and each runs beside small ones (see budget).
	sizes := make([]int64, len(initial))
	todoSizes := make([]int64, 0, len(todo))
	for _, i := range todo {
		sizes[i] = sourceSize(initial[i], opts.Overlay)
		todoSizes = append(todoSizes, sizes[i])
	}
	slices.SortStableFunc(todo, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })
	mem := newBudget(todoSizes)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for {
				n := int(next.Add(1) - 1)
				if n >= len(todo) {
					return
				}
				i := todo[n]
				mem.acquire(sizes[i])
				opts.Progress.start(initial[i].ID)
				r.analyze(i, opts.Done)
				opts.Progress.finish(initial[i].ID)
				mem.release(sizes[i])
				if pkg := initial[i]; keys[i] != "" && r.Skipped[i] == "" && len(pkg.Errors) == 0 {
					opts.Cache.put(keys[i], r.Actions[i])
				}
			}
		})
	}
	wg.Wait()
	return r
}

func (r *Result) analyze(i int, done DoneFunc) {
	t0 := time.Now()
	pkg := r.Packages[i]
	if broken := r.loader.typeCheck(pkg); broken != nil {
		r.Skipped[i] = skipReason(pkg, broken)
		if done != nil {
			done(i, pkg, nil, time.Since(t0))
		}
		free(pkg)
		return
	}
	graph, err := checker.Analyze(r.Analyzers, []*packages.Package{pkg}, nil)
	acts := map[*analysis.Analyzer]*Action{}
	if err == nil {
		for _, act := range graph.Roots {
			acts[act.Analyzer] = &Action{Analyzer: act.Analyzer, IsRoot: true, Diagnostics: act.Diagnostics, Diags: resolve(r.Fset, act.Diagnostics), Err: rootCause(act)}
		}
	} else {
		for _, a := range r.Analyzers {
			acts[a] = &Action{Analyzer: a, IsRoot: true, Err: err}
		}
	}
	if done != nil {
		done(i, pkg, acts, time.Since(t0))
	}
	for _, act := range acts {
		act.Diagnostics = nil // resolved into Diags
	}
	r.Actions[i] = acts
	free(pkg)
}

// free drops a package's syntax and types: only its diagnostics and errors
// are kept.
func free(pkg *packages.Package) {
	pkg.Syntax, pkg.Types, pkg.TypesInfo, pkg.TypeErrors = nil, nil, nil, nil
}

// rootCause is the error of an action, or of the first prerequisite that
// failed, named after the analyzer the user selected: a user never sees
// the names of internal passes.
func rootCause(act *checker.Action) error {
	if act.Err == nil {
		return nil
	}
	var find func(a *checker.Action) error
	seen := map[*checker.Action]bool{}
	find = func(a *checker.Action) error {
		if seen[a] {
			return nil
		}
		seen[a] = true
		for _, dep := range a.Deps {
			if err := find(dep); err != nil {
				return err
			}
		}
		return a.Err
	}
	for _, dep := range act.Deps {
		if err := find(dep); err != nil {
			return err
		}
	}
	return act.Err
}

// skipReason says why pkg was not analyzed.
func skipReason(pkg, broken *packages.Package) string {
	if broken == pkg {
		return "it does not type-check"
	}
	return fmt.Sprintf("it depends on %s, which does not type-check", broken.PkgPath)
}
