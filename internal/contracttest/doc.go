// Package contracttest holds the run-time contract tests: each test
// demonstrates, on the running toolchain, a runtime contract from the table
// in internal/contract, and names the table entries it verifies (verifies
// logs their citations). When a Go upgrade changes a contract, the test that
// observes it fails and says which entry no longer holds.
//
// Contracts that cannot be observed reliably from a program (scheduler
// internals, "may" permissions, memory layouts that are private by design)
// have no test; internal/contract/observable.go says why, and the contract
// sheet (docs/runtime-contracts.md) shows it. TestEveryContractClassified
// keeps the two in step.
//
// Some tests run a child process: the test binary itself, re-executed with
// RTLINT_CONTRACTTEST_CHILD naming the scenario (for exit-time behaviour,
// GOMAXPROCS=1, GODEBUG settings), or a small program built with the go
// command in a temporary module (go.mod go lines, linkname checks) or
// compiled with go tool compile (defer lowering). Builds use the shared
// build cache, GOTOOLCHAIN=local and no network.
package contracttest
