package gomaxprocs

import "runtime"

// GOMAXPROCS(0), and any constant below 1, only reads the value.
func query() int {
	n := runtime.GOMAXPROCS(0)
	const zero = 0
	return n + runtime.GOMAXPROCS(zero) + runtime.GOMAXPROCS(-1)
}

// A setter that forwards its parameter leaves the decision to its caller.
func SetProcs(n int) int {
	return runtime.GOMAXPROCS(n)
}

// A local function with the same name is not the runtime's.
func GOMAXPROCS(n int) int { return n }

func local() {
	GOMAXPROCS(8)
}

type tuner struct{}

func (tuner) GOMAXPROCS(n int) {}

func method() {
	var runtime tuner // shadows the package
	runtime.GOMAXPROCS(4)
}

func silenced() {
	runtime.GOMAXPROCS(2) //rtlint:ignore gomaxprocs this package is the process's entry point for plugins
}
