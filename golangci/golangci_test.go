package golangci

import (
	"flag"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/suite"
)

func names(as []*analysis.Analyzer) string {
	var s []string
	for _, a := range as {
		s = append(s, a.Name)
	}
	return strings.Join(s, ",")
}

func TestNewDefaultsToEveryAnalyzer(t *testing.T) {
	for _, conf := range []any{nil, map[string]any{}} {
		p, err := New(conf)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := p.BuildAnalyzers()
		if names(got) != names(suite.Analyzers()) {
			t.Errorf("New(%v) runs %s, want every analyzer: %s", conf, names(got), names(suite.Analyzers()))
		}
		if p.GetLoadMode() != "typesinfo" {
			t.Errorf("load mode %q", p.GetLoadMode())
		}
	}
}

func TestSelect(t *testing.T) {
	all := suite.Analyzers()
	first, last := all[0].Name, all[len(all)-1].Name
	for _, tc := range []struct {
		conf map[string]any
		want string
	}{
		{map[string]any{"enable": []any{last, first}}, first + "," + last},
		{map[string]any{"disable": []any{first}}, names(all[1:])},
		{map[string]any{"enable": []any{first, last}, "disable": []any{first}}, last},
	} {
		p, err := New(tc.conf)
		if err != nil {
			t.Errorf("New(%v): %v", tc.conf, err)
			continue
		}
		got, _ := p.BuildAnalyzers()
		if names(got) != tc.want {
			t.Errorf("New(%v) runs %s, want %s", tc.conf, names(got), tc.want)
		}
	}
}

func TestSettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"enable": []any{"nosuch"}}, `enable: unknown analyzer "nosuch"`},
		{map[string]any{"disable": []any{"nosuch"}}, `disable: unknown analyzer "nosuch"`},
		{map[string]any{"options": map[string]any{"nosuch": map[string]any{"x": 1}}}, `options: unknown analyzer "nosuch"`},
		{map[string]any{"options": map[string]any{suite.Analyzers()[0].Name: map[string]any{"nosuchoption": 1}}}, `unknown option "nosuchoption"`},
		{map[string]any{"disabled": []any{"x"}}, `unknown field "disabled"`},
	} {
		_, err := New(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) = %v, want an error containing %q", tc.conf, err, tc.want)
		}
	}
}

// TestOptions sets an analyzer option through the settings, on a test
// analyzer (and on every suite analyzer that has options, to its current
// value, so the path is exercised whatever the suite holds).
func TestOptions(t *testing.T) {
	a := &analysis.Analyzer{Name: "fake", Doc: "fake", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	funcs := a.Flags.String("funcs", "", "")
	strict := a.Flags.Bool("Strict", false, "")
	_, err := Select([]*analysis.Analyzer{a}, Settings{Options: map[string]map[string]any{
		"fake": {"funcs": []any{"a.F", "b.G"}, "strict": true}, // golangci-lint lower-cases keys
	}})
	if err != nil || *funcs != "a.F,b.G" || !*strict {
		t.Errorf("options: err %v, funcs %q, strict %v", err, *funcs, *strict)
	}
	if _, err := Select([]*analysis.Analyzer{a}, Settings{Options: map[string]map[string]any{"fake": {"strict": "maybe"}}}); err == nil {
		t.Errorf("a bad value was accepted")
	}

	for _, sa := range suite.Analyzers() {
		opts := map[string]any{}
		sa.Flags.VisitAll(func(f *flag.Flag) { opts[f.Name] = f.Value.String() })
		if len(opts) == 0 {
			continue
		}
		if _, err := New(map[string]any{"options": map[string]any{sa.Name: opts}}); err != nil {
			t.Errorf("%s: setting its options to their current values: %v", sa.Name, err)
		}
	}
}
