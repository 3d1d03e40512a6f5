package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"
)

func TestParseNolint(t *testing.T) {
	for _, tc := range []struct {
		text    string
		ok      bool
		linters []string
	}{
		{"//nolint", true, nil},
		{"// nolint", true, nil},
		{"//nolint // reason", true, nil},
		{"//nolint:deferloop", true, []string{"deferloop"}},
		{"//nolint:gocritic,DeferLoop // closed by the caller", true, []string{"gocritic", "deferloop"}},
		{"//nolint: gosec, errcheck", true, []string{"gosec", "errcheck"}},
		{"//nolint:rtlint", true, []string{"rtlint"}},
		{"//nolint:", true, nil},
		{"//nolintlint", false, nil},
		{"// a comment about nolint", false, nil},
		{"/* nolint */", false, nil},
		{"//  nolint", false, nil},
	} {
		linters, ok := ParseNolint(tc.text)
		if ok != tc.ok || !slices.Equal(linters, tc.linters) {
			t.Errorf("ParseNolint(%q) = %q, %v; want %q, %v", tc.text, linters, ok, tc.linters, tc.ok)
		}
	}
}

func TestParseLintIgnore(t *testing.T) {
	for _, tc := range []struct {
		text  string
		ok    bool
		file  bool
		names []string
	}{
		{"//lint:ignore SA9001 closed on every path", true, false, []string{"deferloop"}},
		{"//lint:ignore SA1015,SA5003 a process-lifetime ticker", true, false, []string{"deferloop", "timeafter"}},
		{"//lint:ignore sa* lower case and a glob", true, false, []string{"deferloop", "timeafter", "unsaferuntime"}},
		{"//lint:file-ignore SA1019 generated mirror of reflect", true, true, []string{"unsaferuntime"}},
		{"//lint:ignore U1000 unused on purpose", true, false, nil},
		{"//lint:ignore SA9001", false, false, nil}, // no reason: staticcheck rejects it
		{"// lint:ignore SA9001 spaced", false, false, nil},
		{"//lint:other SA9001 x", false, false, nil},
	} {
		names, file, ok := ParseLintIgnore(tc.text)
		if ok != tc.ok || file != tc.file || !slices.Equal(names, tc.names) {
			t.Errorf("ParseLintIgnore(%q) = %q, %v, %v; want %q, %v, %v", tc.text, names, file, ok, tc.names, tc.file, tc.ok)
		}
	}
}

func TestOthers(t *testing.T) {
	src := `package p

func f() {
	a() //nolint:deferloop
	b() //nolint:gocritic // deferInLoop: closed below
	//nolint
	c()
	d()
	//nolint:rtlint // covers the whole statement below
	for {
		e()
	}
	g()
	//lint:ignore SA9001 drained by the caller
	// more comment lines may follow
	h()
	i() //lint:ignore SA1015 ticks for the life of the process
}

//nolint:staticcheck // the whole function
func k() {
	l()
}

func m() {
		//nolint:deferloop // misaligned: covers its own line only
	n()
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	idx := NewIndex(fset, []*ast.File{f}, known2)
	tf := fset.File(f.Pos())
	at := func(line int) token.Pos { return tf.LineStart(line) + 1 }
	for _, tc := range []struct {
		name string
		line int
		want Effect
	}{
		{"deferloop", 4, Silence},   // a(): names the analyzer
		{"gosched", 4, NoEffect},    // another analyzer
		{"deferloop", 5, Demote},    // b(): gocritic has deferInLoop
		{"gosched", 5, NoEffect},    // gocritic does not overlap gosched
		{"gosched", 7, Demote},      // c(): a bare //nolint above, aligned
		{"gosched", 8, NoEffect},    // d(): not covered
		{"gosched", 10, Silence},    // the for statement
		{"gosched", 11, Silence},    // its body
		{"gosched", 13, NoEffect},   // g(): after it
		{"deferloop", 16, Demote},   // h(): the statement after the directive
		{"timeafter", 16, NoEffect}, // SA9001 is deferloop's concern only
		{"timeafter", 17, Demote},   // i(): same line
		{"timeafter", 22, Demote},   // l(): in the function under //nolint:staticcheck
		{"gosched", 22, NoEffect},   // staticcheck does not overlap gosched
		{"deferloop", 27, NoEffect}, // n(): the comment is not at its column
	} {
		if got := idx.Others(tc.name, at(tc.line)); got != tc.want {
			t.Errorf("Others(%s, line %d) = %v, want %v", tc.name, tc.line, got, tc.want)
		}
	}
	// Outside review mode a demoted finding is dropped; in review mode it
	// is kept (the reporter shows it in the review tier).
	if !idx.Suppressed("deferloop", at(5)) {
		t.Errorf("Suppressed(deferloop, line 5) = false outside review mode")
	}
	idx.Review = true
	if idx.Suppressed("deferloop", at(5)) || !idx.Demoted("deferloop", at(5)) {
		t.Errorf("in review mode a demoted finding must be kept and demoted")
	}
	if !idx.Suppressed("deferloop", at(4)) {
		t.Errorf("a silenced finding must stay silenced in review mode")
	}
}

func known2(name string) bool { return IsKnown(name) }
