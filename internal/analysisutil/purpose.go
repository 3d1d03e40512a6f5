package analysisutil

import (
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// Code whose purpose makes a finding moot. A finding about production
// behaviour (a goroutine parked for good, a thread killed, a scheduling
// hint) claims nothing when the code exists to support tests or
// benchmarks, is a sample program, runs only under a test switch, or is a
// command-line program's main. Analyzers move such findings to the review
// tier rather than dropping them.

// Support says why code exists for something other than production use;
// "" when it does not.
type Support string

const (
	NotSupport Support = ""
	TestCode   Support = "test-support code"
	BenchCode  Support = "benchmark code"
	SampleCode Support = "sample code"
)

// helperPackage matches the last element of a package path, or the
// package name, of a package that exists to support tests.
var helperPackage = regexp.MustCompile(`^(testdata|testutils?|testhelpers?|testenv|testing|testlib|testkit|testserver|testfixtures?|fixtures|mocks?|fakes?|e2e|tests?|internaltest|\w+test(ing|util|utils)?)$`)

// notTestWords are package names that end in "test" and are no test
// helpers.
var notTestWords = map[string]bool{
	"latest": true, "manifest": true, "contest": true, "protest": true, "attest": true,
	"fastest": true, "greatest": true, "shortest": true, "smallest": true, "biggest": true,
	"digest": true, "request": true, "quest": true, "interest": true,
}

var (
	benchPackage = regexp.MustCompile(`^(bench|benchmarks?\w*|microbench\w*|stress|stress[-_]\w+|[\w-]+[-_]stress|loadtest\w*)$`)
	// helperFile matches the name (without .go) of a file that holds test
	// helpers in a production package: testing.go, testutil.go,
	// test_helpers.go, mock_client.go.
	helperFile    = regexp.MustCompile(`^(testing|test_?utils?|test_?helpers?|testhooks?|mocks?(_\w+)?|\w+_mocks?|fakes?(_\w+)?|\w+_fakes?)$`)
	samplePackage = regexp.MustCompile(`^_?(examples?|samples?|demos?|tutorials?|playground|toy)$`)
)

// SupportOf says whether the code at pos exists to support tests,
// benchmarks or as a sample, judged from its file and package: a _test.go
// file, a file whose name says it holds test helpers (testing.go,
// testutil.go, test_helpers.go, mock_*.go), or a package
// whose import path (within its module, when known) or name says so: an
// element named testdata, testutil, testenv, test(s), e2e, mocks, or
// ending in "test" (httptest, iotest); bench, benchmark(s), stress tools
// (x-stress), loadtest; example(s), sample(s), demo(s). The directory on
// disk is not consulted: a checkout may live under any name.
func SupportOf(pass *analysis.Pass, pos token.Pos) Support {
	if IsTestFile(pass, pos) {
		return TestCode
	}
	if f := pass.Fset.File(pos); f != nil && isHelperFile(f.Name()) {
		return TestCode
	}
	return supportOfPath(inModule(pass), pass.Pkg.Name())
}

// inModule returns the package's import path within its module: the
// module's own path names the project, not what the package is for (a
// module example.com/e2e holds production code as much as any other).
func inModule(pass *analysis.Pass) string {
	path := pass.Pkg.Path()
	if pass.Module == nil || pass.Module.Path == "" {
		return path
	}
	if rest, ok := strings.CutPrefix(path, pass.Module.Path); ok && (rest == "" || rest[0] == '/') {
		return strings.TrimPrefix(rest, "/")
	}
	return path
}

// isHelperFile reports whether a file's own name (not its directory) says
// it holds test helpers.
func isHelperFile(filename string) bool {
	base := strings.TrimSuffix(strings.ToLower(filename[strings.LastIndexAny(filename, `/\`)+1:]), ".go")
	return helperFile.MatchString(base)
}

// supportOfPath judges each element of a slash-separated path, and a
// package name.
func supportOfPath(path, name string) Support {
	elems := strings.Split(path, "/")
	if name != "" {
		elems = append(elems, name)
	}
	for _, e := range elems {
		e = strings.ToLower(e)
		switch {
		case e == "" || notTestWords[e]:
		case helperPackage.MatchString(e):
			return TestCode
		case benchPackage.MatchString(e):
			return BenchCode
		case samplePackage.MatchString(e):
			return SampleCode
		}
	}
	return NotSupport
}

// InTestHelper reports whether the function around cur, or one enclosing
// it, takes a testing.TB, *testing.T, *testing.B, *testing.F or
// *testing.PB parameter: a test helper, wherever it is declared.
func InTestHelper(info *types.Info, cur inspector.Cursor) bool {
	for c := cur; ; {
		fn, ok := EnclosingFunc(c)
		if !ok {
			return false
		}
		var ft *ast.FuncType
		switch n := fn.Node().(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
		for _, field := range ft.Params.List {
			if isTestingType(info.TypeOf(field.Type)) {
				return true
			}
		}
		c = fn
	}
}

func isTestingType(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "testing" {
		return false
	}
	switch named.Obj().Name() {
	case "TB", "T", "B", "F", "PB":
		return true
	}
	return false
}

// testSwitch matches the names of variables and fields that switch test
// behaviour on: testing, inTest, isTest, testMode, testHooks, forTesting.
var testSwitch = regexp.MustCompile(`(?i)^(is|in|under|for|enable)?_?(test|testing|tests|testmode|testenv|testonly)$|testhook|fortest`)

// UnderTestSwitch reports whether cur runs only when a test switch is on:
// it is in the body of an if statement whose condition calls
// testing.Testing or reads a variable or field named for tests
// (if s.testing { ... }, if testHookX != nil { ... }). Such switches have
// no type that says so; the names are what code uses for them.
func UnderTestSwitch(info *types.Info, cur inspector.Cursor) bool {
	return UnderIf(cur, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			return IsCallTo(info, n, "testing", "Testing")
		case *ast.Ident:
			_, ok := info.Uses[n].(*types.Var)
			return ok && testSwitch.MatchString(n.Name)
		}
		return false
	})
}

// UnderIf reports whether cur, in its function, is in the body of an if
// statement whose condition (or init statement: if v := f(); v == "")
// holds a node for which match is true.
func UnderIf(cur inspector.Cursor, match func(ast.Node) bool) bool {
	for c := cur; c.Valid(); c = c.Parent() {
		switch c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return false
		}
		if c.ParentEdgeKind() != edge.IfStmt_Body {
			continue
		}
		stmt := c.Parent().Node().(*ast.IfStmt)
		found := false
		for _, part := range []ast.Node{stmt.Init, stmt.Cond} {
			if part == nil {
				continue
			}
			ast.Inspect(part, func(n ast.Node) bool {
				found = found || (n != nil && match(n))
				return !found
			})
		}
		if found {
			return true
		}
	}
	return false
}

// IsCommandFunc reports whether fn (a *ast.FuncDecl or *ast.FuncLit) is a
// command-line command's entry point, which runs as the process's main:
// its parameters are those of a cobra command's Run or RunE
// (*cobra.Command, []string) or of a urfave/cli action (*cli.Context, or
// context.Context and *cli.Command in v3).
func IsCommandFunc(info *types.Info, fn ast.Node) bool {
	var ft *ast.FuncType
	switch n := fn.(type) {
	case *ast.FuncDecl:
		ft = n.Type
	case *ast.FuncLit:
		ft = n.Type
	default:
		return false
	}
	for _, field := range ft.Params.List {
		t := info.TypeOf(field.Type)
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok || named.Obj().Pkg() == nil {
			continue
		}
		path, name := named.Obj().Pkg().Path(), named.Obj().Name()
		switch {
		case path == "github.com/spf13/cobra" && name == "Command":
			return true
		case strings.HasPrefix(path, "github.com/urfave/cli") && (name == "Context" || name == "Command"):
			return true
		}
	}
	return false
}

// IsExpectation reports whether a comment's text is an analysistest
// expectation (`// want "..."`), which quotes a finding's message and so
// can read like the author's intent (it is not).
func IsExpectation(text string) bool { return strings.HasPrefix(text, "want ") }
