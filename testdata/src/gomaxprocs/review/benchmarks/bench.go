// Package benchmarks is benchmark code: it runs as its own process.
package benchmarks

import (
	"runtime"

	_ "go.uber.org/automaxprocs" // want `importing automaxprocs from a library`
)

func Setup() {
	runtime.GOMAXPROCS(runtime.NumCPU()) // want `a library that sets GOMAXPROCS`
}
