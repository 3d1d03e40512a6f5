// Package automaxprocs stands in for go.uber.org/automaxprocs in tests: its
// init sets GOMAXPROCS from the container's CPU quota.
package automaxprocs
