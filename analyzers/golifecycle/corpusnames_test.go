package golifecycle_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/cha"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// expectedLeaks reads the runtime's leak test: for each test case (kernel)
// the leaked goroutines it expects, as regular expressions over
// "entry(args) [wait reason]".
func expectedLeaks(t *testing.T, file string) map[string][]*regexp.Regexp {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]*regexp.Regexp)
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		name, isID := callName(call)
		if !ok || !isID || name != "makeTest" && name != "makeFlakyTest" || len(call.Args) == 0 {
			return true
		}
		var strs []string
		for _, a := range call.Args {
			lit, ok := a.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			strs = append(strs, s)
		}
		for _, s := range strs[1:] {
			if re, err := regexp.Compile(s); err == nil {
				out[strs[0]] = append(out[strs[0]], re)
			}
		}
		return true
	})
	if len(out) < 40 {
		t.Fatalf("%s: found only %d test cases; has the file changed shape?", file, len(out))
	}
	return out
}

// matches reports whether one of the expected leaks is a goroutine whose
// entry is one of cands, waiting for reason ("" for any channel wait).
func matches(expected []*regexp.Regexp, cands []string, reason string) bool {
	reasons := []string{reason}
	if reason == "" {
		reasons = []string{"chan send", "chan receive", "select", "chan send (nil chan)", "chan receive (nil chan)"}
	}
	for _, re := range expected {
		for _, c := range cands {
			for _, r := range reasons {
				if re.MatchString(c + "(...) [" + r + "]") {
					return true
				}
			}
		}
	}
	return false
}

// namer names the goroutines a finding may be about, the way the runtime
// prints them ("Cockroach1462.func2", "(*Stopper_cockroach1462).RunWorker.func1").
type namer struct {
	t     *testing.T
	prog  *ssa.Program
	cg    *callgraph.Graph
	files map[string]*ast.File
	fset  *token.FileSet
}

func newNamer(t *testing.T, pkgs []*packages.Package) *namer {
	prog, _ := ssautil.Packages(pkgs, 0)
	prog.Build()
	n := &namer{t: t, prog: prog, cg: cha.CallGraph(prog), files: make(map[string]*ast.File)}
	// Calls of func values reach every function of the signature in CHA:
	// too many for naming goroutines. Keep static calls and calls of
	// interface methods, and add calls made for us by code without
	// source (io.ReadFull calling the Read of its argument).
	for _, node := range n.cg.Nodes {
		var in []*callgraph.Edge
		for _, e := range node.In {
			if e.Site == nil || e.Site.Common().IsInvoke() || e.Site.Common().StaticCallee() != nil {
				in = append(in, e)
			}
		}
		node.In = in
	}
	n.external()
	n.funcParams()
	for _, p := range pkgs {
		n.fset = p.Fset
		for _, f := range p.Syntax {
			n.files[p.Fset.File(f.Pos()).Name()] = f
		}
	}
	return n
}

// funcAt returns the innermost function of the program whose body holds
// pos.
func (n *namer) funcAt(pos token.Pos) *ssa.Function {
	var best *ssa.Function
	for fn := range ssautil.AllFunctions(n.prog) {
		syn := fn.Syntax()
		if syn == nil || fn.Synthetic != "" || syn.Pos() > pos || pos >= syn.End() {
			continue
		}
		if best == nil || syn.Pos() >= best.Syntax().Pos() && syn.End() <= best.Syntax().End() {
			best = fn
		}
	}
	return best
}

// runtimeName renders an SSA function as the runtime's traceback does,
// without the package: "f", "(*T).m", "f.func1", "f.func1.2".
func runtimeName(fn *ssa.Function) string {
	s := fn.RelString(fn.Pkg.Pkg)
	if strings.HasPrefix(s, "(") && !strings.HasPrefix(s, "(*") {
		// The runtime prints a value receiver's method as T.m.
		if i := strings.Index(s, ")"); i > 0 {
			s = s[1:i] + s[i+1:]
		}
	}
	parts := strings.Split(s, "$")
	out := parts[0]
	for i, p := range parts[1:] {
		if i == 0 {
			out += ".func" + p
		} else {
			out += "." + p
		}
	}
	return out
}

// topFunc names the top-level function (or the receiver type of the
// method) holding a finding.
func (n *namer) topFunc(f finding) string {
	fn := n.funcAt(f.pos)
	if fn == nil {
		return ""
	}
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if named, ok := t.(*types.Named); ok {
			return named.Obj().Name()
		}
	}
	return fn.Name()
}

// entries returns the goroutine entry functions a finding may be about
// (the function holding it and every function that reaches it through
// calls; for a go statement, the function it starts) and the wait reason
// of the operation it points at ("" for a go statement).
func (n *namer) entries(f finding) ([]string, string) {
	fn := n.funcAt(f.pos)
	if fn == nil {
		return nil, ""
	}
	reason := ""
	var started []*ssa.Function
	file := n.files[f.file]
	path, _ := astutil.PathEnclosingInterval(file, f.pos, f.pos)
	for i, node := range path {
		switch node := node.(type) {
		case *ast.GoStmt:
			if i <= 1 || node.Go == f.pos {
				for _, b := range fn.Blocks {
					for _, instr := range b.Instrs {
						if g, ok := instr.(*ssa.Go); ok && g.Pos() == node.Go {
							if callee := g.Call.StaticCallee(); callee != nil {
								started = append(started, callee)
							}
						}
					}
				}
			}
		case *ast.SendStmt:
			if reason == "" {
				reason = "chan send"
			}
		case *ast.UnaryExpr, *ast.RangeStmt:
			if reason == "" {
				reason = "chan receive"
			}
		case *ast.SelectStmt:
			// A select of one case compiles to a plain send or receive.
			if reason == "" && len(node.Body.List) > 1 {
				reason = "select"
			}
		case *ast.CommClause:
			sel, _ := path[i+1].(*ast.BlockStmt)
			if node.Comm != nil && node.Comm.Pos() <= f.pos && f.pos < node.Comm.End() && sel != nil && len(sel.List) > 1 {
				reason = "select"
			}
		}
		if _, ok := node.(*ast.FuncLit); ok {
			break
		}
	}
	if len(started) > 0 {
		var out []string
		for _, s := range started {
			out = append(out, runtimeName(s))
		}
		return out, ""
	}
	seen := map[*ssa.Function]bool{fn: true}
	queue := []*ssa.Function{fn}
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		node := n.cg.Nodes[g]
		if node == nil {
			continue
		}
		for _, in := range node.In {
			if !seen[in.Caller.Func] {
				seen[in.Caller.Func] = true
				queue = append(queue, in.Caller.Func)
			}
		}
	}
	var out []string
	for g := range seen {
		if g.Pkg != nil {
			out = append(out, runtimeName(g))
		}
	}
	return out, reason
}

// external adds, for each call of a function without source (another
// package's) that takes an interface, edges to the methods of the
// corpus's types that implement it: io.ReadFull(r, p) may call r.Read.
func (n *namer) external() {
	var methods []*ssa.Function
	for fn := range ssautil.AllFunctions(n.prog) {
		if fn.Signature.Recv() != nil && fn.Synthetic == "" && fn.Pkg != nil && len(fn.Blocks) > 0 {
			methods = append(methods, fn)
		}
	}
	for fn := range ssautil.AllFunctions(n.prog) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := call.Common().StaticCallee()
				if callee == nil || len(callee.Blocks) > 0 {
					continue
				}
				for _, a := range call.Common().Args {
					iface, ok := a.Type().Underlying().(*types.Interface)
					if !ok {
						continue
					}
					for _, m := range methods {
						if !implementsMethod(iface, m) {
							continue
						}
						callgraph.AddEdge(n.cg.CreateNode(fn), call, n.cg.CreateNode(m))
					}
				}
			}
		}
	}
}

// implementsMethod reports whether m's receiver type implements iface and
// m is one of its methods.
func implementsMethod(iface *types.Interface, m *ssa.Function) bool {
	recv := m.Signature.Recv().Type()
	if !types.Implements(recv, iface) {
		return false
	}
	for i := range iface.NumMethods() {
		if iface.Method(i).Name() == m.Name() {
			return true
		}
	}
	return false
}

// funcParams adds edges for calls of a func parameter to the functions
// the callers pass for it: RunWorker(f) running go func() { f() }().
func (n *namer) funcParams() {
	passed := make(map[*ssa.Parameter][]*ssa.Function)
	for fn := range ssautil.AllFunctions(n.prog) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := call.Common().StaticCallee()
				if callee == nil {
					continue
				}
				for i, a := range call.Common().Args {
					var g *ssa.Function
					switch a := a.(type) {
					case *ssa.Function:
						g = a
					case *ssa.MakeClosure:
						g = a.Fn.(*ssa.Function)
					}
					if g != nil && i < len(callee.Params) {
						passed[callee.Params[i]] = append(passed[callee.Params[i]], g)
					}
				}
			}
		}
	}
	for fn := range ssautil.AllFunctions(n.prog) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				v := call.Common().Value
				if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
					v = load.X // a captured parameter lives in a cell
				}
				if fv, ok := v.(*ssa.FreeVar); ok {
					// go func() { f() }(): the literal's free variable is
					// bound to the parameter.
					v = n.binding(fv)
				}
				if a, ok := v.(*ssa.Alloc); ok {
					for _, ref := range *a.Referrers() {
						if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
							v = st.Val
						}
					}
				}
				p, ok := v.(*ssa.Parameter)
				if !ok {
					continue
				}
				for _, g := range passed[p] {
					callgraph.AddEdge(n.cg.CreateNode(fn), call, n.cg.CreateNode(g))
				}
			}
		}
	}
}

// binding returns the value a free variable is bound to by its (single)
// closure, or the free variable.
func (n *namer) binding(fv *ssa.FreeVar) ssa.Value {
	lit := fv.Parent()
	parent := lit.Parent()
	if parent == nil {
		return fv
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == lit {
				for i, x := range lit.FreeVars {
					if x == fv {
						return mc.Bindings[i]
					}
				}
			}
		}
	}
	return fv
}
