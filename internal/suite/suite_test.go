package suite_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/analyzers/directives"
	"github.com/rtlint/rtlint/internal/directive"
	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

func TestValidate(t *testing.T) {
	if err := analysis.Validate(suite.Analyzers()); err != nil {
		t.Fatal(err)
	}
}

// TestNamesAreDirectories checks that each analyzer lives in
// analyzers/<Name> and that every directory there is in the suite.
func TestNamesAreDirectories(t *testing.T) {
	var names []string
	for _, a := range suite.Analyzers() {
		names = append(names, a.Name)
		fn := runtime.FuncForPC(reflect.ValueOf(a.Run).Pointer()).Name()
		if want := "github.com/rtlint/rtlint/analyzers/" + a.Name + "."; !strings.HasPrefix(fn, want) {
			t.Errorf("analyzer %s runs %s, want a function of package analyzers/%s", a.Name, fn, a.Name)
		}
		if !regexp.MustCompile(`^[a-z]+$`).MatchString(a.Name) {
			t.Errorf("analyzer name %q is not a lower-case word", a.Name)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("suite.Analyzers() is not sorted by name: %v", names)
	}
	entries, err := os.ReadDir(filepath.Join(testutil.Root(), "analyzers"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() && !slices.Contains(names, e.Name()) {
			t.Errorf("analyzers/%s is not in the suite", e.Name())
		}
	}
}

// TestKnownNames keeps the names directives accept equal to the suite.
func TestKnownNames(t *testing.T) {
	var names []string
	for _, a := range suite.Analyzers() {
		names = append(names, a.Name)
	}
	known := slices.Clone(directive.Known)
	slices.Sort(known)
	if !slices.Equal(names, known) {
		t.Errorf("directive.Known = %v, suite = %v", known, names)
	}
}

var versionMention = regexp.MustCompile(`Go (1\.\d+|version)`)

// TestDocs checks each analyzer's documentation: a one-line lower-case
// summary, a flagged example, the Go versions it applies to, a URL.
func TestDocs(t *testing.T) {
	for _, a := range suite.Analyzers() {
		summary, rest, _ := strings.Cut(a.Doc, "\n")
		if summary == "" || strings.ToLower(summary[:1]) != summary[:1] || strings.HasSuffix(summary, ".") {
			t.Errorf("%s: summary %q should be one lower-case line without a final period", a.Name, summary)
		}
		if strings.HasPrefix(summary, a.Name+":") {
			t.Errorf("%s: summary repeats the name", a.Name)
		}
		if !strings.Contains(rest, "\n\t") {
			t.Errorf("%s: doc has no code example", a.Name)
		}
		if a.Name != "directives" && !versionMention.MatchString(a.Doc) {
			t.Errorf("%s: doc does not say which Go versions it applies to", a.Name)
		}
		if a.URL == "" {
			t.Errorf("%s: no URL", a.Name)
		}
	}
}

// TestEveryAnalyzerUsesDirectives checks that suppression reaches every
// analyzer: each requires the directives analyzer that the one reporting
// path consults.
func TestEveryAnalyzerUsesDirectives(t *testing.T) {
	for _, a := range suite.Analyzers() {
		if a != directives.Analyzer && !slices.Contains(a.Requires, directive.Analyzer) {
			t.Errorf("%s does not require directive.Analyzer", a.Name)
		}
	}
}

// TestTestdata checks that each analyzer has a negative test file.
func TestTestdata(t *testing.T) {
	for _, a := range suite.Analyzers() {
		for _, f := range []string{"positive.go", "negative.go"} {
			if _, err := os.Stat(filepath.Join(testutil.Testdata(), "src", a.Name, f)); err != nil {
				t.Errorf("%s: %v", a.Name, err)
			}
		}
	}
}
