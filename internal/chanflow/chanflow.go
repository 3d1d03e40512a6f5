// Package chanflow is the channel model shared by the closeowner and
// doubleclose analyzers: it builds SSA for a package that closes a channel,
// lists the package's channel operations (close, send, receive), and tells
// which of them may or must concern the same channel.
//
// Channel identity is flow-based, not name-based. A channel is identified
// by where it lives: a struct field (any value of the struct type), a
// package-level variable, a local variable shared by closures, or the
// make(chan) that created it, followed through closure captures, phi nodes,
// conversions and the call sites of unexported functions and non-escaping
// function literals.
//
// SSA is built here rather than required from buildssa: buildssa requires
// ctrlflow, whose facts make every driver load the syntax of every
// dependency, and most packages close no channel at all, so this analyzer
// builds SSA only for the packages that do.
package chanflow

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"
)

// Analyzer computes the channel model of a package. Its result is a
// *Result; Result.Pkg is nil when the package closes no channel.
var Analyzer = &analysis.Analyzer{
	Name:       "chanflow",
	Doc:        "build SSA for packages that close channels and index their channel operations",
	URL:        "https://pkg.go.dev/github.com/rtlint/rtlint/internal/chanflow",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
}

// OpKind says what a channel operation does.
type OpKind int

const (
	Close OpKind = iota
	Send
	Recv
)

// An Op is one channel operation in the source.
type Op struct {
	Kind OpKind
	// Instr is the instruction: *ssa.Call, *ssa.Defer or *ssa.Go for a
	// close; *ssa.Send or *ssa.Select for a send; *ssa.UnOp or *ssa.Select
	// for a receive.
	Instr ssa.Instruction
	Chan  ssa.Value // the channel operand
	Fn    *ssa.Function
	Pos   token.Pos
	// Deferred marks "defer close(ch)"; Async marks "go close(ch)".
	Deferred, Async bool
}

// Block is the basic block holding the operation.
func (op *Op) Block() *ssa.BasicBlock { return op.Instr.Block() }

// Result is the channel model of one package.
type Result struct {
	Pkg   *ssa.Package    // nil when the package closes no channel
	Funcs []*ssa.Function // source functions and their literals, in source order
	Ops   []*Op           // channel operations, in Funcs order

	bindings map[*ssa.Function][]*ssa.MakeClosure
	sites    map[*ssa.Function][]ssa.CallInstruction // static call sites
	escapes  map[*ssa.Function]bool                  // used other than as a callee
	// The analyzers that use a Result run concurrently: the memos that
	// fill lazily are guarded.
	mu       sync.Mutex                     // guards locs
	locs     map[ssa.Value][]Loc            // memo of Locs
	storesMu sync.Mutex                     // guards stores
	stores   map[*ssa.Function]map[Loc]bool // locations a function stores, with its static callees
	byFn     map[*ssa.Function][]*Op
	onceArgs map[*ssa.Function]bool      // functions handed to a sync.Once
	calls    map[token.Pos]*ast.CallExpr // close calls by Lparen
}

func run(pass *analysis.Pass) (any, error) {
	calls := closeCalls(pass)
	if len(calls) == 0 {
		return &Result{}, nil
	}
	prog := ssa.NewProgram(pass.Fset, 0)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	r := &Result{
		Pkg:      pkg,
		bindings: make(map[*ssa.Function][]*ssa.MakeClosure),
		sites:    make(map[*ssa.Function][]ssa.CallInstruction),
		escapes:  make(map[*ssa.Function]bool),
		locs:     make(map[ssa.Value][]Loc),
		stores:   make(map[*ssa.Function]map[Loc]bool),
		byFn:     make(map[*ssa.Function][]*Op),
		calls:    calls,
		onceArgs: make(map[*ssa.Function]bool),
	}
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		r.Funcs = append(r.Funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	for _, file := range pass.Files {
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
	if init := pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs { // literals in package-level initializers
			add(anon)
		}
	}
	for _, f := range r.Funcs {
		r.index(f)
	}
	return r, nil
}

// closeCalls returns the package's calls of the close builtin by the
// position of their left parenthesis (the position SSA records). Calls in
// test files are left out: the analyzers do not report there, so a
// package that closes channels only in its tests needs no SSA.
func closeCalls(pass *analysis.Pass) map[token.Pos]*ast.CallExpr {
	closeObj := types.Universe.Lookup("close")
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var calls map[token.Pos]*ast.CallExpr
	for cur := range insp.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == closeObj && !isTestFile(pass, call.Pos()) {
			if calls == nil {
				calls = make(map[token.Pos]*ast.CallExpr)
			}
			calls[call.Lparen] = call
		}
	}
	return calls
}

func isTestFile(pass *analysis.Pass, pos token.Pos) bool {
	return strings.HasSuffix(pass.Fset.Position(pos).Filename, "_test.go")
}

// Node returns the syntax of a close operation (the call expression), or
// nil.
func (r *Result) Node(op *Op) ast.Node {
	if op.Kind != Close {
		return nil
	}
	if call := r.calls[op.Pos]; call != nil {
		return call
	}
	return nil
}

// ChanText renders the channel a close closes as the source writes it:
// "jobs", "s.done".
func (r *Result) ChanText(op *Op) string {
	if call, ok := r.Node(op).(*ast.CallExpr); ok && len(call.Args) == 1 {
		return types.ExprString(ast.Unparen(call.Args[0]))
	}
	return "the channel"
}

// IsClose reports whether call calls the close builtin.
func IsClose(call *ssa.CallCommon) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Object() == types.Universe.Lookup("close") && len(call.Args) == 1
}

func (r *Result) index(f *ssa.Function) {
	for _, b := range f.Blocks {
		for _, instr := range b.Instrs {
			r.indexCalls(instr)
			var op *Op
			switch in := instr.(type) {
			case *ssa.Call:
				if IsClose(&in.Call) {
					op = &Op{Kind: Close, Chan: in.Call.Args[0], Pos: in.Call.Pos()}
				}
			case *ssa.Defer:
				if IsClose(&in.Call) {
					op = &Op{Kind: Close, Chan: in.Call.Args[0], Pos: in.Call.Pos(), Deferred: true}
				}
			case *ssa.Go:
				if IsClose(&in.Call) {
					op = &Op{Kind: Close, Chan: in.Call.Args[0], Pos: in.Call.Pos(), Async: true}
				}
			case *ssa.Send:
				op = &Op{Kind: Send, Chan: in.Chan, Pos: in.Pos()}
			case *ssa.UnOp:
				if in.Op == token.ARROW {
					op = &Op{Kind: Recv, Chan: in.X, Pos: in.Pos()}
				}
			case *ssa.Select:
				for _, st := range in.States {
					k := Recv
					if st.Dir == types.SendOnly {
						k = Send
					}
					r.addOp(f, &Op{Kind: k, Instr: in, Chan: st.Chan, Pos: st.Pos})
				}
			case *ssa.MakeClosure:
				fn := in.Fn.(*ssa.Function)
				r.bindings[fn] = append(r.bindings[fn], in)
			}
			if c, ok := instr.(ssa.CallInstruction); ok {
				if arg := onceArg(c.Common()); arg != nil {
					if g := funcOf(arg); g != nil {
						r.onceArgs[origin(g)] = true
					}
				}
			}
			if op != nil {
				op.Instr = instr
				r.addOp(f, op)
			}
		}
	}
}

func (r *Result) addOp(f *ssa.Function, op *Op) {
	op.Fn = f
	if op.Pos == token.NoPos {
		op.Pos = op.Instr.Pos()
	}
	r.Ops = append(r.Ops, op)
	r.byFn[f] = append(r.byFn[f], op)
}

// OpsOf returns the channel operations in f.
func (r *Result) OpsOf(f *ssa.Function) []*Op { return r.byFn[f] }

// indexCalls records static call sites and functions used as values.
func (r *Result) indexCalls(instr ssa.Instruction) {
	var callee ssa.Value
	if c, ok := instr.(ssa.CallInstruction); ok {
		common := c.Common()
		callee = common.Value
		if fn := common.StaticCallee(); fn != nil {
			fn = origin(fn)
			r.sites[fn] = append(r.sites[fn], c)
		}
	}
	var buf [8]*ssa.Value
	for _, p := range instr.Operands(buf[:0]) {
		if p == nil || *p == nil || *p == callee {
			continue
		}
		switch v := (*p).(type) {
		case *ssa.Function:
			if _, isMC := instr.(*ssa.MakeClosure); !isMC {
				r.escapes[origin(v)] = true
			}
		case *ssa.MakeClosure:
			r.escapes[origin(v.Fn.(*ssa.Function))] = true
		}
	}
}

func origin(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

// Escapes reports whether fn may be called from code this package does not
// show: it is exported, a method, or used as a value.
func (r *Result) Escapes(fn *ssa.Function) bool {
	fn = origin(fn)
	if r.escapes[fn] {
		return true
	}
	if fn.Parent() != nil {
		return false // a literal only ever called where it is written
	}
	if fn.Signature.Recv() != nil {
		return true // interfaces may call methods
	}
	obj := fn.Object()
	return obj == nil || obj.Exported() || fn.Name() == "main" || fn.Name() == "init"
}

// Sites returns the static call sites of fn in the package.
func (r *Result) Sites(fn *ssa.Function) []ssa.CallInstruction { return r.sites[origin(fn)] }

// Bindings returns the closures that create the function literal fn.
func (r *Result) Bindings(fn *ssa.Function) []*ssa.MakeClosure { return r.bindings[fn] }

// Party returns the function whose goroutine runs the code of fn: fn
// itself, or for a function literal that is only called, deferred, or
// invoked in place (never started with go nor passed around), the party
// of the function that declares it.
func (r *Result) Party(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil && !r.Escapes(fn) {
		sites := r.Sites(fn)
		if len(sites) == 0 {
			break
		}
		for _, s := range sites {
			if _, ok := s.(*ssa.Go); ok || s.Parent() != fn.Parent() {
				return fn
			}
		}
		fn = fn.Parent()
	}
	return fn
}
