package report

import (
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// A Tier says when a diagnostic is shown.
type Tier int

const (
	// Default findings claim a concrete failure with evidence in the code:
	// a leak, a panic, a link break, resources piling up without bound, a
	// timeout that starves, data lost in a finalizer, a thread killed
	// unintentionally. Every run shows them.
	Default Tier = iota
	// Review observations are what the checklist asks a reviewer to look
	// at without claiming a failure: hints, documented process-lifetime
	// goroutines, suggestions. Only review mode (-review) shows them.
	Review
)

func (t Tier) String() string {
	if t == Review {
		return "review"
	}
	return "default"
}

// reviewCategory prefixes the Category of a review-tier diagnostic; the
// rest is the contract ID, as for a default-tier one.
const reviewCategory = "review/"

// TierOf returns the tier of a diagnostic reported through this package:
// how SARIF levels, LSP severities and -json consumers tell them apart.
func TierOf(d analysis.Diagnostic) Tier {
	return TierOfCategory(d.Category)
}

// TierOfCategory is TierOf for a diagnostic's category alone (as -json
// prints it).
func TierOfCategory(category string) Tier {
	if strings.HasPrefix(category, reviewCategory) {
		return Review
	}
	return Default
}

// Review reports msg at node as a review-tier observation: dropped unless
// the run is in review mode.
func (r *Reporter) Review(node analysis.Range, msg string, ids ...contract.ID) {
	r.ReviewDiagnostic(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: msg}, ids...)
}

// ReviewDiagnostic is Diagnostic for a review-tier observation.
func (r *Reporter) ReviewDiagnostic(d analysis.Diagnostic, ids ...contract.ID) {
	if !r.ReviewMode() {
		return
	}
	r.report(d, Review, ids)
}

// ReviewMode reports whether review-tier observations are shown.
func (r *Reporter) ReviewMode() bool { return r.idx != nil && r.idx.Review }

// Finding reports d as a finding, or, in code whose purpose makes it moot
// (test-support, benchmark or sample code outside _test.go files:
// analysisutil.SupportOf), as a review-tier observation.
func (r *Reporter) Finding(d analysis.Diagnostic, ids ...contract.ID) {
	if analysisutil.SupportOf(r.pass, d.Pos) != analysisutil.NotSupport {
		r.ReviewDiagnostic(d, ids...)
		return
	}
	r.Diagnostic(d, ids...)
}

// FindingAt is Finding for msg at node.
func (r *Reporter) FindingAt(node analysis.Range, msg string, ids ...contract.ID) {
	r.Finding(analysis.Diagnostic{Pos: node.Pos(), End: node.End(), Message: msg}, ids...)
}
