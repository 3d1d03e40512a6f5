package contracttest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

// testMentions maps each Test function of this package to the contract
// IDs its body mentions (contract.X).
func testMentions(t *testing.T) map[string]map[contract.ID]bool {
	t.Helper()
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	out := map[string]map[contract.ID]bool{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || !strings.HasPrefix(fd.Name.Name, "Test") || fd.Name.Name == "TestMain" {
				continue
			}
			ids := map[contract.ID]bool{}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if se, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := se.X.(*ast.Ident); ok && x.Name == "contract" {
						if _, ok := contract.Lookup(contract.ID(se.Sel.Name)); ok {
							ids[contract.ID(se.Sel.Name)] = true
						}
					}
				}
				return true
			})
			out[fd.Name.Name] = ids
		}
	}
	return out
}

// TestEveryContractClassified keeps internal/contract/observable.go, the
// table and these tests in step: every contract is either demonstrated by
// a named test here that mentions it, or says why it cannot be observed.
func TestEveryContractClassified(t *testing.T) {
	mentions := testMentions(t)
	var missing []string
	for _, c := range contract.All() {
		o, ok := contract.ObservationOf(c.ID)
		if !ok || o.Note == "" {
			missing = append(missing, string(c.ID))
			continue
		}
		if o.Test == "" {
			continue
		}
		ids, ok := mentions[o.Test]
		if !ok {
			t.Errorf("%s: observed by %s, which is not a test in %s", c.ID, o.Test, "internal/contracttest")
		} else if !ids[c.ID] {
			t.Errorf("%s: observed by %s, which does not mention contract.%s (call verifies(t, contract.%s))", c.ID, o.Test, c.ID, c.ID)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("contracts without an observability note: add each to internal/contract/observable.go (the test that demonstrates it here, or why none can) or set the table entry's Observable field:\n\t%s", strings.Join(missing, "\n\t"))
	}
	// A contract a test verifies is not "not observable".
	for test, ids := range mentions {
		for id := range ids {
			if o, ok := contract.ObservationOf(id); ok && o.Test == "" {
				t.Errorf("%s verifies %s, which observable.go says cannot be observed: name the test there", test, id)
			}
		}
	}
}

// TestObservationsNameContracts: the notes are keyed by strings, so a
// renamed or removed contract leaves a stale key behind.
func TestObservationsNameContracts(t *testing.T) {
	for _, id := range contract.ObservedIDs() {
		if _, ok := contract.Lookup(id); !ok {
			t.Errorf("internal/contract/observable.go has a note for %s, which is not in the table", id)
		}
	}
}
