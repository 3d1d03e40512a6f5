package leakprof

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/maruel/panicparse/v2/stack"
)

// readDump reads a goroutine dump (debug=2, runtime.Stack, a crash) with
// panicparse, one snapshot after another: a crash dump can have text
// between its goroutines (register dumps, ancestors).
func readDump(data []byte) (*Profile, error) {
	p := &Profile{Format: FormatDump, Kind: KindGoroutine}
	data = withoutRaceReports(data)
	if err := checkFuncLines(data); err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(data, []byte("\n")) && endsInGoroutine(data) {
		return nil, errors.New("truncated goroutine dump: the last line is cut short")
	}
	opts := &stack.Opts{} // no path guessing, no source reading, no argument naming: only parse
	in := io.Reader(bytes.NewReader(data))
	var junk prefixBuffer
	var gs []*stack.Goroutine
	for {
		snap, suffix, err := stack.ScanSnapshot(in, &junk, opts)
		if snap != nil && !snap.IsRace() {
			gs = append(gs, snap.Goroutines...)
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("malformed goroutine dump: %v", err)
		}
		if err != nil || (snap == nil && len(suffix) == 0) {
			break
		}
		in = io.MultiReader(bytes.NewReader(suffix), in)
	}
	if len(gs) == 0 {
		return nil, errors.New("no goroutine stacks found")
	}
	if last := gs[len(gs)-1]; len(last.Stack.Calls) == 0 || last.Stack.Calls[len(last.Stack.Calls)-1].Line == 0 && last.Stack.Calls[0].RemoteSrcPath != "<unavailable>" {
		return nil, fmt.Errorf("truncated goroutine dump: goroutine %d ends without its file and line", last.ID)
	}
	p.Crash = junk.crash()
	agg := newAggregator()
	for _, g := range gs {
		r := dumpRecord(g)
		if r.Leaked {
			p.Kind = KindGoroutineLeak
		}
		agg.add(r, g.ID)
		p.Total++
	}
	p.Records = agg.records
	return p, nil
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
