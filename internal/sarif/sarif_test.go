package sarif

import (
	"bytes"
	"encoding/json"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/driver"
)

func TestReport(t *testing.T) {
	src := []byte("package p\n\nvar s = \"😀\"; func f() { select {} }\n")
	at := func(file string, off int) token.Position {
		line := 1 + bytes.Count(src[:off], []byte("\n"))
		return token.Position{Filename: file, Offset: off, Line: line, Column: off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1}
	}
	off := bytes.Index(src, []byte("select"))
	end := off + len("select {}")
	a := &analysis.Analyzer{Name: "emptyselect", Doc: "summary line\n\nMore.\n\n\tselect {}", URL: "https://example.com/emptyselect"}
	other := &analysis.Analyzer{Name: "other", Doc: "other analyzer"}
	d := driver.Diag{
		Posn: at("/repo/p/p.go", off), End: at("/repo/p/p.go", end),
		Category: "EmptySelectBlocksForever",
		Message:  "select {} parks_this *forever* (runtime/select.go:104, go1.26.8)",
		URL:      "https://github.com/golang/go/blob/go1.26.8/src/runtime/select.go#L104",
		Fixes: []driver.Fix{{Message: "Block on ctx.Done()", Edits: []driver.Edit{
			{File: "/repo/p/p.go", Start: off, End: end, New: "<-ctx.Done()"},
		}}},
	}
	outside := driver.Diag{Posn: token.Position{Filename: "/elsewhere/q.go", Line: 1, Column: 1}, Category: "review/X", Message: "x"}
	findings := []Finding{{Analyzer: a, Diag: d}, {Analyzer: other, Diag: outside}}
	r := Report([]*analysis.Analyzer{other, a}, findings, Options{
		BaseDir:  "/repo",
		ReadFile: func(string) ([]byte, error) { return src, nil },
	})
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID               string `json:"id"`
						HelpURI          string `json:"helpUri"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text, Markdown string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
					} `json:"physicalLocation"`
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndColumn int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
			OriginalURIBaseIDs map[string]struct {
				URI string `json:"uri"`
			} `json:"originalUriBaseIds"`
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" || run.OriginalURIBaseIDs["%SRCROOT%"].URI != "file:///repo/" {
		t.Errorf("columnKind %q, base %+v", run.ColumnKind, run.OriginalURIBaseIDs)
	}
	if rules := run.Tool.Driver.Rules; len(rules) != 2 || rules[0].ID != "emptyselect" || rules[0].HelpURI != a.URL ||
		rules[0].ShortDescription.Text != "summary line" || !strings.HasPrefix(rules[0].FullDescription.Text, "More.") {
		t.Errorf("rules %+v", rules)
	}
	res, res2 := run.Results[0], run.Results[1] // sorted by file: /elsewhere first
	if res.RuleID != "emptyselect" {
		res, res2 = res2, res
	}
	loc := res.Locations[0].PhysicalLocation
	// "select" follows `var s = "😀"; func f() { `: 25 UTF-16 units (the
	// emoji is 2 units, 4 bytes), so column 26; its byte column is 28.
	if loc.ArtifactLocation.URI != "p/p.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" ||
		loc.Region.StartLine != 3 || loc.Region.StartColumn != 26 || loc.Region.EndColumn != 35 {
		t.Errorf("location %+v", loc)
	}
	if res.RuleIndex != 0 || res.Message.Text != d.Message ||
		res.Message.Markdown != `select {} parks\_this \*forever\* ([runtime/select.go:104, go1.26.8](`+d.URL+`))` {
		t.Errorf("result %+v", res)
	}
	if rep := res.Fixes[0].ArtifactChanges[0].Replacements[0]; rep.DeletedRegion.StartColumn != 26 || rep.InsertedContent.Text != "<-ctx.Done()" {
		t.Errorf("fix %+v", res.Fixes)
	}
	if got := res2.Locations[0].PhysicalLocation.ArtifactLocation; got.URI != "file:///elsewhere/q.go" || got.URIBaseID != "" {
		t.Errorf("file outside the base: %+v", got)
	}
	// The tier decides the level: a finding is a warning, a review-tier
	// observation a note.
	if res.Level != "warning" || res2.Level != "note" {
		t.Errorf("levels %q (finding), %q (review), want warning, note", res.Level, res2.Level)
	}
}
