package leakprof

import (
	"fmt"
	"io"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	rtsarif "github.com/rtlint/rtlint/internal/sarif"
)

// SARIFOptions describe the run for the SARIF log.
type SARIFOptions struct {
	BaseDir     string // absolute; result paths are relative to it (%SRCROOT%)
	Version     string // rtlint's version, if known
	CommandLine []string
}

// The rules of the SARIF log, one per verdict.
var sarifRules = []struct {
	verdict     Verdict
	level, desc string
}{
	{VerdictLeaking, sarif.LevelError, "goroutines that will not come back are parked at this line"},
	{VerdictStable, sarif.LevelNote, "goroutines parked at this line in a number that stays flat across profiles"},
	{VerdictParked, sarif.LevelNote, "goroutines parked at this line"},
}

func ruleID(v Verdict) string { return "leaks/" + string(v) }

// WriteSARIF writes the sites in the module as a SARIF 2.1.0 log: one
// result per site at its line, with the go statements and the joined
// rtlint findings as related locations.
func (r *Report) WriteSARIF(w io.Writer, opts SARIFOptions) error {
	run := sarif.NewRunWithInformationURI("rtlint", rtsarif.InformationURI)
	if opts.Version != "" {
		run.Tool.Driver.WithVersion(opts.Version)
	}
	if opts.BaseDir != "" {
		run.OriginalUriBaseIds = map[string]sarif.ArtifactLocation{
			rtsarif.SrcRoot: *sarif.NewArtifactLocation().WithURI(rtsarif.DirURI(opts.BaseDir)),
		}
	}
	level := map[Verdict]string{}
	for _, rule := range sarifRules {
		level[rule.verdict] = rule.level
		run.AddRule(ruleID(rule.verdict)).WithName("leaks-" + string(rule.verdict)).WithDescription(rule.desc).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(rule.level)).
			WithHelpURI(rtsarif.InformationURI + "/blob/main/docs/leaks.md")
	}
	for _, s := range r.Sites {
		cite, link := s.Citation()
		res := run.CreateResultForRule(ruleID(s.Verdict)).WithLevel(level[s.Verdict]).
			WithMessage(sarif.NewTextMessage(sarifMessage(s) + " (" + cite + ")"))
		res.AddLocation(location(opts.BaseDir, s.File, s.Line, ""))
		for _, c := range s.Creators {
			res.AddRelatedLocation(location(opts.BaseDir, c.File, c.Line, "go statement that started them"))
		}
		for _, m := range s.Findings {
			res.AddRelatedLocation(location(opts.BaseDir, m.File, m.Line, m.Analyzer+": "+m.Message))
		}
		props := sarif.NewPropertyBag().Add("counts", s.Counts).Add("leaked", s.Leaked).
			Add("wait_reason", s.State).Add("max_wait_minutes", s.WaitMinutes).Add("citation", link)
		if s.Trend != TrendNone {
			props.Add("trend", string(s.Trend))
		}
		res.WithProperties(props)
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(len(r.Errors) == 0)
	if len(opts.CommandLine) > 0 {
		inv.WithArguments(opts.CommandLine)
	}
	for _, e := range r.Errors {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications,
			sarif.NewNotification().WithLevel(sarif.LevelError).WithMessage(sarif.NewTextMessage(e)))
	}
	run.AddInvocation(inv)
	log := sarif.NewReport()
	log.AddRun(run)
	return rtsarif.Write(w, log)
}

// sarifMessage is one sentence for the site: the count and wait, the
// verdict's evidence, or why rtlint has no finding.
func sarifMessage(s *Site) string {
	state := s.State
	if state == "" {
		state = "an unrecorded wait"
	}
	msg := fmt.Sprintf("%s parked in %s", plural(s.Count, "goroutine"), state)
	if s.WaitMinutes > 0 {
		msg += ", up to " + minutes(s.WaitMinutes)
	}
	if len(s.Because) > 0 {
		msg += "; " + strings.Join(s.Because, "; ")
	}
	if s.Why != "" {
		msg += "; no rtlint finding: " + s.Why
	}
	return msg
}

func location(base, file string, line int, msg string) *sarif.Location {
	loc := sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(rtsarif.Artifact(base, file)).WithRegion(sarif.NewRegion().WithStartLine(max(line, 1))))
	if msg != "" {
		loc.WithMessage(sarif.NewTextMessage(msg))
	}
	return loc
}
