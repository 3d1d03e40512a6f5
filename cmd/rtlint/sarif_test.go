package main_test

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

func integrationDir() string { return filepath.Join(testutil.Testdata(), "mod", "integration") }

// sarifSchema returns the SARIF 2.1.0 JSON schema (OASIS errata01) as
// shipped, public domain, in go-sarif's module source, which the module
// cache holds since go-sarif is a dependency. It is compiled with
// santhosh-tekuri/jsonschema, not the validator go-sarif uses, so the
// check does not trust the library that wrote the log.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3")
	cmd.Dir = testutil.Root()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("locating go-sarif: %v", err)
	}
	file := filepath.Join(strings.TrimSpace(string(out)), "pkg", "report", "v210", "sarif", "schema.go")
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var text string
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok && len(v.Names) == 1 && v.Names[0].Name == "schema" {
			if lit, ok := v.Values[0].(*ast.BasicLit); ok {
				text, _ = strconv.Unquote(lit.Value)
			}
		}
		return true
	})
	if !strings.Contains(text, `"title": "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"`) {
		t.Fatalf("no SARIF 2.1.0 schema in %s", file)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					HelpURI          string `json:"helpUri"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Message   struct {
				Text     string `json:"text"`
				Markdown string `json:"markdown"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Fixes []struct {
				Description struct {
					Text string `json:"text"`
				} `json:"description"`
				ArtifactChanges []struct {
					Replacements []struct {
						InsertedContent struct {
							Text string `json:"text"`
						} `json:"insertedContent"`
					} `json:"replacements"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
			Properties map[string]string `json:"properties"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful        bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

// validSARIF validates out against the schema and decodes it.
func validSARIF(t *testing.T, schema *jsonschema.Schema, out string) sarifLog {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema: %v", err)
	}
	var log sarifLog
	if err := json.NewDecoder(bytes.NewReader([]byte(out))).Decode(&log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	return log
}

func TestSARIF(t *testing.T) {
	schema := sarifSchema(t)
	r := run(t, integrationDir(), rtlintBin, "-sarif", "./...")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\n%s", r.code, r.stderr)
	}
	log := validSARIF(t, schema, r.stdout)
	run0 := log.Runs[0]

	// One rule per analyzer, with its documentation and URL.
	rules := map[string]int{}
	for i, rule := range run0.Tool.Driver.Rules {
		rules[rule.ID] = i
		if rule.ShortDescription.Text == "" || rule.Help.Text == "" || !strings.HasPrefix(rule.HelpURI, "https://") {
			t.Errorf("rule %s lacks its description, help or URL: %+v", rule.ID, rule)
		}
	}
	for _, a := range suite.Analyzers() {
		i, ok := rules[a.Name]
		if !ok {
			t.Errorf("no rule for analyzer %s", a.Name)
			continue
		}
		if got := run0.Tool.Driver.Rules[i]; got.HelpURI != a.URL || !strings.HasPrefix(a.Doc, got.ShortDescription.Text) {
			t.Errorf("rule %s: helpUri %q, description %q; analyzer URL %q", a.Name, got.HelpURI, got.ShortDescription.Text, a.URL)
		}
	}
	if len(rules) != len(suite.Analyzers()) {
		t.Errorf("%d rules for %d analyzers", len(rules), len(suite.Analyzers()))
	}

	type want struct {
		rule, uri string
		line, col int
		fix       string
	}
	wants := []want{
		{"emptyselect", "findings/findings.go", 12, 2, ""},
		{"gosched", "findings/findings.go", 18, 3, ""},
		{"lockthread", "findings/findings.go", 24, 2, "defer runtime.UnlockOSThread()"},
	}
	for _, w := range wants {
		found := false
		for _, res := range run0.Results {
			loc := res.Locations[0].PhysicalLocation
			if res.RuleID != w.rule || loc.ArtifactLocation.URI != w.uri || loc.Region.StartLine != w.line {
				continue
			}
			found = true
			if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartColumn != w.col || loc.Region.EndLine < w.line || loc.Region.EndColumn <= 0 {
				t.Errorf("%s at %s:%d: location %+v", w.rule, w.uri, w.line, loc)
			}
			if run0.Tool.Driver.Rules[res.RuleIndex].ID != w.rule {
				t.Errorf("%s: ruleIndex %d names %s", w.rule, res.RuleIndex, run0.Tool.Driver.Rules[res.RuleIndex].ID)
			}
			checkCitations(t, res.Message.Text, "")
			if url := res.Properties["citation"]; url == "" || !strings.Contains(res.Message.Markdown, "]("+url+")") {
				t.Errorf("%s: citation link %q missing from markdown %q", w.rule, url, res.Message.Markdown)
			}
			if w.fix == "" {
				if len(res.Fixes) != 0 {
					t.Errorf("%s: unexpected fixes %+v", w.rule, res.Fixes)
				}
				continue
			}
			if len(res.Fixes) != 1 || res.Fixes[0].Description.Text == "" ||
				!strings.Contains(res.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text, w.fix) {
				t.Errorf("%s: fixes %+v, want one inserting %q", w.rule, res.Fixes, w.fix)
			}
		}
		if !found {
			t.Errorf("no %s result at %s:%d in\n%s", w.rule, w.uri, w.line, r.stdout)
		}
	}
	for _, res := range run0.Results {
		if uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; strings.HasPrefix(uri, "clean/") || strings.HasPrefix(uri, "nolint/") {
			t.Errorf("finding in the clean package, or one //nolint:rtlint silences: %+v", res)
		}
	}
	if inv := run0.Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful {
		t.Errorf("invocations %+v", inv)
	}
}

func TestSARIFSelectsAnalyzers(t *testing.T) {
	schema := sarifSchema(t)
	r := run(t, integrationDir(), rtlintBin, "-sarif", "-gosched=false", "./findings")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	log := validSARIF(t, schema, r.stdout)
	for _, res := range log.Runs[0].Results {
		if res.RuleID == "gosched" {
			t.Errorf("-gosched=false still reports gosched")
		}
	}
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		if rule.ID == "gosched" {
			t.Errorf("-gosched=false still lists the gosched rule")
		}
	}
	r = run(t, integrationDir(), rtlintBin, "-sarif", "-lockthread", "./findings")
	log = validSARIF(t, schema, r.stdout)
	if res := log.Runs[0].Results; len(res) != 1 || res[0].RuleID != "lockthread" {
		t.Errorf("-lockthread: results %+v", res)
	}
	// -srcroot: locations relative to the repository root, for a module
	// in a subdirectory.
	r = run(t, integrationDir(), rtlintBin, "-sarif", "-srcroot=..", "./findings")
	log = validSARIF(t, schema, r.stdout)
	if res := log.Runs[0].Results; len(res) == 0 || res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "integration/findings/findings.go" {
		t.Errorf("-srcroot=..: results %+v", res)
	}
	if r := run(t, integrationDir(), rtlintBin, "-sarif"); r.code != 2 {
		t.Errorf("-sarif without packages: exit %d, want 2", r.code)
	}
	if r := run(t, integrationDir(), rtlintBin, "-sarif", "-nosuch", "./..."); r.code != 2 {
		t.Errorf("-sarif -nosuch: exit %d, want 2", r.code)
	}
}

// TestSARIFBrokenPackage: a package that does not type-check is reported
// as a failed execution with the error as a notification, exit 1, and the
// log is still valid.
func TestSARIFBrokenPackage(t *testing.T) {
	schema := sarifSchema(t)
	r := run(t, filepath.Join(testutil.Testdata(), "mod", "broken"), rtlintBin, "-sarif", "./...")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	log := validSARIF(t, schema, r.stdout)
	inv := log.Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) == 0 ||
		!strings.Contains(inv[0].ToolExecutionNotifications[0].Message.Text, `cannot use "not an int"`) {
		t.Errorf("invocations %+v", inv)
	}
}
