package lsp

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The base protocol frames each JSON-RPC message as HTTP-like headers
// (Content-Length is required, Content-Type optional), a blank line and
// the body. frameReader reads frames and survives bad ones: a frame whose
// length is missing or unreadable cannot be skipped by its length, so the
// reader scans ahead to the next Content-Length header (resynchronising),
// logging what it skipped; the stream ends only when the client closes it.

// maxBody is the largest message body read: a document of tens of
// megabytes, JSON-escaped, fits; a bogus length of gigabytes is skipped
// unread rather than allocated.
const maxBody = 256 << 20

// maxHeaderLine bounds a header line; anything longer is garbage.
const maxHeaderLine = 4 << 10

// marker starts the header that resynchronisation looks for (header names
// are case-insensitive).
const marker = "content-length:"

// errOversize is what next returns, with the body skipped, for a frame
// longer than maxBody: the message is lost but the stream is in sync.
var errOversize = errors.New("message too large")

type frameReader struct {
	r    *bufio.Reader
	logf func(format string, args ...any)
}

func newFrameReader(r io.Reader, logf func(string, ...any)) *frameReader {
	return &frameReader{r: bufio.NewReaderSize(r, 64<<10), logf: logf}
}

// next returns the body of the next frame. Bad frames are logged and
// skipped; a frame over maxBody is skipped and reported as errOversize.
// Any other error means the stream ended or failed.
func (fr *frameReader) next() ([]byte, error) {
	first := "" // a header line already read, found by resync
	for {
		size, err := fr.header(first)
		first = ""
		var bad *badFrame
		if errors.As(err, &bad) {
			fr.logf("skipping a bad frame: %v", bad.why)
			if first, err = fr.resync(bad.rest); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		if size > maxBody {
			fr.logf("skipping a message of %d bytes, above the limit of %d", size, maxBody)
			if _, err := io.CopyN(io.Discard, fr.r, size); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %d bytes, above the limit of %d", errOversize, size, maxBody)
		}
		body := make([]byte, size)
		if _, err := io.ReadFull(fr.r, body); err != nil {
			return nil, fmt.Errorf("the stream ended inside a message of %d bytes: %w", size, err)
		}
		return body, nil
	}
}

// badFrame is a header block that cannot be used: why, and the rest of
// the offending line (which may hold the next frame's header).
type badFrame struct {
	why  string
	rest string
}

func (b *badFrame) Error() string { return b.why }

// header reads a header block, starting with first when not empty, and
// returns the content length.
func (fr *frameReader) header(first string) (int64, error) {
	size := int64(-1)
	for n := 0; ; n++ {
		line := first
		if n > 0 || first == "" {
			var err error
			if line, err = fr.line(); err != nil {
				if n == 0 && err == io.EOF {
					return 0, io.EOF // between frames: the client closed the stream
				}
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return 0, err
			}
		}
		if line == "" {
			if size < 0 {
				return 0, &badFrame{why: "no Content-Length header"}
			}
			return size, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.ContainsAny(name, " \t{}\"") {
			return 0, &badFrame{why: fmt.Sprintf("%.40q is not a header", line), rest: line}
		}
		if strings.EqualFold(name, "Content-Length") {
			v, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || v < 0 {
				return 0, &badFrame{why: fmt.Sprintf("bad Content-Length %.40q", value)}
			}
			size = v
		}
		// Content-Type and unknown headers are ignored: the body is
		// UTF-8 JSON whatever they say.
	}
}

// line reads a header line, without its CRLF (or LF).
func (fr *frameReader) line() (string, error) {
	var b strings.Builder
	for {
		c, err := fr.r.ReadByte()
		if err != nil {
			if b.Len() > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		if c == '\n' {
			return strings.TrimSuffix(b.String(), "\r"), nil
		}
		if b.Len() >= maxHeaderLine {
			return "", &badFrame{why: fmt.Sprintf("a header line longer than %d bytes", maxHeaderLine)}
		}
		b.WriteByte(c)
	}
}

// resync skips to the next Content-Length header, in rest (the remains of
// a bad line) or else in the stream, and returns that header's line. It
// ends only at a header or at the end of the stream.
func (fr *frameReader) resync(rest string) (string, error) {
	if i := indexFold(rest, marker); i > 0 {
		return rest[i:], nil
	}
	skipped, matched := 0, 0
	for matched < len(marker) {
		c, err := fr.r.ReadByte()
		if err != nil {
			if skipped > 0 {
				fr.logf("skipped %d bytes without finding a Content-Length header before the stream ended", skipped)
			}
			return "", err
		}
		skipped++
		switch {
		case lower(c) == marker[matched]:
			matched++
		case lower(c) == marker[0]: // 'c' occurs once in marker: restarting here is exact
			matched = 1
		default:
			matched = 0
		}
	}
	fr.logf("skipped %d bytes to the next Content-Length header", skipped-len(marker))
	value, err := fr.line()
	var bad *badFrame
	if errors.As(err, &bad) {
		return "Content-Length: ?", nil // fails in header, which resyncs again
	}
	return "Content-Length:" + value, err
}

// reframe makes the frame reader read body[at:] again, before the rest of
// the stream: a body that failed to parse because its Content-Length
// overstated it holds the next frame's header.
func (fr *frameReader) reframe(rest []byte) {
	fr.r = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(rest), fr.r), 64<<10)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// indexFold is strings.Index ignoring ASCII case (marker is lower case).
func indexFold[T string | []byte](s T, marker string) int {
next:
	for i := 0; i+len(marker) <= len(s); i++ {
		for j := range len(marker) {
			if lower(s[i+j]) != marker[j] {
				continue next
			}
		}
		return i
	}
	return -1
}
