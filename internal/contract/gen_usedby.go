//go:build ignore

// Command gen_usedby writes usedby_gen.go: which analyzers rely on which
// contracts, and which table declares each one. Run it with
//
//	go generate ./internal/contract
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rtlint/rtlint/internal/usedby"
)

func main() {
	// go generate runs in the package directory, internal/contract.
	root := filepath.Join("..", "..")
	src, err := usedby.Generate(root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen_usedby:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("usedby_gen.go", src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen_usedby:", err)
		os.Exit(1)
	}
}
