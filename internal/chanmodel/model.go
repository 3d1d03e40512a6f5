// Package chanmodel is the one channel model of rtlint: the goroutine-leak
// checks (golifecycle, ctxblock) and the close checks (closeowner,
// doubleclose) all read it. It builds SSA for the non-test files of a
// package that uses channels or starts goroutines, and indexes:
//
//   - the channel operations (send, receive, range, select cases, close)
//     and the goroutine starts (go statements, sync.WaitGroup.Go,
//     errgroup.Group.Go, and the package's own spawners);
//   - where a channel value may come from (Locs: a make, a struct field,
//     a package-level variable, an element of a container, a parameter),
//     followed through phis, closures, calls and returns of the package;
//   - channel classes: the Locs that may hold the same channels, with
//     what is known of them as a whole (their makes and buffers, every
//     operation on them, and whether code outside the package may send
//     on, close or receive from them);
//   - which functions can run at all, which run under a sync.Once, and
//     the paths between instructions (Walk) for the path-sensitive checks.
//
// The leak facts the golifecycle and ctxblock analyzers report are
// computed from the model on first use (Leaks).
//
// SSA is built here rather than required from buildssa: buildssa requires
// ctrlflow, whose facts make every driver load the syntax of every
// dependency, and most packages use no channel at all, so this analyzer
// builds SSA only for those that do, and only for their non-test files:
// none of the checks reports in a test file. Of the imported packages it
// creates only the members the package names (see newProgram).
package chanmodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/rtlint/rtlint/internal/analysisutil"
)

// Analyzer computes the channel model of a package. Its result is a
// *Model; Model.Pkg is nil when the package's non-test files neither use a
// channel nor start a goroutine, and outside review mode when they start
// goroutines but use no channel (see scan).
var Analyzer = &analysis.Analyzer{
	Name:       "chanmodel",
	Doc:        "build SSA for packages that use channels or start goroutines, and model their channels",
	URL:        "https://pkg.go.dev/github.com/rtlint/rtlint/internal/chanmodel",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Model](),
}

// Model is the channel model of one package. The analyzers that read it
// run concurrently: what it computes lazily is guarded.
type Model struct {
	Pass   *analysis.Pass
	Pkg    *ssa.Package    // nil when there is nothing to model
	Funcs  []*ssa.Function // source functions and their literals, in source order
	Ops    []*Op           // channel operations, in Funcs order
	Starts []*Start        // goroutine starts, in Funcs order

	syn      *syntax
	byFn     map[*ssa.Function][]*Op
	startsIn map[*ssa.Function][]*Start
	startOf  map[ssa.Instruction]*Start
	calls    *callIndex

	mu     sync.Mutex          // guards locs
	locs   map[ssa.Value][]Loc // memo of Locs
	intern map[Loc]*Loc        // canonical containers of element Locs

	storesMu sync.Mutex                     // guards stores
	stores   map[*ssa.Function]map[Loc]bool // locations a function stores, with its static callees

	classesOnce sync.Once
	classes     *classes

	liveOnce sync.Once
	live     map[*ssa.Function]bool

	leaksOnce sync.Once
	leaks     []*Leak

	trapsOnce sync.Once
	traps     []*Trap

	flowMu sync.Mutex
	flows  map[*ssa.Function]*flow

	visibleOnce sync.Once
	visible     map[*types.Named]bool
	ownersOnce  sync.Once
	owners      map[*types.Var]*types.Named
}

func run(pass *analysis.Pass) (any, error) {
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	syn := scan(pass, insp)
	m := &Model{Pass: pass, syn: syn}
	if !syn.relevant {
		return m, nil
	}
	// The package initializer must not run initializers of variables
	// declared in the test files, which are left out.
	info := *pass.TypesInfo
	if len(syn.files) < len(pass.Files) {
		info.InitOrder = nil
		for _, init := range pass.TypesInfo.InitOrder {
			if len(init.Lhs) > 0 && !syn.isTest(pass, init.Lhs[0].Pos()) {
				info.InitOrder = append(info.InitOrder, init)
			}
		}
	}
	pkg, err := newProgram(pass, syn, &info)
	if err != nil {
		return nil, fmt.Errorf("chanmodel: building SSA for %s: %v", pass.Pkg.Path(), err)
	}
	m.Pkg = pkg
	prog := pkg.Prog

	m.byFn = make(map[*ssa.Function][]*Op)
	m.startsIn = make(map[*ssa.Function][]*Start)
	m.startOf = make(map[ssa.Instruction]*Start)
	m.locs = make(map[ssa.Value][]Loc)
	m.intern = make(map[Loc]*Loc)
	m.stores = make(map[*ssa.Function]map[Loc]bool)
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		m.Funcs = append(m.Funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range syn.files {
		for _, decl := range file.Decls {
			if decl, ok := decl.(*ast.FuncDecl); ok {
				if obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
					if f := prog.FuncValue(obj); f != nil && f.Blocks != nil {
						add(f)
					}
				}
			}
		}
	}
	if init := m.Pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs { // literals in package-level initializers
			add(anon)
		}
	}
	m.calls = indexCalls(m)
	for _, f := range m.Funcs {
		m.index(f)
	}
	m.findStarts()
	// The classes and what runs are the model's: build them here, not in the
	// first analyzer that asks.
	m.classSet()
	m.Live()
	return m, nil
}

// OpsOf returns the channel operations in f.
func (m *Model) OpsOf(f *ssa.Function) []*Op { return m.byFn[f] }

// StartsIn returns the goroutine starts in f.
func (m *Model) StartsIn(f *ssa.Function) []*Start { return m.startsIn[f] }

// StartOf returns the start an instruction performs, or nil.
func (m *Model) StartOf(instr ssa.Instruction) *Start { return m.startOf[instr] }

// IsTest reports whether pos is in a test file.
func (m *Model) IsTest(pos interface{ Pos() token.Pos }) bool {
	return analysisutil.IsTestFile(m.Pass, pos.Pos())
}
