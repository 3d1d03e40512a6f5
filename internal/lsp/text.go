package lsp

import (
	"bytes"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// LSP positions count UTF-16 code units within a line (the protocol's
// default encoding, the only one 3.16 clients are sure to speak); go/token
// counts bytes. These helpers convert between the two on a file's content.

// lineStart returns the byte offset at which 0-based line starts in src,
// or -1 when src has fewer lines.
func lineStart(src []byte, line int) int {
	off := 0
	for i := 0; i < line; i++ {
		j := bytes.IndexByte(src[off:], '\n')
		if j < 0 {
			return -1
		}
		off += j + 1
	}
	return off
}

// offsetOf converts an LSP position to a byte offset in src, clamping a
// character past the end of its line to the line's end.
func offsetOf(src []byte, p protocol.Position) (int, error) {
	start := lineStart(src, int(p.Line))
	if start < 0 {
		if int(p.Line) == bytes.Count(src, []byte("\n"))+1 && p.Character == 0 {
			return len(src), nil
		}
		return 0, fmt.Errorf("line %d is past the end of the document", p.Line)
	}
	off, units := start, 0
	for off < len(src) && src[off] != '\n' && units < int(p.Character) {
		r, size := utf8.DecodeRune(src[off:])
		units += utf16Len(r)
		off += size
	}
	return off, nil
}

// positionOf converts a byte offset in src to an LSP position.
func positionOf(src []byte, offset int) protocol.Position {
	offset = min(max(offset, 0), len(src))
	line := bytes.Count(src[:offset], []byte("\n"))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	units := 0
	for b := src[start:offset]; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		units += utf16Len(r)
		b = b[size:]
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(units)}
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// uriToPath converts a file: URI to a clean absolute path.
func uriToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("not a file URI: %s", uri)
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}

// pathToURI converts an absolute path to a file: URI.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
