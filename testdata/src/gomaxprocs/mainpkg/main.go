// Package main owns the process and may set GOMAXPROCS.
package main

import (
	"runtime"

	_ "go.uber.org/automaxprocs"
)

func main() {
	runtime.GOMAXPROCS(4)
}
