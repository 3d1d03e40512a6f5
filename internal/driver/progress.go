package driver

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Progress reports on a long run. On a terminal, once the run has taken a
// few seconds, it keeps a one-line indicator on stderr (packages done of
// total, elapsed time), repainted in place and erased at the end. On any
// writer, when no package has finished for a long while, it says which
// packages are still being analyzed and for how long, so that a run that
// seems stuck in CI says where. RTLINT_PROGRESS_AFTER and RTLINT_STALL (Go
// durations, default 3s and 3m) set the two delays.
type Progress struct {
	w        io.Writer
	terminal bool
	after    time.Duration
	stall    time.Duration
	now      func() time.Time

	total, done atomic.Int64

	mu       sync.Mutex
	begin    time.Time
	last     time.Time // when a package last finished (or the run began)
	pending  map[string]time.Time
	warned   time.Time // when the last stall report was written
	painted  int       // width of the status line on screen
	stop     chan struct{}
	finished chan struct{}
}

// NewProgress returns a progress reporter writing to w; terminal says
// whether w is a terminal (only then is the status line shown). It does
// nothing until Start.
func NewProgress(w io.Writer, terminal bool) *Progress {
	p := &Progress{w: w, terminal: terminal, after: 3 * time.Second, stall: 3 * time.Minute, now: time.Now, pending: map[string]time.Time{}}
	if d, err := time.ParseDuration(os.Getenv("RTLINT_PROGRESS_AFTER")); err == nil && d >= 0 {
		p.after = d
	}
	if d, err := time.ParseDuration(os.Getenv("RTLINT_STALL")); err == nil && d > 0 {
		p.stall = d
	}
	return p
}

// Start begins reporting.
func (p *Progress) Start() {
	p.mu.Lock()
	p.begin, p.last = p.now(), p.now()
	p.stop, p.finished = make(chan struct{}), make(chan struct{})
	p.mu.Unlock()
	tick := min(200*time.Millisecond, p.stall/4, max(p.after, time.Millisecond))
	go func() {
		defer close(p.finished)
		t := time.NewTicker(max(tick, time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.Tick()
			}
		}
	}()
}

// Stop ends reporting and erases the status line.
func (p *Progress) Stop() {
	if p == nil || p.stop == nil {
		return
	}
	close(p.stop)
	<-p.finished
	p.mu.Lock()
	defer p.mu.Unlock()
	p.erase()
}

func (p *Progress) start(id string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.pending[id] = p.now()
	p.mu.Unlock()
}

func (p *Progress) finish(id string) {
	if p == nil {
		return
	}
	p.done.Add(1)
	p.mu.Lock()
	delete(p.pending, id)
	p.last = p.now()
	p.mu.Unlock()
}

// Tick repaints the status line and writes a stall report when one is
// due. The reporter's goroutine calls it; tests may too.
func (p *Progress) Tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if quiet := now.Sub(p.last); quiet >= p.stall && now.Sub(p.warned) >= p.stall {
		switch {
		case len(p.pending) > 0:
			p.erase()
			fmt.Fprintf(p.w, "rtlint: no package finished in the last %v; still analyzing: %s\n", quiet.Round(time.Second), p.pendingList(now))
			p.warned = now
		case p.total.Load() == 0:
			p.erase()
			fmt.Fprintf(p.w, "rtlint: still listing packages (go list) after %v\n", quiet.Round(time.Second))
			p.warned = now
		}
	}
	if p.terminal && now.Sub(p.begin) >= p.after {
		line := p.status(now)
		pad := max(p.painted-len(line), 0)
		fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
		p.painted = len(line)
	}
}

func (p *Progress) status(now time.Time) string {
	elapsed := now.Sub(p.begin).Round(time.Second)
	total := p.total.Load()
	if total == 0 {
		return fmt.Sprintf("rtlint: listing packages... %v", elapsed)
	}
	return fmt.Sprintf("rtlint: %d/%d packages analyzed, %v", p.done.Load(), total, elapsed)
}

func (p *Progress) pendingList(now time.Time) string {
	type busy struct {
		id    string
		since time.Duration
	}
	var list []busy
	for id, t := range p.pending {
		list = append(list, busy{id, now.Sub(t).Round(time.Second)})
	}
	slices.SortFunc(list, func(a, b busy) int {
		return cmp.Or(cmp.Compare(b.since, a.since), strings.Compare(a.id, b.id))
	})
	parts := make([]string, len(list))
	for i, b := range list {
		parts[i] = fmt.Sprintf("%s (for %v)", b.id, b.since)
	}
	return strings.Join(parts, ", ")
}

// erase clears the status line; p.mu is held.
func (p *Progress) erase() {
	if p.painted > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.painted))
		p.painted = 0
	}
}
