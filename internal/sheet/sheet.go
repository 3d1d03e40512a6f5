// Package sheet builds the runtime contract sheet (`rtlint contracts`): the
// contract table resolved against a toolchain, one row per contract with
// its claim, the file:line and declaration that prove it, the Go versions it
// holds for, the analyzers that rely on it and how the run-time contract
// tests demonstrate it. It also checks a toolchain for contracts whose
// anchors no longer resolve, and compares two toolchains.
package sheet

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rtlint/rtlint/internal/contract"
)

// Regenerate is the command that rewrites the committed sheet.
const Regenerate = "go run ./cmd/rtlint contracts -o docs/runtime-contracts.md"

// Path is the committed sheet, relative to the repository root.
const Path = "docs/runtime-contracts.md"

// TestPackage is the package whose tests demonstrate contracts at run time.
const TestPackage = "internal/contracttest"

// A Sheet is the contract table resolved against one toolchain.
type Sheet struct {
	GoVersion string `json:"goVersion"`
	GOROOT    string `json:"goroot"`
	Rows      []Row  `json:"contracts"`
}

// A Row is one contract.
type Row struct {
	ID        string `json:"id"`
	Area      string `json:"area"`
	AreaTitle string `json:"-"`
	Claim     string `json:"claim"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Func      string `json:"func,omitempty"`
	// Version is the Go version whose source has File:Line.
	Version string `json:"version"`
	URL     string `json:"url"`
	// Resolved is false when the anchor was not found in this toolchain and
	// File:Line is the line recorded for contract.RecordedVersion.
	Resolved bool   `json:"resolved"`
	Reason   string `json:"reason,omitempty"`
	// Holds says whether the claim holds for the toolchain's version.
	Holds    bool     `json:"holds"`
	Versions string   `json:"versions"`
	Since    string   `json:"since,omitempty"`
	Until    string   `json:"until,omitempty"`
	UsedBy   []string `json:"usedBy"`
	// Test is the run-time contract test that demonstrates the contract,
	// empty when it cannot be observed reliably; Observable says what the
	// test observes, or why there is none.
	Test       string `json:"test,omitempty"`
	Observable string `json:"observable,omitempty"`
}

// Build resolves every contract against tc.
func Build(tc *contract.Toolchain) *Sheet {
	s := &Sheet{GoVersion: tc.Version, GOROOT: tc.GOROOT}
	for _, c := range contract.All() {
		cit := tc.Cite(c.ID)
		r := Row{
			ID:       string(c.ID),
			Claim:    c.Claim,
			File:     cit.Path,
			Line:     cit.Line,
			Func:     c.Func,
			Version:  cit.Version,
			URL:      cit.URL(),
			Resolved: cit.Resolved,
			Reason:   cit.Reason,
			Holds:    c.HoldsFor(tc.Version),
			Versions: c.Versions(),
			Since:    c.Since,
			Until:    c.Until,
			UsedBy:   contract.UsedBy(c.ID),
		}
		if r.UsedBy == nil {
			r.UsedBy = []string{}
		}
		if a, ok := contract.AreaOf(c.ID); ok {
			r.Area, r.AreaTitle = a.Name, a.Title
		}
		if o, ok := contract.ObservationOf(c.ID); ok {
			r.Test, r.Observable = o.Test, o.Note
		}
		s.Rows = append(s.Rows, r)
	}
	return s
}

// WriteJSON writes the sheet as indented JSON.
func (s *Sheet) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// area is one section of the Markdown sheet.
type area struct {
	name, title string
	order       int
	rows        []Row
}

var itemRE = regexp.MustCompile(`items? (\d+)`)

func (s *Sheet) areas() []*area {
	byName := map[string]*area{}
	var out []*area
	for _, r := range s.Rows {
		a := byName[r.Area]
		if a == nil {
			a = &area{name: r.Area, title: heading(r.Area, r.AreaTitle), order: 1 << 30}
			if m := itemRE.FindStringSubmatch(r.AreaTitle); m != nil {
				a.order, _ = strconv.Atoi(m[1])
			}
			if r.Area == "" {
				a.order = 1 << 31
			}
			byName[r.Area] = a
			out = append(out, a)
		}
		a.rows = append(a.rows, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].order != out[j].order {
			return out[i].order < out[j].order
		}
		return out[i].name < out[j].name
	})
	return out
}

// heading turns "Contracts about channel close and send (checklist items 3
// and 4)." into "Channel close and send (checklist items 3 and 4)".
func heading(name, title string) string {
	if name == "" {
		return "Not yet classified (run `go generate ./internal/contract`)"
	}
	t := strings.TrimSuffix(strings.TrimSpace(title), ".")
	t = strings.TrimPrefix(t, "Contracts about ")
	if t == "" {
		return "table_" + name + ".go"
	}
	// Capitalise a plain first word ("channel"), not code ("sync.Pool").
	first, _, _ := strings.Cut(t, " ")
	if strings.IndexFunc(first, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return t
	}
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}

// WriteMarkdown writes the one-page cheat sheet.
func (s *Sheet) WriteMarkdown(w io.Writer) error {
	v := s.GoVersion
	if v == "" {
		v = "an unknown Go version"
	}
	used, observed, unobservable, unresolved := 0, 0, 0, 0
	for _, r := range s.Rows {
		if len(r.UsedBy) > 0 {
			used++
		}
		if r.Test != "" {
			observed++
		} else if r.Observable != "" {
			unobservable++
		}
		if !r.Resolved && r.Holds {
			unresolved++
		}
	}
	areas := s.areas()
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- Code generated by %q; DO NOT EDIT. -->\n\n", Regenerate)
	fmt.Fprintf(&b, "# Runtime contract sheet (%s)\n\n", v)
	fmt.Fprintf(&b, "The runtime contracts rtlint relies on, each with the line of the Go source that proves it in %s. ", v)
	b.WriteString("`rtlint contracts` prints this sheet for your toolchain (`-json` for JSON); `rtlint contracts -check` exits non-zero naming each contract whose anchor no longer resolves, and `-against go1.N.P` compares two toolchains. ")
	b.WriteString("Re-read the claims whose line or declaration changed on every Go upgrade (see docs/contracts.md, \"Upgrading Go\").\n\n")
	fmt.Fprintf(&b, "%d contracts in %d tables; %d cited by analyzers; %d demonstrated at run time by `go test ./%s`, %d not observable reliably (the reason is given)", len(s.Rows), len(areas), used, observed, TestPackage, unobservable)
	if n := len(s.Rows) - observed - unobservable; n > 0 {
		fmt.Fprintf(&b, ", %d not classified yet", n)
	}
	b.WriteString(".")
	if unresolved > 0 {
		fmt.Fprintf(&b, " **%d anchors do not resolve in %s**: their rows show the line recorded for %s.", unresolved, v, contract.RecordedVersion)
	}
	b.WriteString("\n\n")
	b.WriteString("Columns: **Source** is the cited line and the declaration that holds it; **Go** the versions the claim holds for; **Analyzers** those that cite the contract; **Run time** the test in `" + TestPackage + "` that demonstrates it, or why none can.\n")
	for _, a := range areas {
		fmt.Fprintf(&b, "\n## %s\n\n", a.title)
		b.WriteString("| Contract | Claim | Source | Go | Analyzers | Run time |\n")
		b.WriteString("|---|---|---|---|---|---|\n")
		for _, r := range a.rows {
			src := fmt.Sprintf("[%s:%d](%s)", r.File, r.Line, r.URL)
			if r.Func != "" {
				src += " `" + r.Func + "`"
			}
			switch {
			case !r.Resolved && !r.Holds:
				src += " (not in " + v + ", which the claim does not cover; line of " + r.Version + ")"
			case !r.Resolved:
				src += " (**unresolved** in " + v + ": " + r.Reason + "; line recorded for " + r.Version + ")"
			}
			goV := r.Versions
			if !r.Holds {
				goV += " (not " + v + ")"
			}
			users := "—"
			if len(r.UsedBy) > 0 {
				users = "`" + strings.Join(r.UsedBy, "`, `") + "`"
			}
			obs := "not classified"
			switch {
			case r.Test != "":
				obs = "`" + r.Test + "`: " + r.Observable
			case r.Observable != "":
				obs = "not observed: " + r.Observable
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", r.ID, cell(r.Claim), cell(src), cell(goV), users, cell(obs))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", `\|`)
}
