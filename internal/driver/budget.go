package driver

import (
	"os"
	"slices"
	"sync"

	"golang.org/x/tools/go/packages"
)

// A budget admits packages to analyze by their size, so that the largest
// packages of a run are not analyzed at the same time: a package's syntax,
// types and SSA while it is analyzed take memory in proportion to its
// source. Without it, a run's peak RSS was whatever the two (GOMAXPROCS)
// largest packages took together when the schedule happened to pair them
// (on std, runtime and its test variant: 400 to 600 MB from run to run);
// go vet, one process per package, peaks at the largest alone.
//
// Packages may run together while their sizes add up to at most half
// again the largest package's; a package is always admitted when nothing
// else runs, so nothing waits for good.
type budget struct {
	mu       sync.Mutex
	cond     sync.Cond
	limit    int64
	inflight int64
	running  int
}

func newBudget(sizes []int64) *budget {
	b := &budget{}
	b.cond.L = &b.mu
	if len(sizes) > 0 {
		b.limit = slices.Max(sizes) * 3 / 2
	}
	return b
}

// acquire waits until a package of size n may start.
func (b *budget) acquire(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.running > 0 && b.inflight+n > b.limit {
		b.cond.Wait()
	}
	b.inflight += n
	b.running++
}

// release records that a package of size n has finished.
func (b *budget) release(n int64) {
	b.mu.Lock()
	b.inflight -= n
	b.running--
	b.mu.Unlock()
	b.cond.Broadcast()
}

// sourceSize is the size of the files a package is type-checked from, the
// overlay's where it replaces a file.
func sourceSize(pkg *packages.Package, overlay map[string][]byte) int64 {
	var n int64
	for _, name := range pkg.CompiledGoFiles {
		if src, ok := overlay[name]; ok {
			n += int64(len(src))
		} else if fi, err := os.Stat(name); err == nil {
			n += fi.Size()
		}
	}
	return n
}
