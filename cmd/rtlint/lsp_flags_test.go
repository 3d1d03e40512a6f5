package main_test

import (
	"path/filepath"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
)

// TestLSPBadFlags: a flag rtlint lsp does not honour, or an argument, is
// one line of error and exit code 2, before any protocol.
func TestLSPBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-json"}, {"-fix"}, {"-c", "3"}, {"-nosuchanalyzer"}, {"-debounce", "soon"}, {"-debounce", "-1s"}, {"./..."},
	} {
		r := run(t, t.TempDir(), rtlintBin, append([]string{"lsp"}, args...)...)
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		if r.code != 2 || len(lines) != 1 || !strings.HasPrefix(lines[0], "rtlint lsp: ") || r.stdout != "" {
			t.Errorf("rtlint lsp %s: exit %d, stdout %q, stderr %q; want exit 2 and one line", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	if r := run(t, t.TempDir(), rtlintBin, "lsp", "-help"); r.code != 0 || !strings.Contains(r.stderr, "-review") || !strings.Contains(r.stderr, "-tags") {
		t.Errorf("rtlint lsp -help: exit %d\n%s", r.code, r.stderr)
	}
}

// TestLSPTags: -tags reaches the go command that loads packages. Without
// it the tagged file is excluded from the build, and the server says so
// on the file instead of analyzing it silently to nothing.
func TestLSPTags(t *testing.T) {
	dir := sessionModule(t)
	path := filepath.Join(dir, "tagged", "tagged.go")

	p := startLSP(t, dir)
	p.Initialize(true)
	uri := p.Open(path, 1)
	diags := p.WaitDiags(uri, 1, func(d []lsptest.Diagnostic) bool { return len(d) > 0 })
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Message, "file not analyzed: its build constraints exclude it") ||
		diags[0].Severity != int(protocol.DiagnosticSeverityInformation) {
		t.Errorf("without -tags: %+v", diags)
	}
	p.shutdown()

	p = startLSP(t, dir, "-tags", "lsptag,othertag")
	p.Initialize(true)
	uri = p.Open(path, 1)
	diags = p.WaitDiags(uri, 1, lsptest.Has("lockthread"))
	if len(diags) != 1 {
		t.Errorf("with -tags lsptag: %+v", diags)
	}
	p.shutdown()
}

// TestLSPReview: with -review the server reports what it reports without
// it, and more: every diagnostic only -review shows is a review-tier
// observation, published as Information, while findings stay Warnings.
// (No analyzer reports in the review tier yet, so today the two sets are
// equal; internal/lsp's TestSeverityByTier runs an analyzer that reports
// in both tiers through the server, in review mode and out of it.)
func TestLSPReview(t *testing.T) {
	dir := sessionModule(t)
	diags := map[bool][]lsptest.Diagnostic{}
	for _, review := range []bool{false, true} {
		args := []string{"-debounce", "20ms"}
		if review {
			args = append(args, "-review")
		}
		p := startLSP(t, dir, args...)
		p.Initialize(true)
		uri := p.Open(filepath.Join(dir, "fix", "fix.go"), 1)
		diags[review] = p.WaitDiags(uri, 1, lsptest.Has("lockthread", "timeafter"))
		p.shutdown()
	}
	seen := map[string]bool{}
	for _, d := range diags[false] {
		seen[d.Message] = true
		if d.Severity != int(protocol.DiagnosticSeverityWarning) {
			t.Errorf("%s: severity %d, want Warning", d.Code, d.Severity)
		}
	}
	for _, d := range diags[true] {
		if !seen[d.Message] && d.Severity != int(protocol.DiagnosticSeverityInformation) {
			t.Errorf("-review adds %s with severity %d, want Information", d.Message, d.Severity)
		}
		delete(seen, d.Message)
	}
	if len(seen) > 0 {
		t.Errorf("-review dropped %v", seen)
	}
}
