package driver

import (
	"strings"
	"testing"
	"time"
)

// fakeClock is a settable clock for Progress.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestProgress(terminal bool) (*Progress, *strings.Builder, *fakeClock) {
	var out strings.Builder
	clock := &fakeClock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := NewProgress(&out, terminal)
	p.after, p.stall, p.now = 3*time.Second, 3*time.Minute, clock.now
	p.begin, p.last = clock.now(), clock.now()
	return p, &out, clock
}

// TestProgressLine checks the status line on a terminal: nothing for the
// first seconds, then packages done of total, repainted in place, erased
// at the end; and nothing at all when stderr is not a terminal.
func TestProgressLine(t *testing.T) {
	p, out, clock := newTestProgress(true)
	p.Tick()
	clock.advance(2 * time.Second)
	p.Tick()
	if out.Len() != 0 {
		t.Fatalf("status shown before 3s: %q", out)
	}
	clock.advance(2 * time.Second)
	p.Tick()
	if got := out.String(); got != "\rrtlint: listing packages... 4s" {
		t.Errorf("while listing: %q", got)
	}
	out.Reset()
	p.total.Store(10)
	p.start("a")
	p.finish("a")
	p.Tick()
	if got := out.String(); got != "\rrtlint: 1/10 packages analyzed, 4s" {
		t.Errorf("after one package: %q", got)
	}
	out.Reset()
	p.mu.Lock()
	p.erase()
	p.mu.Unlock()
	if got := out.String(); got != "\r"+strings.Repeat(" ", len("rtlint: 1/10 packages analyzed, 4s"))+"\r" {
		t.Errorf("erase: %q", got)
	}

	q, qout, qclock := newTestProgress(false)
	q.total.Store(10)
	qclock.advance(time.Minute)
	q.Tick()
	if qout.Len() != 0 {
		t.Errorf("status line written to a non-terminal: %q", qout)
	}
}

// TestProgressStall checks the stall report: when no package finishes for
// the stall period, the packages still being analyzed are named, longest
// first, once per period, on terminals and elsewhere alike.
func TestProgressStall(t *testing.T) {
	p, out, clock := newTestProgress(false)
	p.total.Store(3)
	p.start("example.com/slow")
	clock.advance(time.Minute)
	p.start("example.com/slower [example.com/slower.test]")
	p.start("example.com/quick")
	p.finish("example.com/quick")
	clock.advance(2*time.Minute + 59*time.Second)
	p.Tick()
	if out.Len() != 0 {
		t.Fatalf("stall reported before the period: %q", out)
	}
	clock.advance(time.Second)
	p.Tick()
	want := "rtlint: no package finished in the last 3m0s; still analyzing: example.com/slow (for 4m0s), example.com/slower [example.com/slower.test] (for 3m0s)\n"
	if got := out.String(); got != want {
		t.Errorf("stall report:\n got %q\nwant %q", got, want)
	}
	out.Reset()
	clock.advance(time.Minute)
	p.Tick()
	if out.Len() != 0 {
		t.Errorf("stall reported again within the period: %q", out)
	}
	clock.advance(2 * time.Minute)
	p.Tick()
	if !strings.Contains(out.String(), "in the last 6m0s") {
		t.Errorf("no second report a period later: %q", out)
	}
}
