package contract

import (
	"slices"
	"strings"
)

//go:generate go run gen_usedby.go

// UsedBy returns the names of the analyzers that rely on the contract
// (mention its ID), sorted. It comes from usedby_gen.go, generated from the
// analyzer sources by `go generate ./internal/contract`.
func UsedBy(id ID) []string { return slices.Clone(usedBy[id]) }

// An Area is one table of contracts (one table_*.go file).
type Area struct {
	Name  string // "chan" for table_chan.go
	Title string // the doc comment of the table's ID constants
}

// AreaOf returns the table that declares the contract, as of the last
// `go generate ./internal/contract`.
func AreaOf(id ID) (Area, bool) {
	name, ok := declaredIn[id]
	if !ok {
		return Area{}, false
	}
	return Area{Name: name, Title: strings.TrimSpace(areaTitles[name])}, true
}
