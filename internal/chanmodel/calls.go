package chanmodel

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// callIndex records who calls the functions of the package.
type callIndex struct {
	sites    map[*ssa.Function][]ssa.CallInstruction // static call sites
	bindings map[*ssa.Function][]*ssa.MakeClosure
	valued   map[*ssa.Function]bool // used other than as a callee
	// indirect records calls of a function literal (or function) passed
	// as an argument to a function of the package that calls that
	// parameter: wait(done) inside WaitFor(func(...){...}, ...).
	indirect map[*ssa.Function][]ssa.CallInstruction
	onceArgs map[*ssa.Function]bool // functions handed to a sync.Once
	// ifaceCallable holds the methods code may reach through an
	// interface: the type was converted to one here, or is visible to
	// other packages.
	ifaceCallable map[*ssa.Function]bool
	// invokes maps method names to the interface calls of them.
	invokes map[string][]ssa.CallInstruction
}

func indexCalls(m *Model) *callIndex {
	x := &callIndex{
		sites:         make(map[*ssa.Function][]ssa.CallInstruction),
		bindings:      make(map[*ssa.Function][]*ssa.MakeClosure),
		valued:        make(map[*ssa.Function]bool),
		indirect:      make(map[*ssa.Function][]ssa.CallInstruction),
		onceArgs:      make(map[*ssa.Function]bool),
		ifaceCallable: make(map[*ssa.Function]bool),
		invokes:       make(map[string][]ssa.CallInstruction),
	}
	var converted typeutil.Map
	paramCalls := make(map[*ssa.Parameter][]ssa.CallInstruction)
	// The package initializer too: a package-level variable may hold a
	// function (a command's Run) or call one.
	for _, f := range m.allFuncs() {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				x.record(instr)
				switch in := instr.(type) {
				case *ssa.MakeInterface:
					converted.Set(in.X.Type(), true)
				case ssa.CallInstruction:
					if p, ok := in.Common().Value.(*ssa.Parameter); ok && !in.Common().IsInvoke() {
						paramCalls[p] = append(paramCalls[p], in)
					}
					if in.Common().IsInvoke() {
						name := in.Common().Method.Name()
						x.invokes[name] = append(x.invokes[name], in)
					}
				}
			}
		}
	}
	// A function passed to a parameter its callee calls is called there.
	for callee, sites := range x.sites {
		for _, s := range sites {
			for i, a := range s.Common().Args {
				g := funcOf(a)
				if g == nil || i >= len(callee.Params) {
					continue
				}
				x.indirect[origin(g)] = append(x.indirect[origin(g)], paramCalls[callee.Params[i]]...)
			}
		}
	}
	// Methods reachable through interfaces.
	names := ifaceMethodNames(m.Pass.Pkg)
	mark := func(t types.Type) {
		mset := m.Pkg.Prog.MethodSets.MethodSet(t)
		for i := range mset.Len() {
			obj := mset.At(i).Obj().(*types.Func)
			if obj.Exported() || names[obj.Name()] {
				if fn := m.Pkg.Prog.FuncValue(obj.Origin()); fn != nil {
					x.ifaceCallable[fn] = true
				}
			}
		}
	}
	converted.Iterate(func(t types.Type, _ any) {
		mark(t)
		if _, isPtr := t.Underlying().(*types.Pointer); !isPtr {
			if _, isIface := t.Underlying().(*types.Interface); !isIface {
				mark(types.NewPointer(t))
			}
		}
	})
	if m.Pass.Pkg.Name() != "main" {
		for _, t := range visibleTypes(m.Pass.Pkg) {
			mark(t)
			mark(types.NewPointer(t))
		}
	}
	return x
}

// record notes the static call sites, closures and function values of one
// instruction.
func (x *callIndex) record(instr ssa.Instruction) {
	var callee ssa.Value
	if c, ok := instr.(ssa.CallInstruction); ok {
		common := c.Common()
		callee = common.Value
		if fn := common.StaticCallee(); fn != nil {
			fn = origin(fn)
			x.sites[fn] = append(x.sites[fn], c)
		}
		if arg := onceArg(common); arg != nil {
			if g := funcOf(arg); g != nil {
				x.onceArgs[origin(g)] = true
			}
		}
	}
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		fn := mc.Fn.(*ssa.Function)
		x.bindings[fn] = append(x.bindings[fn], mc)
	}
	var buf [8]*ssa.Value
	for _, p := range instr.Operands(buf[:0]) {
		if p == nil || *p == nil || *p == callee {
			continue
		}
		if c, ok := instr.(ssa.CallInstruction); ok && onlyCalled(c, argIndex(c.Common(), p)) {
			continue // passed to a function of the package that only calls it
		}
		if _, ok := instr.(*ssa.ChangeType); ok {
			continue // a conversion to a named func type: judged where it is used
		}
		v := *p
		for {
			ct, ok := v.(*ssa.ChangeType)
			if !ok {
				break
			}
			v = ct.X
		}
		switch v := v.(type) {
		case *ssa.Function:
			if _, isMC := instr.(*ssa.MakeClosure); !isMC {
				x.valued[origin(v)] = true
				x.valued[origin(wrapped(v))] = true // a method expression's thunk
			}
		case *ssa.MakeClosure:
			fn := v.Fn.(*ssa.Function)
			x.valued[origin(fn)] = true
			x.valued[origin(wrapped(fn))] = true // a method value's wrapper
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
// show: it is exported (outside package main), main or init, a method that
// an interface or another package can reach, or used as a value.
func (m *Model) Escapes(fn *ssa.Function) bool {
	fn = origin(fn)
	if m.calls.valued[fn] {
		return true
	}
	if fn.Parent() != nil {
		return false // a literal only ever called where it is written
	}
	if fn.Signature.Recv() != nil {
		return m.calls.ifaceCallable[fn] || m.exported(fn) && recvVisible(m, fn)
	}
	return m.exported(fn) || fn.Name() == "main" || fn.Name() == "init"
}

// exported reports whether fn has an exported name in a package other
// packages can import.
func (m *Model) exported(fn *ssa.Function) bool {
	obj := fn.Object()
	return obj == nil || obj.Exported() && m.Pass.Pkg.Name() != "main"
}

// Sites returns the static call sites of fn in the package.
func (m *Model) Sites(fn *ssa.Function) []ssa.CallInstruction { return m.calls.sites[origin(fn)] }

// IndirectSites returns the calls of fn through a parameter it is passed
// to: wait(done) in WaitFor for WaitFor(func(done ...) ..., ...).
func (m *Model) IndirectSites(fn *ssa.Function) []ssa.CallInstruction {
	return m.calls.indirect[origin(fn)]
}

// Bindings returns the closures that create the function literal fn.
func (m *Model) Bindings(fn *ssa.Function) []*ssa.MakeClosure { return m.calls.bindings[fn] }

// Party returns the function whose goroutine runs the code of fn: fn
// itself, or for a function literal that is only called, deferred, or
// invoked in place (never started with go nor passed around), the party
// of the function that declares it.
func (m *Model) Party(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil && !m.Escapes(fn) {
		sites := m.Sites(fn)
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

// ifaceMethodNames returns the names of the methods of the interface types
// declared in pkg (an unexported method can only be called through one).
func ifaceMethodNames(pkg *types.Package) map[string]bool {
	names := make(map[string]bool)
	scope := pkg.Scope()
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok {
			continue
		}
		if it, ok := tn.Type().Underlying().(*types.Interface); ok {
			for i := range it.NumMethods() {
				names[it.Method(i).Name()] = true
			}
		}
	}
	return names
}

// onlyCalled reports whether argument i of a call is a parameter its
// callee (a function of the package) only ever calls: the function passed
// runs there and nowhere else (WaitFor(func(...) ..., ...) calling it).
func onlyCalled(c ssa.CallInstruction, i int) bool {
	common := c.Common()
	callee := common.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 || i < 0 || i >= len(common.Args) || i >= len(callee.Params) {
		return false
	}
	p := callee.Params[i]
	if _, ok := p.Type().Underlying().(*types.Signature); !ok {
		return false
	}
	refs := *p.Referrers()
	for _, ref := range refs {
		rc, ok := ref.(ssa.CallInstruction)
		if !ok || rc.Common().Value != p {
			return false
		}
	}
	return len(refs) > 0
}

// argIndex returns the index of the argument p points to, or -1.
func argIndex(common *ssa.CallCommon, p *ssa.Value) int {
	for j := range common.Args {
		if &common.Args[j] == p {
			return j
		}
	}
	return -1
}

func (x *callIndex) invokedInLoop(m *Model, fn *ssa.Function) bool {
	recv := fn.Signature.Recv().Type()
	for _, c := range x.invokes[fn.Name()] {
		iface, ok := c.Common().Value.Type().Underlying().(*types.Interface)
		if !ok || !types.Implements(recv, iface) {
			continue
		}
		if m.InLoop(c) || m.repeated(m.Party(c.Parent()), 1) {
			return true
		}
	}
	return false
}
