// Package golangci registers rtlint as a golangci-lint v2 module plugin
// (github.com/golangci/plugin-module-register), named "rtlint".
//
// A .custom-gcl.yml that imports this package makes `golangci-lint custom`
// build a golangci-lint that includes every rtlint analyzer; .golangci.yml
// enables it as a custom linter of type module:
//
//	linters:
//	  enable: [rtlint]
//	  settings:
//	    custom:
//	      rtlint:
//	        type: module
//	        settings:
//	          disable: [gosched]          # or enable: [lockthread, ...] to run only those
//	          options:                    # analyzer -> flag -> value, as -NAME.FLAG=value
//	            someanalyzer: {someflag: value}
//
// Findings are golangci-lint issues of the linter "rtlint", their text
// prefixed with the analyzer name; `//nolint:rtlint` silences them, as does
// rtlint's own `//rtlint:ignore NAME reason`.
package golangci

import (
	"errors"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/cli"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/suite"
)

// Name is the plugin's name: the key under linters.settings.custom in
// .golangci.yml, the linter name in issues and in //nolint directives.
const Name = "rtlint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings, linters.settings.custom.rtlint.settings
// in .golangci.yml. The zero value runs every analyzer with its defaults.
type Settings struct {
	// Enable, when not empty, runs only the named analyzers.
	Enable []string `json:"enable"`
	// Disable names analyzers not to run.
	Disable []string `json:"disable"`
	// Review turns on review mode: the checklist's review-tier
	// observations are reported too (the command line's -review).
	Review bool `json:"review"`
	// Options sets analyzer flags: analyzer name -> flag name -> value, the
	// equivalent of rtlint's -NAME.FLAG=value. Lists are joined by commas.
	Options map[string]map[string]any `json:"options"`
}

// New is the plugin constructor golangci-lint calls with the settings.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("rtlint settings: %w", err)
	}
	analyzers, err := Select(suite.Analyzers(), s)
	if err != nil {
		return nil, fmt.Errorf("rtlint settings: %w", err)
	}
	return plugin{analyzers}, nil
}

// Select returns the analyzers of all that s enables, after setting the
// options s gives them and review mode as s says (the same rules as the
// command line's -NAME, -NAME=false, -NAME.OPTION and -review, in
// internal/cli). Unknown analyzer or option names are errors.
func Select(all []*analysis.Analyzer, s Settings) ([]*analysis.Analyzer, error) {
	var errs []error
	for _, list := range []struct {
		field string
		names []string
	}{{"enable", s.Enable}, {"disable", s.Disable}} {
		if _, err := cli.SelectNames(all, list.names, nil); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", list.field, err))
		}
	}
	out, _ := cli.SelectNames(all, s.Enable, s.Disable)
	byName := map[string]*analysis.Analyzer{}
	for _, a := range all {
		byName[a.Name] = a
	}
	var optionNames []string
	for n := range s.Options {
		optionNames = append(optionNames, n)
	}
	sort.Strings(optionNames)
	for _, n := range optionNames {
		a := byName[n]
		if a == nil {
			_, err := cli.SelectNames(all, []string{n}, nil)
			errs = append(errs, fmt.Errorf("options: %w", err))
			continue
		}
		for name, v := range s.Options[n] {
			// golangci-lint's configuration loader lower-cases map keys,
			// so the option name matches regardless of case.
			a.Flags.VisitAll(func(f *flag.Flag) {
				if strings.EqualFold(f.Name, name) {
					name = f.Name
				}
			})
			if err := cli.SetOption(a, name, flagValue(v)); err != nil {
				errs = append(errs, fmt.Errorf("options: %w", err))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	directive.SetReview(s.Review)
	return out, nil
}

func flagValue(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = fmt.Sprint(e)
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

type plugin struct{ analyzers []*analysis.Analyzer }

func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information: the analyzers match callees by
// their types.Object.
func (p plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
