package cli

import (
	"flag"
	"io"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/directive"
)

func analyzers() []*analysis.Analyzer {
	a := &analysis.Analyzer{Name: "one", Doc: "one"}
	a.Flags.Bool("strict", false, "be strict")
	return []*analysis.Analyzer{a, {Name: "two", Doc: "two"}, {Name: "three", Doc: "three"}}
}

func names(as []*analysis.Analyzer) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return strings.Join(out, ",")
}

// TestSelection checks the multichecker's rule (any -NAME: only those;
// else all but -NAME=false), analyzer options and -review.
func TestSelection(t *testing.T) {
	defer directive.SetReview(false)
	for _, tc := range []struct {
		args   []string
		want   string
		review bool
	}{
		{nil, "one,two,three", false},
		{[]string{"-two"}, "two", false},
		{[]string{"-two", "-three=true"}, "two,three", false},
		{[]string{"-two=false"}, "one,three", false},
		{[]string{"-one", "-two=false"}, "one", false},
		{[]string{"-review", "-three=false"}, "one,two", true},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		sel := Register(fs, analyzers())
		if err := fs.Parse(tc.args); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if got := names(sel.Analyzers()); got != tc.want {
			t.Errorf("%v: selected %s, want %s", tc.args, got, tc.want)
		}
		if directive.ReviewMode() != tc.review || sel.Review() != tc.review {
			t.Errorf("%v: review mode %v, want %v", tc.args, directive.ReviewMode(), tc.review)
		}
	}
	all := analyzers()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	Register(fs, all)
	if err := fs.Parse([]string{"-one.strict"}); err != nil || all[0].Flags.Lookup("strict").Value.String() != "true" {
		t.Errorf("-one.strict did not set the analyzer's option: %v", err)
	}
}

// TestCheck checks the combinations of run flags that are refused, and
// some that are not.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		args []string
		bad  string // a word of the error, or "" for none
	}{
		{[]string{"-json"}, ""},
		{[]string{"-fix", "-diff"}, ""},
		{[]string{"-c=2"}, ""},
		{[]string{"-tags=a,b", "-test=false", "-sarif", "-srcroot=."}, ""},
		{[]string{"-json", "-sarif"}, "cannot be combined"},
		{[]string{"-json", "-fix"}, "cannot be combined"},
		{[]string{"-sarif", "-diff"}, "cannot be combined"},
		{[]string{"-srcroot=."}, "-srcroot"},
		{[]string{"-json", "-c=1"}, "-c only applies"},
		{[]string{"-c=-3"}, "-c wants"},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		run := RegisterRun(fs, Register(fs, analyzers()))
		if err := fs.Parse(tc.args); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		err := run.Check(fs)
		switch {
		case tc.bad == "" && err != nil:
			t.Errorf("%v: refused: %v", tc.args, err)
		case tc.bad != "" && (err == nil || !strings.Contains(err.Error(), tc.bad)):
			t.Errorf("%v: error %v, want one saying %q", tc.args, err, tc.bad)
		}
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	run := RegisterRun(fs, Register(fs, analyzers()))
	fs.Parse([]string{"-tags=x,y"})
	if got := run.BuildFlags(); len(got) != 1 || got[0] != "-tags=x,y" {
		t.Errorf("BuildFlags = %q", got)
	}
}

func TestSelectNamesAndOptions(t *testing.T) {
	all := analyzers()
	if got, err := SelectNames(all, []string{"one", "three"}, []string{"three"}); err != nil || names(got) != "one" {
		t.Errorf("SelectNames = %s, %v", names(got), err)
	}
	if _, err := SelectNames(all, []string{"nosuch"}, nil); err == nil || !strings.Contains(err.Error(), `unknown analyzer "nosuch" (known: one, two, three)`) {
		t.Errorf("SelectNames(nosuch) = %v", err)
	}
	if err := SetOption(all[0], "strict", "true"); err != nil || all[0].Flags.Lookup("strict").Value.String() != "true" {
		t.Errorf("SetOption: %v", err)
	}
	if err := SetOption(all[0], "loose", "1"); err == nil || !strings.Contains(err.Error(), `unknown option "loose" (known: strict)`) {
		t.Errorf("SetOption(loose) = %v", err)
	}
	if err := SetOption(all[1], "x", "1"); err == nil || !strings.Contains(err.Error(), "has no options") {
		t.Errorf("SetOption on an analyzer without options = %v", err)
	}
	defer directive.SetReview(false)
	var rf ReviewFlag
	if err := rf.Set("true"); err != nil || !directive.ReviewMode() || rf.String() != "true" {
		t.Errorf("ReviewFlag.Set(true): %v, mode %v", err, directive.ReviewMode())
	}
	if err := rf.Set("maybe"); err == nil {
		t.Error("ReviewFlag.Set(maybe) accepted")
	}
}
