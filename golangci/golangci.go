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
	"slices"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

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
// options s gives them. Unknown analyzer or option names are errors.
func Select(all []*analysis.Analyzer, s Settings) ([]*analysis.Analyzer, error) {
	byName := make(map[string]*analysis.Analyzer, len(all))
	var names []string
	for _, a := range all {
		byName[a.Name] = a
		names = append(names, a.Name)
	}
	var errs []error
	check := func(field string, list []string) {
		for _, n := range list {
			if byName[n] == nil {
				errs = append(errs, fmt.Errorf("%s: unknown analyzer %q (known: %s)", field, n, strings.Join(names, ", ")))
			}
		}
	}
	check("enable", s.Enable)
	check("disable", s.Disable)

	var optionNames []string
	for n := range s.Options {
		optionNames = append(optionNames, n)
	}
	sort.Strings(optionNames)
	for _, n := range optionNames {
		a := byName[n]
		if a == nil {
			errs = append(errs, fmt.Errorf("options: unknown analyzer %q (known: %s)", n, strings.Join(names, ", ")))
			continue
		}
		for flagName, v := range s.Options[n] {
			if err := setFlag(a, flagName, v); err != nil {
				errs = append(errs, fmt.Errorf("options: %s: %w", n, err))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	var out []*analysis.Analyzer
	for _, a := range all {
		if len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name) {
			continue
		}
		if slices.Contains(s.Disable, a.Name) {
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

// setFlag sets analyzer a's flag name to v. golangci-lint's configuration
// loader lower-cases map keys, so the name matches regardless of case.
func setFlag(a *analysis.Analyzer, name string, v any) error {
	var found []string
	var err error
	matched := false
	a.Flags.VisitAll(func(f *flag.Flag) {
		found = append(found, f.Name)
		if !matched && strings.EqualFold(f.Name, name) {
			matched = true
			err = a.Flags.Set(f.Name, flagValue(v))
		}
	})
	if !matched {
		if len(found) == 0 {
			return fmt.Errorf("unknown option %q: the analyzer has no options", name)
		}
		return fmt.Errorf("unknown option %q (known: %s)", name, strings.Join(found, ", "))
	}
	if err != nil {
		return fmt.Errorf("option %s: %w", name, err)
	}
	return nil
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
