// Package contract holds the runtime contract table: one entry per fact
// about the Go runtime, compiler, linker or standard library that an rtlint
// analyzer relies on, with an anchor that locates the fact in the Go source.
//
// The line an entry cites is not stored as truth: it is resolved from the
// anchor against the GOROOT of the toolchain the user builds with, so a
// citation stays right when the toolchain changes. The line recorded for
// go1.26.8 is the fallback when that source cannot be read.
package contract

import (
	"fmt"
	"sort"
	"strings"
)

// RecordedVersion is the Go version whose source the Line fields were read from.
const RecordedVersion = "go1.26.8"

// ID names a contract after the fact it states.
type ID string

// A Contract is one runtime fact and where the Go source proves it.
type Contract struct {
	ID ID
	// File is the path below $GOROOT/src ("runtime/chan.go"); a path
	// starting with "../" is below $GOROOT ("../doc/godebug.md").
	File string
	// Func is the declaration whose text (with its doc comment) contains the
	// anchor: "chansend", "Loader.checkLinkname" (method), "type hchan",
	// "var blockedLinknames", "const maxOpenDefers", or "" for the whole file.
	Func string
	// Anchor is a plain, case-sensitive substring of the cited line, and
	// Occurrence (1-based; 0 means 1) selects among its lines in the scope.
	Anchor     string
	Occurrence int
	// FallbackFuncs and FallbackAnchors are tried, in that order, when the
	// primary pair does not resolve (older or newer spellings).
	FallbackFuncs   []string
	FallbackAnchors []string
	// Claim states the contract in one sentence.
	Claim string
	// Since is the first Go version the claim holds for ("go1.14"); Until,
	// when set, is the first version for which it no longer holds.
	Since, Until string
	// VersionNote qualifies Since/Until when the boundary is approximate.
	VersionNote string
	// Line is the line the anchor resolved to in LineVersion.
	// LineVersion is the Go version Line was read from: RecordedVersion
	// when empty; the first release that has the fact, for a contract that
	// starts after RecordedVersion (a go1.27 linker rule).
	LineVersion string
	Line        int
}

// Lookup returns the contract with the given ID.
func Lookup(id ID) (*Contract, bool) {
	c, ok := index[id]
	return c, ok
}

// All returns every contract, sorted by ID.
func All() []*Contract {
	out := make([]*Contract, 0, len(index))
	for _, c := range index {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// HoldsFor reports whether the claim holds for the Go version v ("go1.23",
// "go1.23.4", "1.23"). An empty or unparsable v is taken to be the newest.
func (c *Contract) HoldsFor(v string) bool {
	if v == "" {
		return c.Until == ""
	}
	if c.Since != "" && CompareVersions(v, c.Since) < 0 {
		return false
	}
	if c.Until != "" && CompareVersions(v, c.Until) >= 0 {
		return false
	}
	return true
}

// Versions describes the Go versions the claim holds for ("go1.14+",
// "go1.13 to go1.22").
func (c *Contract) Versions() string {
	s := c.Since
	if s == "" {
		s = "go1.0"
	}
	if c.Until != "" {
		s = fmt.Sprintf("%s until %s", s, c.Until)
	} else {
		s += "+"
	}
	if note := c.versionNote(); note != "" {
		s += " (" + note + ")"
	}
	return s
}

// versionNote is VersionNote without a leading restatement of Since:
// "1.0 (waitReason arg since 1.11)" after go1.0+ is "waitReason arg since
// 1.11".
func (c *Contract) versionNote() string {
	note := c.VersionNote
	v := strings.TrimPrefix(c.Since, "go")
	if v == "" {
		v = "1.0"
	}
	switch {
	case note == v:
		return ""
	case strings.HasPrefix(note, v+" ("):
		rest := note[len(v)+2:]
		if i := strings.Index(rest, ")"); i >= 0 {
			return strings.TrimSpace(rest[:i] + rest[i+1:])
		}
	}
	return note
}

// DisplayPath is the path shown in citations: below src for source files,
// below GOROOT for the rest ("doc/godebug.md").
func (c *Contract) DisplayPath() string {
	if rest, ok := strings.CutPrefix(c.File, "../"); ok {
		return rest
	}
	return c.File
}

// goRootRel is the file's path relative to GOROOT.
func (c *Contract) goRootRel() string {
	if rest, ok := strings.CutPrefix(c.File, "../"); ok {
		return rest
	}
	return "src/" + c.File
}

var index = buildIndex()

func buildIndex() map[ID]*Contract {
	m := make(map[ID]*Contract)
	for _, group := range tables {
		for i := range group {
			c := &group[i]
			m[c.ID] = c // duplicates are caught by TestTableInvariants
		}
	}
	return m
}

// tables lists the per-area tables; each lives in its own table_*.go file.
var tables = [][]Contract{
	tableSched,
	tableChan,
	tableGoroutine,
	tableLinkname,
	tableUnsafe,
	tableFinalizer,
	tablePool,
	tableDefer,
	tableTimer,
	tableContext,
	tableLabels,
	tableWait,
}

// RecordedIn is the Go version whose source Line was read from.
func (c Contract) RecordedIn() string {
	if c.LineVersion != "" {
		return c.LineVersion
	}
	return RecordedVersion
}
