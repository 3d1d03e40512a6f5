package chanmodel

import "golang.org/x/tools/go/ssa"

// Live returns the functions of the package that can run: those code
// elsewhere may call (exported, main and init, methods an interface or
// another package reaches, functions used as values), and those they call,
// start or declare, transitively. An operation in any other function
// never happens: a Stop method nothing calls closes nothing.
func (m *Model) Live() map[*ssa.Function]bool {
	m.liveOnce.Do(func() {
		live := make(map[*ssa.Function]bool)
		var queue []*ssa.Function
		mark := func(f *ssa.Function) {
			f = origin(f)
			if f.Pkg == m.Pkg && !live[f] {
				live[f] = true
				queue = append(queue, f)
			}
		}
		if m.Pkg != nil {
			if init := m.Pkg.Func("init"); init != nil {
				mark(init)
			}
			for _, f := range m.Funcs {
				if f.Parent() == nil && m.Escapes(f) {
					mark(f)
				}
			}
		}
		for len(queue) > 0 {
			f := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			for _, anon := range f.AnonFuncs {
				mark(anon)
			}
			for _, b := range f.Blocks {
				for _, instr := range b.Instrs {
					c, ok := instr.(ssa.CallInstruction)
					if !ok {
						continue
					}
					if g := c.Common().StaticCallee(); g != nil {
						mark(g)
					}
					for _, a := range c.Common().Args {
						if g := funcOf(a); g != nil {
							mark(g)
						}
					}
				}
			}
		}
		m.live = live
	})
	return m.live
}
