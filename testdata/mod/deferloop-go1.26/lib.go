// Since Go 1.22 each iteration has its own loop variables, so a deferred
// closure reading one keeps its value when moved.
package deferloop

func use(...any) {}

func perIteration(n int) {
	for i := range n {
		defer func() { use(i) }() // want `defer in a loop runs when perIteration returns`
		use(i)
	}
}
