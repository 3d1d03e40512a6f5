package leakprof

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"unicode/utf8"
)

// MaxSize bounds what a profile may take in memory, compressed or not.
const MaxSize = 4 << 30

// A FormatError says why a file is not a profile rtlint can read. Its text
// is one line that names the file.
type FormatError struct {
	File string
	Msg  string
}

func (e *FormatError) Error() string { return e.File + ": " + e.Msg }

// ReadFile reads the profile in the named file.
func ReadFile(name string) (*Profile, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, &FormatError{name, err.Error()}
	}
	return Read(name, data)
}

// dumpHeader matches the first line of a goroutine in a dump.
var dumpHeader = regexp.MustCompile(`(?m)^[ \t]*goroutine \d+(?: gp=\S+ m=\S+(?: mp=\S+)?)? \[[^\]\n]+\]:\r?$`)

// otherProfile matches the first line of the other text profiles the
// runtime writes ("heap profile: ...", "--- mutex:").
var otherProfile = regexp.MustCompile(`^(?:--- (\w+):|(\w+) profile: )`)

// Read reads a profile from its content, whatever the format: the content
// decides, not the name. A file that is not a goroutine profile, or is cut
// short, gives a *FormatError; Read never panics.
func Read(name string, data []byte) (p *Profile, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, &FormatError{name, fmt.Sprintf("unreadable profile (the parser failed: %v)", r)}
		}
	}()
	if len(data) > MaxSize {
		return nil, &FormatError{name, "larger than 4 GiB: not a goroutine profile rtlint can hold"}
	}
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		raw, err := gunzip(data)
		if err != nil {
			return nil, &FormatError{name, "gzip data " + err.Error()}
		}
		data = raw
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &FormatError{name, "empty file: not a goroutine profile"}
	}
	if isText(data) {
		p, err = readText(data)
	} else {
		p, err = readProto(data)
	}
	if err != nil {
		return nil, &FormatError{name, err.Error()}
	}
	p.Name = name
	return p, nil
}

func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("is corrupt: %v", err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, MaxSize+1))
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errors.New("is truncated: the file was cut short")
	case err != nil:
		return nil, fmt.Errorf("is corrupt: %v", err)
	case len(raw) > MaxSize:
		return nil, errors.New("decompresses to more than 4 GiB")
	}
	return raw, nil
}

// isText reports whether data looks like text: no NUL byte and valid
// UTF-8 in its first kilobytes. Protobuf profiles start with binary field
// tags.
func isText(data []byte) bool {
	head := data[:min(len(data), 4096)]
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	for len(head) > 0 {
		r, size := utf8.DecodeRune(head)
		if r == utf8.RuneError && size == 1 && len(head) >= utf8.UTFMax {
			return false
		}
		head = head[size:]
	}
	return true
}

func readText(data []byte) (*Profile, error) {
	first := firstLine(data)
	if bytes.HasPrefix(first, []byte("goroutine profile: total ")) || bytes.HasPrefix(first, []byte("goroutineleak profile: total ")) {
		return readDebug1(data)
	}
	if dumpHeader.Match(data) {
		return readDump(data)
	}
	if m := otherProfile.FindSubmatch(first); m != nil {
		return nil, fmt.Errorf("a %q profile, not a goroutine profile", string(m[1])+string(m[2]))
	}
	return nil, fmt.Errorf("not a goroutine profile or dump: no goroutine stacks found (first line %q)", truncate(string(first), 60))
}

func firstLine(data []byte) []byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i]
	}
	return bytes.TrimRight(data, "\r")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
