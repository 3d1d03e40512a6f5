package leakprof

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// readDebug1 reads a debug=1 text profile:
//
//	goroutine profile: total 6
//	3 @ 0x47db6e 0x41491c 0x414517 0x4dcdde 0x4841e1
//	# labels: {"k":"v"}
//	#	0x4dcddd	main.sender.func1+0x1d	/tmp/exp/main.go:17
//
// The runtime leaves its own frames out of these stacks, so the wait
// reason shows only for waits that pass through a linknamed function
// (sync, I/O, sleep); channel waits stay unknown.
func readDebug1(data []byte) (*Profile, error) {
	p := &Profile{Format: FormatDebug1, Kind: KindGoroutine}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	agg := newAggregator()
	var cur *Record
	var total, lineNo int
	flush := func() error {
		if cur == nil {
			return nil
		}
		if len(cur.Frames) == 0 {
			return fmt.Errorf("line %d: a stack without frames", lineNo)
		}
		cur.State, cur.StateFromStack = stateFromStack(cur.Frames, false)
		cur.Leaked = p.Kind == KindGoroutineLeak
		agg.add(cur)
		p.Total += cur.Count
		cur = nil
		return nil
	}
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case lineNo == 1:
			kind, n, ok := strings.Cut(line, " profile: total ")
			t, err := strconv.Atoi(strings.TrimSpace(n))
			if !ok || err != nil || t < 0 {
				return nil, fmt.Errorf("line 1: malformed header %q", truncate(line, 60))
			}
			p.Kind, total = Kind(kind), t
		case line == "":
			if err := flush(); err != nil {
				return nil, err
			}
		case strings.HasPrefix(line, "# labels: "):
			if cur == nil {
				return nil, fmt.Errorf("line %d: labels outside a stack", lineNo)
			}
			var labels map[string]string
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "# labels: ")), &labels); err == nil {
				cur.Labels = map[string][]string{}
				for k, v := range labels {
					cur.Labels[k] = []string{v}
				}
			}
		case strings.HasPrefix(line, "#\t"):
			if cur == nil {
				return nil, fmt.Errorf("line %d: a frame outside a stack", lineNo)
			}
			f, err := debug1Frame(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", lineNo, err)
			}
			cur.Frames = append(cur.Frames, f)
		case strings.Contains(line, " @ "):
			if err := flush(); err != nil {
				return nil, err
			}
			n, err := strconv.Atoi(line[:strings.Index(line, " @ ")])
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("line %d: malformed count in %q", lineNo, truncate(line, 60))
			}
			cur = &Record{Count: n}
		default:
			return nil, fmt.Errorf("line %d: unexpected %q in a debug=1 profile", lineNo, truncate(line, 60))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %v", lineNo+1, err)
	}
	if cur != nil && !bytes.HasSuffix(data, []byte("\n")) {
		return nil, fmt.Errorf("truncated debug=1 profile: line %d is cut short", lineNo)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if p.Total != total {
		return nil, fmt.Errorf("truncated debug=1 profile: the header says %d goroutines, the stacks hold %d", total, p.Total)
	}
	p.Records = agg.records
	return p, nil
}

// debug1Frame parses "#\t0x4dcddd\tmain.sender.func1+0x1d\t/tmp/exp/main.go:17".
func debug1Frame(line string) (Frame, error) {
	fields := strings.Split(strings.TrimPrefix(line, "#\t"), "\t")
	var parts []string
	for _, f := range fields {
		if f != "" {
			parts = append(parts, f)
		}
	}
	if len(parts) < 3 {
		return Frame{}, fmt.Errorf("malformed frame %q", truncate(line, 60))
	}
	fn := parts[1]
	if i := strings.LastIndex(fn, "+0x"); i > 0 {
		fn = fn[:i]
	}
	loc := strings.Join(parts[2:], "\t")
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return Frame{}, fmt.Errorf("malformed frame %q: no line number", truncate(line, 60))
	}
	n, err := strconv.Atoi(loc[i+1:])
	if err != nil || n < 0 {
		return Frame{}, fmt.Errorf("malformed frame %q: bad line number", truncate(line, 60))
	}
	return Frame{Func: unescape(fn), File: loc[:i], Line: n}, nil
}
