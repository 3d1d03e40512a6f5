package sheet

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

// A Status is the outcome of resolving one contract in one toolchain.
type Status string

const (
	// Resolved: the anchor was found.
	Resolved Status = "resolved"
	// Unresolved: the claim holds for this version (by Since/Until) but the
	// anchor was not found: the file moved, the declaration was renamed or
	// the text changed. This is the drift that fails a check.
	Unresolved Status = "unresolved"
	// Retired: the anchor was not found and the table says the claim does
	// not hold for this version (Since is later, or Until is not later).
	Retired Status = "not-applicable"
	// Unavailable: the file lives in a GOROOT directory this installation
	// does not ship (toolchains fetched through GOTOOLCHAIN have no doc/).
	Unavailable Status = "unavailable"
)

// A Finding is one contract checked against one toolchain.
type Finding struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
	// Cite is "runtime/chan.go:425" in the checked toolchain, or the
	// recorded line when the anchor did not resolve.
	Cite     string `json:"cite"`
	Line     int    `json:"line"`
	Text     string `json:"text,omitempty"`
	Fallback bool   `json:"fallback,omitempty"`
	Decl     string `json:"decl,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// A Report is a check of every contract against one toolchain.
type Report struct {
	GoVersion string    `json:"goVersion"`
	GOROOT    string    `json:"goroot"`
	Findings  []Finding `json:"findings"`
}

// Check resolves every contract's anchor in tc. A toolchain whose source
// cannot be read is an error.
func Check(tc *contract.Toolchain) (*Report, error) {
	if tc.Err != nil {
		return nil, tc.Err
	}
	rep := &Report{GoVersion: tc.Version, GOROOT: tc.GOROOT}
	for _, c := range contract.All() {
		res := tc.Resolve(c.ID)
		f := Finding{
			ID:       string(c.ID),
			Cite:     fmt.Sprintf("%s:%d", res.Path, res.Line),
			Line:     res.Line,
			Text:     res.Text,
			Fallback: res.Fallback,
			Decl:     res.Decl,
			Reason:   res.Reason,
		}
		switch {
		case res.Resolved:
			f.Status = Resolved
		case res.FileMissing && !dirExists(tc.GOROOT, c.GOROOTPath()):
			f.Status = Unavailable
			top, _, _ := strings.Cut(c.GOROOTPath(), "/")
			f.Reason = fmt.Sprintf("this GOROOT has no %s/ directory (toolchains fetched through GOTOOLCHAIN ship only what building needs)", top)
		case !c.HoldsFor(tc.Version):
			f.Status = Retired
			f.Reason = fmt.Sprintf("%s (the claim holds for %s)", f.Reason, c.Versions())
		default:
			f.Status = Unresolved
		}
		rep.Findings = append(rep.Findings, f)
	}
	return rep, nil
}

// dirExists reports whether the top directory of rel ("doc" of
// "doc/godebug.md") exists below goroot.
func dirExists(goroot, rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	fi, err := os.Stat(filepath.Join(goroot, top))
	return err == nil && fi.IsDir()
}

// Failed returns the findings that fail a check.
func (r *Report) Failed() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Status == Unresolved {
			out = append(out, f)
		}
	}
	return out
}

// Count returns how many findings have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, f := range r.Findings {
		if f.Status == s {
			n++
		}
	}
	return n
}

// A Change is how one contract's citation differs between two toolchains.
type Change string

const (
	Same Change = "same"
	// Moved: same cited text and declaration, another line.
	Moved Change = "moved"
	// Declaration: the cited line is the same but the declaration holding
	// it changed: re-read the claim.
	Declaration Change = "declaration"
	// Text: the cited line's text changed (the anchor resolved through a
	// fallback, or matches a changed line): re-read the claim.
	Text Change = "text"
	// Lost: resolves in the base toolchain, not in the other one, although
	// the claim holds for it. A failure.
	Lost Change = "unresolved"
	// NotApplicable: the other toolchain's version is outside the claim's
	// Since/Until, or its file is not shipped there.
	NotApplicable Change = "not-applicable"
)

// A Drift is one contract compared across two toolchains.
type Drift struct {
	ID     string  `json:"id"`
	Change Change  `json:"change"`
	From   Finding `json:"from"`
	To     Finding `json:"to"`
}

// Compare compares the citations of every contract in base and other.
func Compare(base, other *Report) []Drift {
	to := map[string]Finding{}
	for _, f := range other.Findings {
		to[f.ID] = f
	}
	var out []Drift
	for _, from := range base.Findings {
		t := to[from.ID]
		d := Drift{ID: from.ID, From: from, To: t}
		switch {
		case t.Status == Unresolved:
			d.Change = Lost
		case t.Status != Resolved:
			d.Change = NotApplicable
		case from.Status != Resolved:
			d.Change = Text // resolves only in the other toolchain
		case from.Text != t.Text || t.Fallback != from.Fallback:
			d.Change = Text
		case from.Decl != t.Decl:
			d.Change = Declaration
		case from.Line != t.Line:
			d.Change = Moved
		default:
			d.Change = Same
		}
		out = append(out, d)
	}
	return out
}

var versionRE = regexp.MustCompile(`^go1(\.\d+){1,2}((rc|beta)\d+)?$`)

// IsRelease reports whether v names a Go release ("go1.27.3", "go1.28rc1").
func IsRelease(v string) bool { return versionRE.MatchString(v) }

// FetchToolchain returns the GOROOT of Go release version ("go1.27.3"),
// running `GOTOOLCHAIN=version go env GOROOT`, which downloads that
// toolchain through the module proxy into the module cache the first time.
func FetchToolchain(ctx context.Context, version string) (string, error) {
	if !versionRE.MatchString(version) {
		return "", fmt.Errorf("%q is not a Go release (want e.g. go1.27.3)", version)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "env", "GOROOT")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+version)
	cmd.Dir = os.TempDir() // no go.mod or go.work to consult
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = strings.TrimSpace(msg[i+1:])
		}
		return "", fmt.Errorf("GOTOOLCHAIN=%s go env GOROOT: %s", version, msg)
	}
	root := strings.TrimSpace(string(out))
	if root == "" {
		return "", fmt.Errorf("GOTOOLCHAIN=%s go env GOROOT printed nothing", version)
	}
	return root, nil
}
