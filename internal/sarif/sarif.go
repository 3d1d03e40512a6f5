// Package sarif renders rtlint diagnostics as a SARIF 2.1.0 log, the format
// GitHub code scanning and other CI dashboards ingest.
//
// The log has one run whose tool.driver lists one rule per analyzer (its
// summary, documentation and URL) and one result per diagnostic: the
// message with its citation (and, in markdown, the citation linked to the
// cited line), the range in UTF-16 columns, and the suggested fixes.
package sarif

import (
	"bytes"
	"cmp"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/rtlint/rtlint/internal/driver"
	"github.com/rtlint/rtlint/internal/report"
)

// SrcRoot is the uriBaseId of result locations: the directory rtlint ran in
// (normally the repository root, as code scanning expects).
const SrcRoot = "%SRCROOT%"

// InformationURI is the tool's home page.
const InformationURI = "https://github.com/rtlint/rtlint"

// A Finding is one diagnostic of one analyzer, positions resolved.
type Finding = driver.Finding

// Options describe the run.
type Options struct {
	// BaseDir is the absolute directory that result URIs are relative to,
	// declared as %SRCROOT%. Files outside it get absolute file URIs.
	BaseDir string
	// Version is rtlint's version, if known.
	Version string
	// Errors are the problems that kept packages from being analyzed
	// (load and type errors); they become tool execution notifications
	// and mark the invocation unsuccessful.
	Errors []string
	// CommandLine is the command line, for the invocation record.
	CommandLine []string
	// ReadFile reads source files to compute UTF-16 columns; os.ReadFile
	// when nil.
	ReadFile func(string) ([]byte, error)
}

// Report builds the SARIF log for findings of analyzers.
func Report(analyzers []*analysis.Analyzer, findings []Finding, opts Options) *sarif.Report {
	if opts.ReadFile == nil {
		opts.ReadFile = os.ReadFile
	}
	run := sarif.NewRunWithInformationURI("rtlint", InformationURI)
	if opts.Version != "" {
		run.Tool.Driver.WithVersion(opts.Version)
	}
	run.ColumnKind = ptr("utf16CodeUnits")
	if opts.BaseDir != "" {
		run.OriginalUriBaseIds = map[string]sarif.ArtifactLocation{
			SrcRoot: *sarif.NewArtifactLocation().WithURI(DirURI(opts.BaseDir)),
		}
	}

	sorted := slices.Clone(analyzers)
	slices.SortFunc(sorted, func(a, b *analysis.Analyzer) int { return cmp.Compare(a.Name, b.Name) })
	for _, a := range sorted {
		summary, rest, _ := strings.Cut(a.Doc, "\n")
		rule := run.AddRule(a.Name).WithName(a.Name).WithDescription(summary).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarif.LevelWarning))
		if rest = strings.TrimSpace(rest); rest != "" {
			rule.WithFullDescription(sarif.NewMultiformatMessageString().WithText(rest))
		}
		rule.WithHelp(sarif.NewMultiformatMessageString().WithText(a.Doc))
		if a.URL != "" {
			rule.WithHelpURI(a.URL)
		}
	}

	cols := &columns{read: opts.ReadFile, files: map[string][]byte{}}
	for _, f := range findings {
		level := sarif.LevelWarning
		if report.TierOfCategory(f.Category) == report.Review {
			level = sarif.LevelNote
		}
		res := run.CreateResultForRule(f.Analyzer.Name).
			WithLevel(level).
			WithMessage(message(f.Message, f.URL))
		res.AddLocation(sarif.NewLocationWithPhysicalLocation(
			sarif.NewPhysicalLocation().
				WithArtifactLocation(Artifact(opts.BaseDir, f.Posn.Filename)).
				WithRegion(cols.region(f.Posn, f.End))))
		props := sarif.NewPropertyBag()
		if f.URL != "" {
			props.Add("citation", f.URL)
		}
		if f.Category != "" {
			props.Add("tier", report.TierOfCategory(f.Category).String())
		}
		res.WithProperties(props)
		for _, fix := range f.Fixes {
			res.AddFixe(cols.fix(opts.BaseDir, fix))
		}
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(len(opts.Errors) == 0)
	if len(opts.CommandLine) > 0 {
		inv.WithArguments(opts.CommandLine)
	}
	if opts.BaseDir != "" {
		inv.WithWorkingDirectory(sarif.NewArtifactLocation().WithURI(DirURI(opts.BaseDir)))
	}
	for _, e := range opts.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarif.NewNotification().WithLevel(sarif.LevelError).WithMessage(sarif.NewTextMessage(e)))
	}
	run.AddInvocation(inv)

	report := sarif.NewReport()
	report.AddRun(run)
	return report
}

// Write writes r, indented, with a final newline.
func Write(w io.Writer, r *sarif.Report) error {
	if err := r.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// message is the diagnostic's text, citation included, and in markdown the
// citation at its end linked to the cited line.
func message(msg, url string) *sarif.Message {
	m := sarif.NewTextMessage(msg)
	if url == "" || !strings.HasSuffix(msg, ")") {
		return m
	}
	i := strings.LastIndex(msg, " (")
	if i < 0 {
		return m
	}
	cite := msg[i+2 : len(msg)-1]
	md := markdownEscape(msg[:i]) + " ([" + markdownEscape(cite) + "](" + url + "))"
	return m.WithMarkdown(md)
}

func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Artifact locates file relative to %SRCROOT% when it is under base.
func Artifact(base, file string) *sarif.ArtifactLocation {
	if base != "" {
		if rel, err := filepath.Rel(base, file); err == nil && filepath.IsLocal(rel) {
			return sarif.NewArtifactLocation().WithURI(pathURI(filepath.ToSlash(rel))).WithURIBaseID(SrcRoot)
		}
	}
	return sarif.NewArtifactLocation().WithURI(fileURI(file))
}

func pathURI(p string) string { return (&url.URL{Path: p}).EscapedPath() }

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// DirURI is the file: URI of a directory, ending in a slash, as SARIF
// wants for %SRCROOT% and working directories.
func DirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// columns converts go/token byte columns to SARIF's UTF-16 columns.
type columns struct {
	read  func(string) ([]byte, error)
	files map[string][]byte
}

func (c *columns) content(file string) []byte {
	b, ok := c.files[file]
	if !ok {
		b, _ = c.read(file)
		c.files[file] = b
	}
	return b
}

// col is the 1-based UTF-16 column of p; p's byte column when the file
// cannot be read or has changed.
func (c *columns) col(p token.Position) int {
	src := c.content(p.Filename)
	lineStart := p.Offset - (p.Column - 1)
	if src == nil || lineStart < 0 || p.Offset > len(src) {
		return max(p.Column, 1)
	}
	n := 1
	for b := src[lineStart:p.Offset]; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func (c *columns) region(start, end token.Position) *sarif.Region {
	r := sarif.NewRegion().WithStartLine(max(start.Line, 1)).WithStartColumn(c.col(start))
	if end.Line >= start.Line && end.Line > 0 {
		r.WithEndLine(end.Line).WithEndColumn(c.col(end))
	}
	return r
}

// position returns the line and column (1-based, bytes) of offset in file;
// ok is false when the file cannot be read or is shorter.
func (c *columns) position(file string, offset int) (token.Position, bool) {
	src := c.content(file)
	if src == nil || offset > len(src) {
		return token.Position{}, false
	}
	line := 1 + bytes.Count(src[:offset], []byte("\n"))
	col := offset - (bytes.LastIndexByte(src[:offset], '\n') + 1) + 1
	return token.Position{Filename: file, Offset: offset, Line: line, Column: col}, true
}

// fix converts a suggested fix, its edits grouped by file.
func (c *columns) fix(base string, f driver.Fix) *sarif.Fix {
	byFile := map[string][]*sarif.Replacement{}
	var files []string
	for _, e := range f.Edits {
		start, ok1 := c.position(e.File, e.Start)
		end, ok2 := c.position(e.File, e.End)
		if !ok1 || !ok2 {
			continue
		}
		if _, ok := byFile[e.File]; !ok {
			files = append(files, e.File)
		}
		byFile[e.File] = append(byFile[e.File], sarif.NewReplacement().
			WithDeletedRegion(sarif.NewRegion().
				WithStartLine(start.Line).WithStartColumn(c.col(start)).
				WithEndLine(end.Line).WithEndColumn(c.col(end))).
			WithInsertedContent(sarif.NewArtifactContent().WithText(e.New)))
	}
	fix := sarif.NewFix().WithDescription(sarif.NewTextMessage(f.Message))
	for _, file := range files {
		fix.AddArtifactChange(sarif.NewArtifactChange().
			WithArtifactLocation(Artifact(base, file)).
			WithReplacements(byFile[file]))
	}
	return fix
}

func ptr[T any](v T) *T { return &v }
