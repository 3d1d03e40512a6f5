package driver

import (
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// TextOptions control WriteText.
type TextOptions struct {
	// Dir is the directory file names are printed relative to (as go vet
	// prints them); files outside it are printed in full. "" is the
	// current directory.
	Dir string
	// Context is the number of source lines to print around each finding
	// (-c); negative for none.
	Context int
}

// WriteErrors writes the errors that kept packages from being analyzed,
// each once, then one line per package that was not analyzed, naming why.
// It returns the number of packages not analyzed or whose analysis failed.
func (r *Result) WriteErrors(w io.Writer, dir string) (int, error) {
	rel := relativizer(dir)
	var b strings.Builder
	for _, e := range r.Errors() {
		pos := e.Pos
		if pos == "" || pos == "-" {
			fmt.Fprintln(&b, e.Msg)
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", rel(pos), e.Msg)
	}
	failed := 0
	seen := map[string]bool{}
	for i, pkg := range r.Packages {
		line := ""
		if why := r.Skipped[i]; why != "" {
			line = fmt.Sprintf("rtlint: %s not analyzed: %s", pkg.PkgPath, why)
		} else {
			for _, a := range r.Analyzers {
				if act := r.Actions[i][a]; act != nil && act.Err != nil {
					line = fmt.Sprintf("rtlint: %s: %s failed: %v", pkg.PkgPath, a.Name, act.Err)
					break
				}
			}
		}
		if line == "" {
			continue
		}
		failed++
		if !seen[line] { // a package and its test variant
			seen[line] = true
			fmt.Fprintln(&b, line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return failed, err
}

// WriteText writes the findings, sorted by file and position, one per
// line as "file:line:col: analyzer: message (citation)".
func (r *Result) WriteText(w io.Writer, opts TextOptions) error {
	return WriteFindings(w, r.Findings(), opts)
}

// WriteFindings writes findings as WriteText does.
func WriteFindings(w io.Writer, findings []Finding, opts TextOptions) error {
	rel := relativizer(opts.Dir)
	var b strings.Builder
	lines := map[string][]string{}
	for _, f := range findings {
		fmt.Fprintf(&b, "%s: %s: %s\n", rel(f.Posn.String()), f.Analyzer.Name, f.Message)
		if opts.Context >= 0 {
			context(&b, lines, f.Posn, f.End, opts.Context)
		}
		for _, rl := range f.Related {
			fmt.Fprintf(&b, "%s: \t%s\n", rel(rl.Posn.String()), rl.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// context prints the lines around [posn, end], numbered, as go vet -c does.
func context(b *strings.Builder, cache map[string][]string, posn, end token.Position, n int) {
	lines, ok := cache[posn.Filename]
	if !ok {
		data, _ := os.ReadFile(posn.Filename)
		lines = strings.Split(string(data), "\n")
		cache[posn.Filename] = lines
	}
	if !end.IsValid() || end.Filename != posn.Filename {
		end = posn
	}
	for i := posn.Line - n; i <= end.Line+n; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(b, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// relativizer returns a function that rewrites a "file:line:col" position
// (or a file name) to be relative to dir when the file is inside it.
func relativizer(dir string) func(string) string {
	if dir == "" {
		dir, _ = os.Getwd()
	}
	return func(pos string) string {
		if !filepath.IsAbs(pos) || dir == "" {
			return pos
		}
		file, rest := pos, ""
		// Split "file:line:col" at the first colon after the file name
		// (a Windows drive letter has one before it).
		if i := strings.Index(pos[len(filepath.VolumeName(pos)):], ":"); i >= 0 {
			i += len(filepath.VolumeName(pos))
			file, rest = pos[:i], pos[i:]
		}
		r, err := filepath.Rel(dir, file)
		if err != nil || !filepath.IsLocal(r) {
			return pos
		}
		return r + rest
	}
}
