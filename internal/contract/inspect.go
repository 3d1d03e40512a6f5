package contract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// This file exposes how an anchor resolves, for the contract sheet and the
// drift check (internal/sheet): the cited text, whether a fallback was
// needed, and a fingerprint of the declaration that holds the line.

// GOROOTPath is the path of the contract's file relative to GOROOT
// ("src/runtime/chan.go", "doc/godebug.md").
func (c *Contract) GOROOTPath() string { return c.goRootRel() }

// A Resolution is a Citation with what the toolchain's source says there.
type Resolution struct {
	Citation
	// Text is the cited line with surrounding space trimmed.
	Text string
	// Fallback is true when the line was found through FallbackFuncs,
	// FallbackAnchors or a file-wide search rather than the primary anchor
	// in the primary declaration: the source has changed around it.
	Fallback bool
	// Decl is a fingerprint of the declaration (with its doc comment) that
	// holds the cited line, ignoring indentation and blank lines; empty when
	// the contract cites a whole file. Two toolchains with the same Decl
	// have the same text for the whole declaration.
	Decl string
	// FileMissing is true when the contract's file is absent (as opposed to
	// present without the anchor).
	FileMissing bool
}

// Resolve resolves one contract like Cite and reports the cited text.
func (tc *Toolchain) Resolve(id ID) Resolution {
	r := Resolution{Citation: tc.Cite(id)}
	c, ok := Lookup(id)
	if !ok || tc.Err != nil {
		return r
	}
	lines, err := tc.lines(c.goRootRel())
	if err != nil {
		r.FileMissing = true
		return r
	}
	if !r.Resolved || r.Line < 1 || r.Line > len(lines) {
		return r
	}
	i := r.Line - 1
	r.Text = strings.TrimSpace(lines[i])
	r.Fallback = true
	if start, end, ok := Scope(lines, c.Func); ok && start <= i && i <= end && strings.Contains(lines[i], c.Anchor) {
		r.Fallback = false
	}
	if c.Func == "" {
		return r
	}
	for _, decl := range append([]string{c.Func}, c.FallbackFuncs...) {
		if start, end, ok := Scope(lines, decl); ok && start <= i && i <= end {
			r.Decl = fingerprint(lines[start : end+1])
			break
		}
	}
	return r
}

func fingerprint(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			h.Write([]byte(l))
			h.Write([]byte{'\n'})
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
