// Since Go 1.22 each iteration has its own loop variables, so a deferred
// closure reading one keeps its value when moved.
package deferloop

func use(...any) {}

type res struct{}

func open(int) *res { return &res{} }
func (*res) Close() {}

func perIteration(n int) {
	for i := range n {
		r := open(i)
		defer func() { r.Close(); use(i) }() // want `defer in a loop runs when perIteration returns`
		use(i)
	}
}
