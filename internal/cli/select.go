// Package cli is the one command-line layer of rtlint's entry points: the
// analyzer selection (-NAME, -NAME=false, -NAME.OPTION=value), review mode
// (-review) and the run flags (-json, -sarif, -fix, -diff, -c, -test,
// -tags, ...), with the rules that say which combinations make sense. The
// standalone command, SARIF output and the language server register these
// flags; the golangci-lint plugin selects by name through the same rules;
// under go vet, the x/tools unitchecker parses the same names.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/directive"
)

// A Selection is the analyzers a command line asks for, and its mode.
type Selection struct {
	all     []*analysis.Analyzer
	enabled map[*analysis.Analyzer]*triState
	review  bool
}

// Register adds to fs, for each analyzer, -NAME (run only the analyzers so
// named) and -NAME.OPTION for each of its flags, and -review.
func Register(fs *flag.FlagSet, all []*analysis.Analyzer) *Selection {
	s := &Selection{all: all, enabled: map[*analysis.Analyzer]*triState{}}
	for _, a := range all {
		t := new(triState)
		s.enabled[a] = t
		fs.Var(t, a.Name, "enable "+a.Name+" (-"+a.Name+"=false: run all analyzers but it)")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.BoolVar(&s.review, "review", false, ReviewUsage)
	return s
}

// ReviewUsage describes -review.
const ReviewUsage = "review mode: also report the checklist's review-tier observations (hints, documented process-lifetime goroutines, suggestions)"

// Analyzers returns the selected analyzers, by the multichecker's rule:
// if any -NAME is true, only those; otherwise all but the -NAME=false
// ones. It sets review mode as -review says.
func (s *Selection) Analyzers() []*analysis.Analyzer {
	directive.SetReview(s.review)
	var hasTrue bool
	for _, t := range s.enabled {
		hasTrue = hasTrue || *t == setTrue
	}
	var out []*analysis.Analyzer
	for _, a := range s.all {
		t := *s.enabled[a]
		if (hasTrue && t == setTrue) || (!hasTrue && t != setFalse) {
			out = append(out, a)
		}
	}
	return out
}

// Review reports whether -review was given.
func (s *Selection) Review() bool { return s.review }

// SelectNames returns the analyzers of all that enable names (all of them
// when enable is empty) minus those disable names; an unknown name is an
// error naming the known ones.
func SelectNames(all []*analysis.Analyzer, enable, disable []string) ([]*analysis.Analyzer, error) {
	byName := map[string]*analysis.Analyzer{}
	var names []string
	for _, a := range all {
		byName[a.Name] = a
		names = append(names, a.Name)
	}
	var errs []error
	for _, n := range slices.Concat(enable, disable) {
		if byName[n] == nil {
			errs = append(errs, fmt.Errorf("unknown analyzer %q (known: %s)", n, strings.Join(names, ", ")))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		if (len(enable) == 0 || slices.Contains(enable, a.Name)) && !slices.Contains(disable, a.Name) {
			out = append(out, a)
		}
	}
	return out, nil
}

// SetOption sets analyzer a's flag name to value, as -NAME.OPTION=value
// does; an unknown option is an error naming the known ones.
func SetOption(a *analysis.Analyzer, name, value string) error {
	f := a.Flags.Lookup(name)
	if f == nil {
		var known []string
		a.Flags.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
		if len(known) == 0 {
			return fmt.Errorf("%s: unknown option %q: the analyzer has no options", a.Name, name)
		}
		return fmt.Errorf("%s: unknown option %q (known: %s)", a.Name, name, strings.Join(known, ", "))
	}
	if err := f.Value.Set(value); err != nil {
		return fmt.Errorf("%s.%s: %v", a.Name, name, err)
	}
	return nil
}

// triState is a -NAME flag: unset, true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) IsBoolFlag() bool { return true }

func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (t *triState) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return errors.New("want true or false")
	}
	if b {
		*t = setTrue
	} else {
		*t = setFalse
	}
	return nil
}

// ReviewFlag is -review for a flag set whose parsing someone else owns
// (the x/tools unitchecker under go vet): setting it sets review mode.
type ReviewFlag struct{}

func (ReviewFlag) IsBoolFlag() bool { return true }
func (ReviewFlag) String() string   { return strconv.FormatBool(directive.ReviewMode()) }
func (ReviewFlag) Set(v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return errors.New("want true or false")
	}
	directive.SetReview(b)
	return nil
}
