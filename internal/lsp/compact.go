package lsp

import (
	"fmt"
	"go/scanner"
	"go/token"
	"strconv"
)

// Generated files can hold tables of millions of constants (go-bindata's
// []byte{0x1f, 0x8b, ...}): a 20 MB one costs about 2 GB to parse,
// type-check and walk (an AST node, a recorded type and an inspector
// event per element), for findings that can never be inside it. Before
// parsing a large file the server compacts such tables: a composite
// literal of at least minTableElems constant elements keeps its type and
// length, as the keyed element `n-1: last` written over the first
// element, with everything between it and the last element blanked
// (newlines kept, so every position in the file stays the same).

const (
	// compactAbove is the size from which a file is scanned for tables.
	compactAbove = 512 << 10
	// minTableElems is the fewest constant elements compacted.
	minTableElems = 1000
	// maxTokens bounds the tokens of one file, less those of its
	// compacted tables, that the server parses. Memory grows with them,
	// by about 300 bytes a token parsed, type-checked and inspected (a
	// 1.6 MB file of 660,000 tokens took the server to 301 MB): a million
	// of them, some 2.5 MB of Go, cost about 300 MB. A package with a
	// larger file is not analyzed, and the editor is told so.
	maxTokens = 1_000_000
)

// compact returns src with its large constant tables compacted, how many
// it compacted and how many tokens remain. src is not modified; when
// nothing is compacted the result is src itself.
func compact(src []byte) (out []byte, tables, tokens int) {
	type table struct{ first, last, lastEnd, n, firstTok, lastTok int }
	var found []table
	var sc scanner.Scanner
	file := token.NewFileSet().AddFile("", -1, len(src))
	sc.Init(file, src, func(token.Position, string) {}, 0)

	// The current candidate: after "{", n elements so far; first and
	// last are the offsets of the first and last element (their sign
	// included), lastEnd the end of the last.
	in, wantElem, signed := false, false, false
	var cur table
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		tokens++
		off := file.Offset(pos)
		if in {
			switch {
			case wantElem && !signed && (tok == token.SUB || tok == token.ADD):
				signed = true
				if cur.n == 0 {
					cur.first, cur.firstTok = off, tokens
				}
				cur.last, cur.lastTok = off, tokens
				continue
			case wantElem && (tok == token.INT || tok == token.FLOAT || tok == token.IMAG || tok == token.CHAR || tok == token.STRING):
				if !signed {
					if cur.n == 0 {
						cur.first, cur.firstTok = off, tokens
					}
					cur.last, cur.lastTok = off, tokens
				}
				cur.n++
				cur.lastEnd = off + len(lit)
				wantElem, signed = false, false
				continue
			case !wantElem && tok == token.COMMA:
				wantElem = true
				continue
			case tok == token.RBRACE && !signed:
				if cur.n >= minTableElems {
					found = append(found, cur)
				}
				in = false
				continue
			}
			in = false // anything else: not a table; the token may open one
		}
		if tok == token.LBRACE {
			in, wantElem, signed, cur = true, true, false, table{}
		}
	}
	if len(found) == 0 {
		return src, 0, tokens
	}
	out = make([]byte, len(src))
	copy(out, src)
	for _, t := range found {
		// The key goes at the first run of blanks long enough (a raw
		// string element can put a newline in the way).
		key := strconv.Itoa(t.n-1) + ":"
		at, run := -1, 0
		for i := t.first; i < t.last && at < 0; i++ {
			if run++; out[i] == '\n' {
				run = 0
			} else if run == len(key)+1 {
				at = i - len(key)
			}
		}
		if at < 0 {
			continue // no room: leave the table
		}
		for i := t.first; i < t.last; i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
		copy(out[at:], key)
		tokens -= t.lastTok - t.firstTok - 2 // the elements and commas before the last, less the key and colon
		tables++
	}
	return out, tables, tokens
}

// sizeMB formats a size in megabytes for messages.
func sizeMB(n int) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// millions formats a count in millions for messages.
func millions(n int) string { return fmt.Sprintf("%.1f million", float64(n)/1e6) }
