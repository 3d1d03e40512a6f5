// Before Go 1.22 loop variables are shared by all iterations.
package deferloop

func use(...any) {}

type res struct{}

func open(string) *res { return &res{} }
func (*res) Close()    {}

// No fix: the deferred closure reads the loop variable, which it sees at
// its last value when the function returns; moved into a per-iteration
// literal it would see the current one.
func sharedVar(names []string) {
	for _, name := range names {
		r := open(name)
		defer func() { r.Close(); use(name) }() // want `defer in a loop runs when sharedVar returns, not when the iteration ends, so every iteration's r stays open`
		use(name)
	}
}

// Arguments are evaluated when the defer statement runs: the fix keeps them.
func argument(names []string) {
	for i := 0; i < len(names); i++ {
		r := open(names[i])
		defer r.Close() // want `defer in a loop runs when argument returns, not when the iteration ends, so every iteration's r stays open`
		use(i)
	}
}
