// Package report is the one path by which rtlint analyzers report. It owns
// the policy every diagnostic shares: the runtime citation appended to the
// message and carried in Diagnostic.URL, suppression by //rtlint:ignore and
// //rtlint:file-ignore directives, and silence in generated files.
package report

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/analysis/facts/generated"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
	"github.com/rtlint/rtlint/internal/directive"
)

// A Reporter reports one pass's diagnostics.
type Reporter struct {
	pass    *analysis.Pass
	idx     *directive.Index
	tc      *contract.Toolchain
	origins map[string]bool // generated, by //line target file
}

// New returns the reporter for pass. The analyzer must require
// directive.Analyzer.
func New(pass *analysis.Pass) *Reporter {
	idx, _ := pass.ResultOf[directive.Analyzer].(*directive.Index)
	return &Reporter{pass: pass, idx: idx, tc: contract.Default()}
}

// Toolchain is the toolchain citations resolve against.
func (r *Reporter) Toolchain() *contract.Toolchain { return r.tc }

// Report reports msg (lower case, no final period: the consequence and the
// remedy) at node, citing the contracts that prove it.
func (r *Reporter) Report(node analysis.Range, msg string, ids ...contract.ID) {
	r.Diagnostic(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: msg}, ids...)
}

// Reportf is Report with a format.
func (r *Reporter) Reportf(node analysis.Range, id contract.ID, format string, args ...any) {
	r.Report(node, fmt.Sprintf(format, args...), id)
}

// Diagnostic reports d as a default-tier finding, appending the citations
// of ids to its message and setting its URL to the first citation's
// permalink, unless d is in a generated file or silenced by a directive.
func (r *Reporter) Diagnostic(d analysis.Diagnostic, ids ...contract.ID) {
	r.report(d, Default, ids)
}

func (r *Reporter) report(d analysis.Diagnostic, tier Tier, ids []contract.ID) {
	if r.Suppressed(d.Pos) {
		return
	}
	if tier == Default && r.idx.Demoted(r.pass.Analyzer.Name, d.Pos) {
		tier = Review // another tool's suppression of the same concern
	}
	if len(ids) > 0 {
		cites := make([]contract.Citation, len(ids))
		for i, id := range ids {
			cites[i] = r.tc.Cite(id)
		}
		d.Message += " (" + Format(cites) + ")"
		if d.URL == "" {
			d.URL = cites[0].URL()
		}
		if d.Category == "" {
			d.Category = string(ids[0])
		}
	}
	if tier == Review {
		d.Category = reviewCategory + d.Category
	}
	r.pass.Report(d)
}

// Suppressed reports whether a diagnostic at pos would be dropped: it is in
// a generated file or silenced by a directive for this analyzer.
func (r *Reporter) Suppressed(pos token.Pos) bool {
	return r.isGenerated(pos) || r.idx.Suppressed(r.pass.Analyzer.Name, pos)
}

// isGenerated reports whether pos is in a generated file, as staticcheck's
// generated-file detection (through directive.Analyzer) finds them. cmd/cgo
// rewrites the user's file into a generated one whose //line directives
// point back at it: such code is judged by the file it came from.
func (r *Reporter) isGenerated(pos token.Pos) bool {
	if r.idx == nil || len(r.idx.Generated) == 0 {
		return false
	}
	here := r.pass.Fset.PositionFor(pos, false).Filename
	gen, ok := r.idx.Generated[here]
	if !ok {
		return false
	}
	from := r.pass.Fset.Position(pos).Filename
	if gen != generated.Cgo || from == here || from == "" {
		return true
	}
	return r.originGenerated(from)
}

// originGenerated reports whether the file a //line directive names is
// itself generated; a file that cannot be read is not.
func (r *Reporter) originGenerated(filename string) bool {
	if gen, ok := r.origins[filename]; ok {
		return gen
	}
	if r.origins == nil {
		r.origins = map[string]bool{}
	}
	gen := false
	src, err := analysisutil.ReadFile(r.pass, filename)
	if err != nil {
		src, err = os.ReadFile(filename) // under go vet, only the cgo output is readable through the pass
	}
	if err == nil {
		if f, err := parser.ParseFile(token.NewFileSet(), filename, src, parser.PackageClauseOnly|parser.ParseComments); err == nil {
			gen = ast.IsGenerated(f)
		}
	}
	r.origins[filename] = gen
	return gen
}

// Format renders citations the way diagnostics show them:
// "runtime/chan.go:425, go1.26.8", and for several of one version
// "runtime/proc.go:4337, runtime/preempt.go:16, go1.26.8".
func Format(cites []contract.Citation) string {
	parts := make([]string, len(cites))
	same := true
	for i, c := range cites {
		parts[i] = fmt.Sprintf("%s:%d", c.Path, c.Line)
		same = same && c.Version == cites[0].Version
	}
	if same {
		return strings.Join(parts, ", ") + ", " + cites[0].Version
	}
	for i, c := range cites {
		parts[i] = c.String()
	}
	return strings.Join(parts, "; ")
}
