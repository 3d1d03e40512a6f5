// Package leakprof reads the goroutine profiles a running Go program
// writes (goroutine dumps, crash dumps, pprof goroutine and goroutineleak
// profiles), groups the parked goroutines by the line of the user's module
// they block at, and joins each such site with rtlint's static findings at
// that line and at the go statement that started the goroutines. It is the
// engine of `rtlint leaks`; docs/leaks.md describes the workflow.
//
// The files hold one idea each: read.go detects a file's format, dump.go,
// debug1.go and proto.go read the three families of formats into the one
// model of profile.go, wait.go knows the runtime's wait reasons, module.go
// places frames in the user's module, gostmt.go indexes the go statements
// of the analyzed packages, group.go builds the sites, series.go compares
// profiles of one process, join.go matches sites with findings and gives
// each site its verdict, and text.go, json.go and sarif.go render the
// report.
package leakprof
