package driver

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"
)

// TestBudget runs packages of the given sizes on four workers, as
// AnalyzeWith does, and checks that the packages running together never
// exceed the budget unless one runs alone, that the two largest never
// overlap, and that every package runs.
func TestBudget(t *testing.T) {
	sizes := []int64{100, 90, 40, 30, 10, 10, 5, 5, 1, 1, 1}
	b := newBudget(sizes)
	if b.limit != 150 {
		t.Fatalf("limit = %d, want 150 (half again the largest)", b.limit)
	}
	var mu sync.Mutex
	var inflight int64
	running := map[int]bool{}
	ran := 0
	var wg sync.WaitGroup
	next := make(chan int, len(sizes))
	for i := range sizes {
		next <- i
	}
	close(next)
	for range 4 {
		wg.Go(func() {
			for i := range next {
				b.acquire(sizes[i])
				mu.Lock()
				inflight += sizes[i]
				running[i] = true
				if len(running) > 1 && inflight > b.limit {
					t.Errorf("%d bytes of packages %v running together, over the limit %d", inflight, running, b.limit)
				}
				if running[0] && running[1] {
					t.Errorf("the two largest packages run together")
				}
				ran++
				mu.Unlock()
				time.Sleep(time.Millisecond)
				mu.Lock()
				inflight -= sizes[i]
				delete(running, i)
				mu.Unlock()
				b.release(sizes[i])
			}
		})
	}
	wg.Wait()
	if ran != len(sizes) {
		t.Errorf("%d of %d packages ran", ran, len(sizes))
	}
}

// TestBudgetAlone: a package larger than the budget (the limit comes from
// the packages still to analyze; an overlay can grow one) still runs when
// nothing else does.
func TestBudgetAlone(t *testing.T) {
	b := newBudget([]int64{10})
	done := make(chan bool)
	go func() {
		b.acquire(1000)
		b.release(1000)
		done <- true
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a package over the budget waited with nothing running")
	}
}

// TestReleaseTestVariants: after a run, the loader keeps no test variant
// it type-checked from source for an external test (b [a.test] has two
// importers, c [a.test] and a_test), and the findings are those of a run
// that keeps them (TestSameAsChecker).
func TestReleaseTestVariants(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; skipped with -short")
	}
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod":      "module example.com/rel\n\ngo 1.26\n",
		"a/a.go":      "package a\n\nfunc A() int { return 1 }\n",
		"a/a_test.go": "package a\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) { A() }\n",
		"a/x_test.go": "package a_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/rel/b\"\n\t\"example.com/rel/c\"\n)\n\nfunc TestX(t *testing.T) { var v b.T = c.C(); _ = v }\n",
		"b/b.go":      "package b\n\nimport \"example.com/rel/a\"\n\ntype T struct{ N int }\n\nfunc B() T { return T{a.A()} }\n",
		"c/c.go":      "package c\n\nimport \"example.com/rel/b\"\n\nfunc C() b.T { return b.B() }\n",
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := Load(&packages.Config{Dir: dir, Tests: true}, "./a")
	if err != nil {
		t.Fatal(err)
	}
	variants := 0
	for p := range packages.Postorder(pkgs) {
		if isTestVariant(p) && p.Name != "a" && p.Name != "a_test" {
			variants++
		}
	}
	if variants != 2 {
		t.Fatalf("%d test variants of b and c in the graph, want 2: the fixture no longer makes them", variants)
	}
	r := Analyze(nil, pkgs)
	for i, p := range r.Packages {
		if r.Skipped[i] != "" || len(p.Errors) > 0 {
			t.Fatalf("%s not analyzed: %s %v", p.ID, r.Skipped[i], p.Errors)
		}
	}
	for p := range r.loader.deps {
		if isTestVariant(p) {
			t.Errorf("%s still held after the run", p.ID)
		}
	}
	if len(r.loader.users) != 0 {
		t.Errorf("importers still counted: %v", r.loader.users)
	}

	// A one-query load (go list -export for every package, test variants
	// included) reads the test variants from export data: they stay in
	// the shared view and every package type-checks.
	pkgs, err = packages.Load(&packages.Config{Dir: dir, Tests: true, Mode: LoadMode}, "./a")
	if err != nil {
		t.Fatal(err)
	}
	r = Analyze(nil, pkgs)
	for i, p := range r.Packages {
		if r.Skipped[i] != "" || len(p.Errors) > 0 {
			t.Errorf("one-query load: %s not analyzed: %s %v", p.ID, r.Skipped[i], p.Errors)
		}
	}
}
