package main

import (
	"encoding/json"
	"fmt"
	"go/version"
	"os"
	"runtime"

	"github.com/rtlint/rtlint/internal/contract"
)

// vetToolchainCheck runs before the analysis in go vet's tool mode. A go
// command newer than the Go release rtlint was built with hands it packages
// (its own standard library first) whose language version rtlint's type
// checker may not know; the x/tools driver then fails every dependency with
// a bare "exit status 1". Say what is wrong once, in the package being
// vetted, and stay silent in the dependency-only runs.
func vetToolchainCheck(cfgFile string) {
	tv := os.Getenv("GOVERSION")
	if tv == "" {
		tv = contract.Default().Version
	}
	built := runtime.Version()
	if !version.IsValid(tv) || !version.IsValid(built) || version.Compare(version.Lang(tv), version.Lang(built)) <= 0 {
		return
	}
	var cfg struct {
		ImportPath string
		VetxOnly   bool
		VetxOutput string
	}
	if b, err := os.ReadFile(cfgFile); err == nil {
		_ = json.Unmarshal(b, &cfg)
	}
	if cfg.VetxOnly {
		if cfg.VetxOutput != "" {
			_ = os.WriteFile(cfg.VetxOutput, nil, 0o666)
		}
		os.Exit(0)
	}
	fmt.Fprintf(os.Stderr, "rtlint: built with %s but go vet runs %s; rebuild it with that toolchain: GOTOOLCHAIN=%s go install github.com/rtlint/rtlint/cmd/rtlint\n", built, tv, tv)
	os.Exit(1)
}
