package linkcheck

import (
	"bytes"
	"go/build"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// The scan of the standard library's Go and assembly files for pushes,
// pulls and definitions.

// A srcFile is one matched file of std with what it contributes.
type srcFile struct {
	rel   string // src-relative path
	pkg   string // import path
	isAsm bool
	found []found
}

// found is one fact read from a file.
type found struct {
	sym  string
	line int
	kind int // foundPush, foundAsm, foundFunc, foundVar
	// compat marks a hall-of-shame push.
	compat bool
	local  string // the local name of a pull
}

const (
	foundPush = iota
	foundAsm
	foundFunc
	foundVar
	foundPull    // a two-argument linkname on a function without body
	foundPushStd // a //go:linknamestd push (Go 1.27+): std pullers only
)

// scanStd walks $GOROOT/src (without cmd and testdata) with a few workers
// and merges what each file contributes, in a deterministic order.
func (ix *Index) scanStd() error {
	src := filepath.Join(ix.target.GOROOT, "src")
	var paths []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == src {
				return err
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if path != src && (name == "testdata" || name[0] == '.' || name[0] == '_' || path == filepath.Join(src, "cmd")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, "_test.go") || name[0] == '.' || name[0] == '_' {
			return nil
		}
		if strings.HasSuffix(name, ".go") || strings.HasSuffix(name, ".s") {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	ctxt := ix.target.context()
	files := make([]*srcFile, len(paths))
	workers := min(runtime.GOMAXPROCS(0), 4)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				files[i] = scanFile(ctxt, src, paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()

	for _, f := range files {
		if f == nil {
			continue
		}
		ix.Files++
		if f.isAsm {
			ix.AsmFiles++
		}
		for _, fd := range f.found {
			s := &site{file: f.rel, line: fd.line, pkg: f.pkg, compat: fd.compat}
			switch fd.kind {
			case foundPush:
				d := ix.get(fd.sym)
				if d.push == nil || (!d.push.compat && s.compat) {
					d.push = s
				}
			case foundPushStd:
				d := ix.get(fd.sym)
				if d.pushStd == nil {
					d.pushStd = s
				}
			case foundAsm:
				d := ix.get(fd.sym)
				if d.asm == nil {
					d.asm = s
				}
			case foundPull:
				ix.stdPulls = append(ix.stdPulls, pull{puller: f.pkg, local: fd.local, sym: fd.sym, at: s})
			case foundFunc, foundVar:
				d := ix.get(fd.sym)
				if d.defined == nil {
					d.defined, d.isVar = s, fd.kind == foundVar
				}
			}
		}
	}
	for _, f := range files {
		if f != nil && !f.isAsm && f.hasLinkname() {
			ix.LinknameFiles++
		}
	}
	return nil
}

func (f *srcFile) hasLinkname() bool {
	for _, fd := range f.found {
		if fd.kind == foundPush {
			return true
		}
	}
	return false
}

// scanFile reads one file if the target's build context selects it.
func scanFile(base build.Context, src, path string) *srcFile {
	dir, name := filepath.Split(path)
	dir = filepath.Clean(dir)
	var data []byte
	var readErr error
	c := base
	c.OpenFile = func(p string) (io.ReadCloser, error) {
		data, readErr = os.ReadFile(p)
		if readErr != nil {
			return nil, readErr
		}
		return io.NopCloser(bytes.NewReader(header(data))), nil
	}
	ok, err := c.MatchFile(dir, name)
	if err != nil || !ok || readErr != nil {
		return nil
	}
	if data == nil { // MatchFile decided by name alone; read now
		if data, err = os.ReadFile(path); err != nil {
			return nil
		}
	}
	rel, err := filepath.Rel(src, path)
	if err != nil {
		return nil
	}
	rel = filepath.ToSlash(rel)
	pkg := pathDir(rel)
	f := &srcFile{rel: rel, pkg: pkg}
	if strings.HasSuffix(name, ".s") {
		f.isAsm = true
		f.found = scanAsm(data, pkg)
	} else {
		f.found = scanGo(data, pkg, name)
	}
	return f
}

// header returns the part of a Go file go/build needs to evaluate its
// build constraints: everything up to the end of the package clause
// (sparing it the import block). Other files are returned whole.
func header(data []byte) []byte {
	off := 0
	for off < len(data) {
		if bytes.HasPrefix(data[off:], []byte("package ")) {
			if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
				return data[:off+i+1]
			}
			return data
		}
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	return data
}

func pathDir(rel string) string {
	if i := strings.LastIndex(rel, "/"); i >= 0 {
		return rel[:i]
	}
	return ""
}

// asmSym matches a TEXT or GLOBL of a named (not file-local) symbol:
// "TEXT ·nanotime1(SB)", "TEXT runtime·memmove<ABIInternal>(SB)",
// "GLOBL internal∕abi·x(SB)".
var asmSym = regexp.MustCompile(`^\s*(?:TEXT|GLOBL)\s+([^\s(·<]*)·([A-Za-z_][\w.]*)(?:<[A-Za-z0-9]+>)?\(SB\)`)

func scanAsm(data []byte, pkg string) []found {
	var out []found
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		if !bytes.Contains(l, []byte("(SB)")) {
			continue
		}
		m := asmSym.FindSubmatch(l)
		if m == nil {
			continue
		}
		p := pkg
		if len(m[1]) > 0 {
			p = strings.ReplaceAll(string(m[1]), "∕", "/")
		}
		out = append(out, found{sym: p + "." + string(m[2]), line: line, kind: foundAsm})
	}
	return out
}

// scanGo reads a Go file of package pkg line by line: its top-level func
// and var definitions and its //go:linkname directives. std is gofmt'd,
// which this relies on: declarations start in column 0 and a function
// with a body has its opening brace at the end of the signature's last
// line.
func scanGo(data []byte, pkg, name string) []found {
	var out []found
	type directive struct {
		local, target string
		line          int
		compat        bool
		std           bool // //go:linknamestd: pushed for std pullers only
	}
	var dirs []directive
	defs := map[string]bool{} // local funcs with bodies and vars
	inVar := false
	lineNo := 0
	for off := 0; off < len(data); {
		lineNo++
		start := off
		l := data[off:]
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l = l[:i]
			off += i + 1
		} else {
			off = len(data)
		}
		if len(l) == 0 {
			continue
		}
		switch {
		case inVar:
			if l[0] == ')' {
				inVar = false
				continue
			}
			if len(l) > 1 && l[0] == '\t' && l[1] != '\t' && l[1] != '/' && l[1] != ' ' {
				for _, n := range varNames(l[1:]) {
					defs[n] = true
					out = append(out, found{sym: pkg + "." + n, line: lineNo, kind: foundVar})
				}
			}
		case l[0] == '/' && (bytes.HasPrefix(l, []byte("//go:linkname ")) || bytes.HasPrefix(l, []byte("//go:linknamestd "))):
			std := bytes.HasPrefix(l, []byte("//go:linknamestd "))
			f := strings.Fields(string(l))[1:]
			if len(f) == 0 || len(f) > 2 {
				continue
			}
			d := directive{local: f[0], line: lineNo, std: std, compat: !std && (compatLocal(name, f[0]) || shameAbove(data, start))}
			if len(f) == 2 {
				d.target = f[1]
			}
			dirs = append(dirs, d)
		case l[0] == 'f' && bytes.HasPrefix(l, []byte("func ")):
			name, recv := funcName(l[len("func "):])
			if name == "" {
				continue
			}
			// Find the signature's last line.
			last, rest := l, data[off:]
			for continues(last) && len(rest) > 0 {
				if i := bytes.IndexByte(rest, '\n'); i >= 0 {
					last, rest = rest[:i], rest[i+1:]
				} else {
					last, rest = rest, nil
				}
			}
			if !hasBody(last) {
				continue
			}
			sym := name
			if recv != "" {
				sym = recv + "." + name
			} else {
				defs[name] = true
			}
			out = append(out, found{sym: pkg + "." + sym, line: lineNo, kind: foundFunc})
		case l[0] == 'v' && bytes.HasPrefix(l, []byte("var (")):
			inVar = true
		case l[0] == 'v' && bytes.HasPrefix(l, []byte("var ")):
			for _, n := range varNames(l[len("var "):]) {
				defs[n] = true
				out = append(out, found{sym: pkg + "." + n, line: lineNo, kind: foundVar})
			}
		}
	}
	for _, d := range dirs {
		push := foundPush
		if d.std {
			push = foundPushStd
		}
		if d.target == "" {
			// One argument: marks the local definition as pullable.
			out = append(out, found{sym: pkg + "." + d.local, line: d.line, kind: push, compat: d.compat})
			continue
		}
		// Two arguments on a definition (a func with a body or a var)
		// define the target with the linkname flag: a push. On a
		// declaration without body they are a pull: nothing to record.
		// A two-argument linkname naming a symbol of the file's own
		// package marks that symbol's definition too: reflect's
		// badlinkname.go pushes methods this way.
		if tp, _ := SplitSymbol(d.target); defs[d.local] || tp == pkg {
			out = append(out, found{sym: d.target, line: d.line, kind: push, compat: d.compat})
		} else if !d.std {
			out = append(out, found{sym: d.target, line: d.line, kind: foundPull, local: d.local})
		}
	}
	return out
}

// shameAbove reports whether the comments just above the line starting at
// off say the push exists for widely used packages (the "hall of shame"
// annotation, or the "legacy code" note on runtime.fastrand). It reads
// upwards through comment lines and blank lines, and stops at code.
func shameAbove(data []byte, off int) bool {
	end := off
	for n := 0; n < 40 && end > 0; n++ {
		start := bytes.LastIndexByte(data[:end-1], '\n') + 1
		l := bytes.TrimSpace(data[start : end-1])
		end = start
		if len(l) == 0 {
			continue
		}
		if !bytes.HasPrefix(l, []byte("//")) {
			return false
		}
		for _, m := range shameMarks {
			if bytes.Contains(l, m) {
				return true
			}
		}
	}
	return false
}

var shameMarks = [][]byte{
	[]byte("hall of shame"),
	[]byte("widely used packages access"),
	[]byte("legacy code has go:linkname"),               // runtime.fastrand
	[]byte("for the package to //go:linkname"),          // runtime.heapObjectsCanMove
	[]byte("for the linkname uses"),                     // reflect
	[]byte("compatibility with existing //go:linkname"), // runtime/linkname_shim.go
	[]byte("go.dev/issue/67401"),
}

// compatLocal reports whether a push's local name or file says it exists
// for outside pullers: runtime's legacy_fastrand, reflect's
// badlinkname_rtype_String, runtime/linkname_shim.go.
func compatLocal(file, local string) bool {
	return strings.HasPrefix(local, "legacy_") || strings.HasPrefix(local, "badlinkname_") ||
		strings.Contains(file, "badlinkname") || strings.Contains(file, "linkname_shim")
}

// funcName parses what follows "func ": "name(", "name[T any](",
// "(r *T) name(" (method symbols are "(*T).name" or "T.name").
func funcName(s []byte) (name, recv string) {
	if len(s) > 0 && s[0] == '(' {
		end := bytes.IndexByte(s, ')')
		if end < 0 {
			return "", ""
		}
		r := strings.Fields(string(s[1:end]))
		if len(r) == 0 {
			return "", ""
		}
		t := r[len(r)-1]
		if i := strings.IndexByte(t, '['); i >= 0 {
			return "", "" // generic receiver: no linkable symbol
		}
		if strings.HasPrefix(t, "*") {
			recv = "(" + t + ")"
		} else {
			recv = t
		}
		s = bytes.TrimLeft(s[end+1:], " ")
	}
	i := 0
	for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9' || s[i] >= 0x80) {
		i++
	}
	if i == 0 || i == len(s) || (s[i] != '(' && s[i] != '[') {
		return "", ""
	}
	return string(s[:i]), recv
}

// continues reports whether a signature line goes on on the next line.
func continues(l []byte) bool {
	l = bytes.TrimRight(stripComment(l), " \t")
	return bytes.HasSuffix(l, []byte("(")) || bytes.HasSuffix(l, []byte(","))
}

// hasBody reports whether the last line of a signature opens a body.
func hasBody(l []byte) bool {
	l = bytes.TrimRight(stripComment(l), " \t")
	if bytes.HasSuffix(l, []byte("{")) {
		return !bytes.HasSuffix(l, []byte("interface {")) && !bytes.HasSuffix(l, []byte("struct {"))
	}
	if bytes.HasSuffix(l, []byte("}")) {
		l = bytes.ReplaceAll(l, []byte("interface{}"), nil)
		l = bytes.ReplaceAll(l, []byte("struct{}"), nil)
		return bytes.IndexByte(l, '{') >= 0
	}
	return false
}

func stripComment(l []byte) []byte {
	if i := bytes.Index(l, []byte(" //")); i >= 0 && !bytes.ContainsAny(l[:i], "\"`") {
		return l[:i]
	}
	return l
}

// varNames returns the names declared by a var spec line: "a, b T",
// "x = 1", "x T // doc".
func varNames(s []byte) []string {
	var names []string
	for {
		i := 0
		for i < len(s) && (s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9' || s[i] >= 0x80) {
			i++
		}
		if i == 0 {
			return names
		}
		if string(s[:i]) != "_" {
			names = append(names, string(s[:i]))
		}
		s = s[i:]
		if len(s) > 1 && s[0] == ',' && s[1] == ' ' {
			s = s[2:]
			continue
		}
		return names
	}
}

func sortStrings(s []string) { sort.Strings(s) }
