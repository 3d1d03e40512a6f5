// Go 1.23 range-over-func loops: a defer in the body belongs to the
// enclosing function (runtime.deferrangefunc).
package deferloop

import (
	"iter"
	"maps"
)

func use(...any) {}

type res struct{}

func open(string) *res { return &res{} }
func (*res) Close()    {}

func keys(m map[string]int) {
	for k := range maps.Keys(m) {
		r := open(k)
		defer r.Close() // want `defer in a loop runs when keys returns, not when the iteration ends, so every iteration's r stays open.* a defer in the body of a range-over-func loop turns off open-coded defers.* \(cmd/compile/internal/walk/expr\.go:\d+, runtime/panic\.go:\d+, go1\.\d+(\.\d+)?\)`
		use(k)
	}
}

func pairs(seq iter.Seq2[int, string]) {
	for i, s := range seq {
		r := open(s)
		defer func() { r.Close(); use(i, s) }() // want `defer in a loop runs when pairs returns.* range-over-func loop`
		use(i)
	}
	use(seq)
}
