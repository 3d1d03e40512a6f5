// Go 1.23 range-over-func loops: a defer in the body belongs to the
// enclosing function (runtime.deferrangefunc).
package deferloop

import (
	"iter"
	"maps"
)

func use(...any) {}

func keys(m map[string]int) {
	for k := range maps.Keys(m) {
		defer use(k) // want `defer in the body of a range-over-func loop runs when keys returns, not when the iteration ends.* \(cmd/compile/internal/walk/expr\.go:\d+, runtime/panic\.go:\d+, go1\.\d+(\.\d+)?\)`
		use(k)
	}
}

func pairs(seq iter.Seq2[int, string]) {
	for i, s := range seq {
		defer func() { use(i, s) }() // want `defer in the body of a range-over-func loop runs when pairs returns`
		use(i)
	}
	use(seq)
}
