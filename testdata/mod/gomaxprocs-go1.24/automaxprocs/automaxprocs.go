// Package automaxprocs stands in for go.uber.org/automaxprocs in tests.
package automaxprocs
