package lsp

import (
	"fmt"
	"go/scanner"
	"go/token"
	"hash/maphash"
	"strconv"
	"sync"
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

// table is a table of constants found in a file: the offsets of its first
// and last elements (their signs included), the number of elements, and
// the index among the file's tokens of the first and last element.
type table struct{ first, last, n, firstTok, lastTok int }

// compact returns src with its large constant tables compacted, how many
// it compacted and how many tokens remain. src is not modified; when
// nothing is compacted the result is src itself.
func compact(src []byte) (out []byte, tables, tokens int) {
	found, tokens := scanTables(src)
	return compactTables(src, found, tokens)
}

// scanTables returns the tables of at least minTableElems constants in
// src, and how many tokens src has.
func scanTables(src []byte) (found []table, tokens int) {
	var sc scanner.Scanner
	file := token.NewFileSet().AddFile("", -1, len(src))
	sc.Init(file, src, func(token.Position, string) {}, 0)

	// The current candidate: after "{", n elements so far.
	in, wantElem, signed := false, false, false
	var cur table
	for {
		pos, tok, _ := sc.Scan()
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
	return found, tokens
}

// compactTables compacts the tables found in src, a file of the given
// number of tokens.
func compactTables(src []byte, found []table, tokens int) (out []byte, tables, left int) {
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

// tableCache remembers where the tables of large files are, by file name
// and content: a package with a 20 MB generated file is parsed again on
// every edit of its other files, and scanning the file takes half a
// second where hashing it takes milliseconds.
type tableCache struct {
	seed  maphash.Seed
	mu    sync.Mutex
	scans map[string]tableScan
}

type tableScan struct {
	sum    uint64
	size   int
	tables []table
	tokens int
}

func newTableCache() *tableCache {
	return &tableCache{seed: maphash.MakeSeed(), scans: map[string]tableScan{}}
}

// compact is compact(src), src being the content of the file name.
func (c *tableCache) compact(name string, src []byte) (out []byte, tables, tokens int) {
	sum := maphash.Bytes(c.seed, src)
	c.mu.Lock()
	scan, ok := c.scans[name]
	c.mu.Unlock()
	if !ok || scan.sum != sum || scan.size != len(src) {
		scan = tableScan{sum: sum, size: len(src)}
		scan.tables, scan.tokens = scanTables(src)
		c.mu.Lock()
		if len(c.scans) >= 64 {
			clear(c.scans) // a bound, not an eviction policy: rescans are correct
		}
		c.scans[name] = scan
		c.mu.Unlock()
	}
	return compactTables(src, scan.tables, scan.tokens)
}

// sizeMB formats a size in megabytes for messages.
func sizeMB(n int) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// millions formats a count in millions for messages.
func millions(n int) string { return fmt.Sprintf("%.1f million", float64(n)/1e6) }
