package contract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/version"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// A Toolchain is the Go installation whose source citations resolve against.
type Toolchain struct {
	GOROOT  string
	Version string // "go1.26.8"; empty if unknown
	// Err says why GOROOT could not be found or read; citations then fall
	// back to the recorded lines.
	Err error

	mu    sync.Mutex
	files map[string]*sourceFile // by GOROOT-relative path
	cites map[ID]Citation
}

type sourceFile struct {
	lines []string
	err   error
}

// A Citation is a resolved reference to one line of the Go source.
type Citation struct {
	ID      ID
	Path    string // as displayed: "runtime/chan.go"
	Line    int
	Version string // the Go version whose source has this line
	// Resolved is false when the anchor could not be found in the user's
	// toolchain and Line/Version are the recorded go1.26.8 values.
	Resolved bool
	// Reason explains an unresolved citation.
	Reason string
}

// String formats the citation as it appears in diagnostics:
// "runtime/chan.go:416, go1.26.8".
func (c Citation) String() string {
	return fmt.Sprintf("%s:%d, %s", c.Path, c.Line, c.Version)
}

// URL is a permalink to the cited line at the cited version.
func (c Citation) URL() string {
	ref := c.Version
	if !isReleaseTag(ref) {
		ref = "master"
	}
	p := c.Path
	if !strings.HasPrefix(p, "doc/") {
		p = "src/" + p
	}
	return fmt.Sprintf("https://github.com/golang/go/blob/%s/%s#L%d", ref, p, c.Line)
}

var releaseTag = regexp.MustCompile(`^go1(\.\d+){1,2}((rc|beta)\d+)?$`)

func isReleaseTag(v string) bool { return releaseTag.MatchString(v) }

// CompareVersions compares Go versions written with or without the "go"
// prefix ("1.23", "go1.23.4"). Invalid versions compare as the lowest.
func CompareVersions(a, b string) int {
	return version.Compare(normVersion(a), normVersion(b))
}

func normVersion(v string) string {
	v = strings.TrimSpace(v)
	if v != "" && !strings.HasPrefix(v, "go") {
		v = "go" + v
	}
	return v
}

var (
	defaultOnce sync.Once
	defaultTC   *Toolchain
)

// Default returns the toolchain the user builds with, found once per
// process: $RTLINT_GOROOT if set; in vet-tool mode, $GOROOT, which the
// invoking go command sets after honouring GOTOOLCHAIN; otherwise what
// `go env GOROOT` says for the go on PATH in the current directory (which
// honours GOTOOLCHAIN and go.mod toolchain lines); failing that, $GOROOT.
func Default() *Toolchain {
	defaultOnce.Do(func() { defaultTC = detect() })
	return defaultTC
}

// VetTool reports whether this process was started by go vet: its last
// argument is the vet configuration file.
func VetTool() bool {
	return len(os.Args) > 1 && strings.HasSuffix(os.Args[len(os.Args)-1], ".cfg")
}

func detect() *Toolchain {
	if root := os.Getenv("RTLINT_GOROOT"); root != "" {
		return Open(root)
	}
	env := os.Getenv("GOROOT")
	if env != "" && VetTool() && isGoRoot(env) {
		return Open(env)
	}
	root, err := goEnvGOROOT()
	if err == nil {
		return Open(root)
	}
	if env != "" && isGoRoot(env) {
		return Open(env)
	}
	return &Toolchain{Err: err}
}

func goEnvGOROOT() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "env", "GOROOT")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("cannot find GOROOT: go env GOROOT: %s", firstLine(msg))
	}
	return strings.TrimSpace(string(out)), nil
}

func isGoRoot(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "src", "runtime"))
	return err == nil && fi.IsDir()
}

// Open returns a toolchain rooted at goroot. It never fails: problems are
// recorded in Err and citations fall back to the recorded lines.
func Open(goroot string) *Toolchain {
	tc := &Toolchain{GOROOT: goroot}
	if goroot == "" {
		tc.Err = errors.New("GOROOT is empty")
		return tc
	}
	if !isGoRoot(goroot) {
		tc.Err = fmt.Errorf("GOROOT %s has no readable src/runtime", goroot)
	}
	tc.Version = readVersion(goroot)
	return tc
}

// readVersion returns the first line of $GOROOT/VERSION, or the version the
// go command in that GOROOT reports.
func readVersion(goroot string) string {
	if b, err := os.ReadFile(filepath.Join(goroot, "VERSION")); err == nil {
		if v := firstLine(string(b)); strings.HasPrefix(v, "go") {
			return v
		}
	}
	if v := os.Getenv("GOVERSION"); v != "" && os.Getenv("GOROOT") == goroot {
		return v
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, filepath.Join(goroot, "bin", "go"), "env", "GOVERSION").Output()
	if err == nil {
		return strings.TrimSpace(string(out))
	}
	return ""
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// Cite resolves the contract's anchor in this toolchain's source. It never
// fails: an unknown ID or an unresolvable anchor yields the recorded line.
func (tc *Toolchain) Cite(id ID) Citation {
	tc.mu.Lock()
	if c, ok := tc.cites[id]; ok {
		tc.mu.Unlock()
		return c
	}
	tc.mu.Unlock()

	cit := tc.cite(id)

	tc.mu.Lock()
	if tc.cites == nil {
		tc.cites = make(map[ID]Citation)
	}
	tc.cites[id] = cit
	tc.mu.Unlock()
	return cit
}

func (tc *Toolchain) cite(id ID) Citation {
	c, ok := Lookup(id)
	if !ok {
		return Citation{ID: id, Path: "unknown-contract", Version: RecordedVersion, Reason: "no contract " + string(id)}
	}
	recorded := Citation{ID: id, Path: c.DisplayPath(), Line: c.Line, Version: c.RecordedIn()}
	if tc.Err != nil {
		recorded.Reason = tc.Err.Error()
		return recorded
	}
	lines, err := tc.lines(c.goRootRel())
	if err != nil {
		recorded.Reason = err.Error()
		return recorded
	}
	line, err := ResolveLines(lines, c)
	if err != nil {
		recorded.Reason = err.Error()
		return recorded
	}
	v := tc.Version
	if v == "" {
		v = "unknown Go version"
	}
	return Citation{ID: id, Path: c.DisplayPath(), Line: line, Version: v, Resolved: true}
}

func (tc *Toolchain) lines(rel string) ([]string, error) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if f, ok := tc.files[rel]; ok {
		return f.lines, f.err
	}
	if tc.files == nil {
		tc.files = make(map[string]*sourceFile)
	}
	f := new(sourceFile)
	b, err := os.ReadFile(filepath.Join(tc.GOROOT, filepath.FromSlash(rel)))
	if err != nil {
		f.err = fmt.Errorf("cannot read %s: %v", rel, errors.Unwrap(err))
		if errors.Unwrap(err) == nil {
			f.err = err
		}
	} else {
		f.lines = strings.Split(string(b), "\n")
	}
	tc.files[rel] = f
	return f.lines, f.err
}
