// Package robust runs the rtlint analyzers over large bodies of code (the
// Go tree, real modules, the Go test suite's single-file programs) and
// counts what must never happen: panics, internal errors, hangs. Its tests
// are the CI part (a representative sample) and the full run (set
// the robustfull build tag; see bench/README.md).
package robust

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/driver"
)

// Safe is analysisutil.Safe: copies of analyzers whose panics become
// errors, which Summary counts as panics.
func Safe(analyzers []*analysis.Analyzer) []*analysis.Analyzer { return analysisutil.Safe(analyzers) }

// Summary counts what a run saw.
type Summary struct {
	mu          sync.Mutex
	Packages    int      // packages analyzed
	IllTyped    int      // of which did not type-check (analyzers skipped)
	Lines       int      // lines of Go in the packages analyzed
	Diagnostics int      // findings reported
	Panics      []string // analyzer panics, with package and stack
	Errors      []string // other analyzer errors (internal errors)
	Slow        []string // packages whose analysis took longer than SlowAfter
}

// SlowAfter is how long one package's analysis may take before it is
// listed as slow.
const SlowAfter = 60 * time.Second

func (s *Summary) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("%d packages (%d ill-typed, skipped), %d lines, %d findings, %d panics, %d internal errors, %d slow packages",
		s.Packages, s.IllTyped, s.Lines, s.Diagnostics, len(s.Panics), len(s.Errors), len(s.Slow))
}

// Add merges t into s.
func (s *Summary) Add(t *Summary) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Packages += t.Packages
	s.IllTyped += t.IllTyped
	s.Lines += t.Lines
	s.Diagnostics += t.Diagnostics
	s.Panics = append(s.Panics, t.Panics...)
	s.Errors = append(s.Errors, t.Errors...)
	s.Slow = append(s.Slow, t.Slow...)
}

// record files the outcome of one package's actions.
func (s *Summary) record(id string, illTyped bool, lines int, elapsed time.Duration, acts []*checker.Action) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Packages++
	s.Lines += lines
	if illTyped {
		s.IllTyped++
	}
	if elapsed > SlowAfter {
		s.Slow = append(s.Slow, fmt.Sprintf("%s: %v", id, elapsed.Round(time.Second)))
	}
	for _, act := range acts {
		if act.IsRoot {
			s.Diagnostics += len(act.Diagnostics)
		}
		s.classify(id, act.Err)
	}
}

func (s *Summary) classify(id string, err error) {
	if err == nil {
		return
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, analysisutil.PanicMarker):
		s.Panics = append(s.Panics, id+": "+msg)
	case msg == "analysis skipped due to errors in package",
		strings.HasPrefix(msg, "failed prerequisites: "):
		// A consequence: of ill-typed input, or of an error counted
		// where it happened.
	default:
		s.Errors = append(s.Errors, id+": "+msg)
	}
}

// Load lists the packages matching patterns in dir for the streaming
// driver; env is added to the environment.
func Load(dir string, env []string, tests bool, patterns ...string) ([]*packages.Package, error) {
	cfg := &packages.Config{Mode: driver.LoadMode, Tests: tests, Dir: dir, Env: append(os.Environ(), env...)}
	return packages.Load(cfg, patterns...)
}

// Packages analyzes packages loaded by Load with every analyzer, made
// Safe, and returns what it saw. A watchdog writes all goroutine stacks to
// stderr and fails the run if no package completes for stall.
func Packages(analyzers []*analysis.Analyzer, pkgs []*packages.Package, stall time.Duration) (*Summary, error) {
	s := new(Summary)
	if len(pkgs) == 0 {
		return s, nil
	}
	safe := Safe(analyzers)
	var last atomic.Int64
	last.Store(time.Now().UnixNano())
	var started sync.Map // package ID -> start time
	stop := make(chan struct{})
	stalled := make(chan string, 1)
	go func() {
		tick := time.NewTicker(stall / 10)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if time.Since(time.Unix(0, last.Load())) > stall {
					var busy []string
					started.Range(func(k, v any) bool {
						busy = append(busy, fmt.Sprintf("%s (%v)", k, time.Since(v.(time.Time)).Round(time.Second)))
						return true
					})
					sort.Strings(busy)
					_ = pprof.Lookup("goroutine").WriteTo(os.Stderr, 2)
					stalled <- strings.Join(busy, ", ")
					return
				}
			}
		}
	}()
	done := make(chan *driver.Result, 1)
	go func() {
		done <- driver.AnalyzeFunc(safe, pkgs, func(i int, pkg *packages.Package, acts map[*analysis.Analyzer]*driver.Action, elapsed time.Duration) {
			last.Store(time.Now().UnixNano())
			started.Delete(pkg.ID)
			if i+1 < len(pkgs) {
				started.LoadOrStore(pkgs[i+1].ID, time.Now()) // roughly: workers take packages in order
			}
			var list []*checker.Action
			for _, a := range acts {
				list = append(list, &checker.Action{Analyzer: a.Analyzer, IsRoot: a.IsRoot, Diagnostics: a.Diagnostics, Err: a.Err})
			}
			s.record(pkg.ID, pkg.IllTyped, lines(pkg), elapsed, list)
		})
	}()
	select {
	case <-done:
		close(stop)
		return s, nil
	case busy := <-stalled:
		return s, fmt.Errorf("no package finished for %v; in progress: %s", stall, busy)
	}
}

func lines(pkg *packages.Package) int {
	n := 0
	for _, f := range pkg.Syntax {
		if tf := pkg.Fset.File(f.FileStart); tf != nil {
			n += tf.LineCount()
		}
	}
	return n
}

// SingleFile is a Go file analyzed as a package of its own, as the Go
// test suite's programs are.
type SingleFile struct {
	Fset  *token.FileSet
	File  *ast.File
	Types *types.Package
	Info  *types.Info
	Sizes types.Sizes
}

// Files analyzes single-file packages, GOMAXPROCS at a time, with every
// analyzer made Safe. Each one taking longer than SlowAfter is listed.
func Files(analyzers []*analysis.Analyzer, files []*SingleFile, workers int) *Summary {
	s := new(Summary)
	safe := Safe(analyzers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				f := files[i]
				name := f.Fset.File(f.File.FileStart).Name()
				pkg := &packages.Package{
					ID: name, Name: f.Types.Name(), PkgPath: f.Types.Path(),
					GoFiles: []string{name}, CompiledGoFiles: []string{name},
					Fset: f.Fset, Syntax: []*ast.File{f.File}, Types: f.Types, TypesInfo: f.Info, TypesSizes: f.Sizes,
				}
				t0 := time.Now()
				graph, err := checker.Analyze(safe, []*packages.Package{pkg}, nil)
				if err != nil {
					s.mu.Lock()
					s.Errors = append(s.Errors, name+": "+err.Error())
					s.mu.Unlock()
					continue
				}
				var acts []*checker.Action
				for act := range graph.All() {
					acts = append(acts, act)
				}
				s.record(name, false, f.Fset.File(f.File.FileStart).LineCount(), time.Since(t0), acts)
			}
		})
	}
	wg.Wait()
	return s
}
