package leakprof

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/maruel/panicparse/v2/stack"
)

// readDump reads a goroutine dump (debug=2, runtime.Stack, a crash) with
// panicparse. The dump is cut at goroutine headers into chunks that are
// parsed in parallel, each turned into merged records at once, so that
// panicparse's per-goroutine structures for a 100,000-goroutine dump
// never all exist together.
func readDump(data []byte) (*Profile, error) {
	p := &Profile{Format: FormatDump, Kind: KindGoroutine}
	data = withoutRaceReports(data)
	if err := checkFuncLines(data); err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(data, []byte("\n")) && endsInGoroutine(data) {
		return nil, errors.New("truncated goroutine dump: the last line is cut short")
	}
	chunks := splitDump(data, dumpChunk)
	results := make([]chunkResult, len(chunks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(chunks) {
					return
				}
				results[i] = parseChunk(chunks[i])
			}
		})
	}
	wg.Wait()
	agg := newAggregator()
	for i, res := range results {
		if res.err != nil {
			return nil, res.err
		}
		if i == 0 {
			p.Crash = res.crash
		}
		for _, r := range res.records {
			if r.Leaked {
				p.Kind = KindGoroutineLeak
			}
			p.Total += r.Count
			agg.add(r)
		}
		if i == len(results)-1 && res.truncated != "" {
			return nil, errors.New(res.truncated)
		}
	}
	if p.Total == 0 {
		return nil, errors.New("no goroutine stacks found")
	}
	p.Records = agg.records
	return p, nil
}

// dumpChunk is about how many bytes of a dump one chunk holds.
const dumpChunk = 1 << 20

// splitDump cuts data before goroutine headers into chunks of about size
// bytes.
func splitDump(data []byte, size int) [][]byte {
	var chunks [][]byte
	for len(data) > size {
		i := bytes.Index(data[size:], []byte("\n\ngoroutine "))
		if i < 0 {
			break
		}
		cut := size + i + 2
		chunks = append(chunks, data[:cut])
		data = data[cut:]
	}
	return append(chunks, data)
}

type chunkResult struct {
	records   []*Record
	crash     bool
	truncated string // why the chunk's last goroutine is incomplete
	err       error
}

// parseChunk parses one chunk, snapshot after snapshot: a crash dump can
// have text between its goroutines (register dumps, ancestors).
func parseChunk(data []byte) (res chunkResult) {
	defer func() {
		if r := recover(); r != nil {
			res.err = fmt.Errorf("unreadable goroutine dump (the parser failed: %v)", r)
		}
	}()
	opts := &stack.Opts{} // no path guessing, no source reading, no argument naming: only parse
	in := io.Reader(bytes.NewReader(data))
	var junk prefixBuffer
	agg := newAggregator()
	var last *stack.Goroutine
	for {
		snap, suffix, err := stack.ScanSnapshot(in, &junk, opts)
		if snap != nil && !snap.IsRace() {
			for _, g := range snap.Goroutines {
				agg.add(dumpRecord(g))
				last = g
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			res.err = fmt.Errorf("malformed goroutine dump: %v", err)
			return res
		}
		if err != nil || (snap == nil && len(suffix) == 0) {
			break
		}
		in = io.MultiReader(bytes.NewReader(suffix), in)
	}
	if last != nil {
		if calls := last.Stack.Calls; len(calls) == 0 || calls[len(calls)-1].Line == 0 && calls[0].RemoteSrcPath != "<unavailable>" {
			res.truncated = fmt.Sprintf("truncated goroutine dump: goroutine %d ends without its file and line", last.ID)
		}
	}
	res.records, res.crash = agg.records, junk.crash()
	return res
}

// endsInGoroutine reports whether the last line of data is a frame line
// of a goroutine (a function call or its file), which the runtime always
// ends with a newline.
func endsInGoroutine(data []byte) bool {
	last := data[bytes.LastIndexByte(data, '\n')+1:]
	return bytes.HasPrefix(last, []byte("\t")) || bytes.HasSuffix(last, []byte(")")) || bytes.HasPrefix(last, []byte("created by "))
}

// dumpRecord converts one goroutine.
func dumpRecord(g *stack.Goroutine) *Record {
	state, leaked := strings.CutSuffix(g.State, " (leaked)")
	r := &Record{
		Count:       1,
		IDs:         []int{g.ID},
		State:       state,
		Leaked:      leaked,
		WaitMinutes: g.SleepMax,
		Frames:      make([]Frame, 0, len(g.Stack.Calls)),
	}
	for _, c := range g.Stack.Calls {
		r.Frames = append(r.Frames, Frame{Func: c.Func.Complete, File: c.RemoteSrcPath, Line: c.Line})
	}
	if len(g.CreatedBy.Calls) > 0 {
		c := g.CreatedBy.Calls[0]
		fn, gid := c.Func.Complete, -1
		if name, id, ok := strings.Cut(fn, " in goroutine "); ok {
			fn = name
			if n, err := strconv.Atoi(id); err == nil {
				gid = n
			}
		}
		r.Creator = &Frame{Func: fn, File: c.RemoteSrcPath, Line: c.Line}
		if gid >= 0 {
			r.CreatorGoroutines = []int{gid}
		}
	}
	return r
}

// prefixBuffer keeps the start of the text before and between the
// goroutines: enough to tell a crash from a dump.
type prefixBuffer struct{ buf bytes.Buffer }

func (b *prefixBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *prefixBuffer) crash() bool {
	for _, line := range strings.Split(b.buf.String(), "\n") {
		for _, prefix := range []string{"panic: ", "fatal error: ", "SIGQUIT", "SIGABRT", "SIGSEGV", "SIGBUS", "SIGILL", "SIGTRAP", "SIGFPE", "[signal "} {
			if strings.HasPrefix(line, prefix) {
				return true
			}
		}
	}
	return false
}

// raceBanner opens and closes a race detector report.
var raceBanner = []byte("==================\nWARNING: DATA RACE\n")

// withoutRaceReports cuts the race detector's reports out of a dump (a
// -race binary prints them among its output): panicparse reads a report
// that follows goroutines as a broken dump.
func withoutRaceReports(data []byte) []byte {
	for {
		i := bytes.Index(data, raceBanner)
		if i < 0 {
			return data
		}
		rest := data[i+len(raceBanner):]
		j := bytes.Index(rest, []byte("==================\n"))
		if j < 0 {
			return data[:i]
		}
		data = append(data[:i:i], rest[j+len("==================\n"):]...)
	}
}

// checkFuncLines rejects a function line that panicparse cannot take: an
// escaped name (%xx) without a package dot.
func checkFuncLines(data []byte) error {
	for line := range bytes.Lines(data) {
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 || line[0] == '\t' || line[0] == ' ' || !bytes.HasSuffix(line, []byte(")")) {
			continue
		}
		name, _, _ := bytes.Cut(line, []byte("("))
		if bytes.IndexByte(name, '%') >= 0 && bytes.IndexByte(name, '.') < 0 {
			return fmt.Errorf("malformed goroutine dump: function name %q has no package", truncate(string(name), 60))
		}
	}
	return nil
}
