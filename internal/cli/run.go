package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// Run holds the flags of an analysis run, beside the selection.
type Run struct {
	*Selection
	JSON       bool
	SARIF      bool
	SrcRoot    string
	Fix        bool
	Diff       bool
	Context    int
	Tests      bool
	Tags       string
	CPUProfile string
	MemProfile string
}

// RegisterRun adds the run flags and the selection to fs.
func RegisterRun(fs *flag.FlagSet, sel *Selection) *Run {
	r := &Run{Selection: sel}
	fs.BoolVar(&r.JSON, "json", false, "print diagnostics as JSON (go vet -json's shape)")
	fs.BoolVar(&r.SARIF, "sarif", false, "print a SARIF 2.1.0 log (for code scanning)")
	fs.StringVar(&r.SrcRoot, "srcroot", "", "with -sarif: the directory locations are relative to (default: the current directory)")
	fs.BoolVar(&r.Fix, "fix", false, "apply the suggested fixes; print what changed and what remains (exit 3 if findings remain)")
	fs.BoolVar(&r.Diff, "diff", false, "print the suggested fixes as a unified diff instead of applying them (implies -fix's dry run)")
	fs.IntVar(&r.Context, "c", -1, "print this many lines of context around each finding")
	fs.BoolVar(&r.Tests, "test", true, "analyze test files and test packages too")
	fs.StringVar(&r.Tags, "tags", "", "comma-separated build tags, as for go build")
	fs.StringVar(&r.CPUProfile, "cpuprofile", "", "write a CPU profile of rtlint to this file")
	fs.StringVar(&r.MemProfile, "memprofile", "", "write a heap profile of rtlint to this file")
	return r
}

// Check reports a combination of flags that cannot be honoured, as one
// error line.
func (r *Run) Check(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	output := []string{}
	for _, name := range []string{"json", "sarif", "fix", "diff"} {
		if set[name] && fs.Lookup(name).Value.String() == "true" {
			output = append(output, "-"+name)
		}
	}
	if len(output) > 1 && !(len(output) == 2 && r.Fix && r.Diff) {
		return fmt.Errorf("%s cannot be combined: each chooses what is printed", strings.Join(output, " and "))
	}
	if set["srcroot"] && !r.SARIF {
		return errors.New("-srcroot only applies to -sarif output")
	}
	if set["c"] && (r.JSON || r.SARIF || r.Diff) {
		return errors.New("-c only applies to text output (not -json, -sarif or -diff)")
	}
	if r.Context < -1 {
		return errors.New("-c wants a number of lines, 0 or more")
	}
	return nil
}

// BuildFlags are the go command flags the run passes to go list.
func (r *Run) BuildFlags() []string {
	if r.Tags == "" {
		return nil
	}
	return []string{"-tags=" + r.Tags}
}
