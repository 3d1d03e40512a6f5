package leakprof

import (
	"errors"
	"fmt"
	"time"

	"github.com/google/pprof/profile"
)

// readProto reads a pprof protobuf goroutine or goroutineleak profile
// (already decompressed). Samples are stacks with counts; the runtime's
// frames are kept, so the wait reason can be read off the stack.
func readProto(data []byte) (*Profile, error) {
	pp, err := profile.ParseUncompressed(data)
	if err != nil {
		return nil, fmt.Errorf("not a goroutine profile or dump: %v", err)
	}
	if len(pp.SampleType) == 0 {
		return nil, errors.New("a pprof profile without sample types, not a goroutine profile")
	}
	st := pp.SampleType[0]
	kind := Kind(st.Type)
	if kind != KindGoroutine && kind != KindGoroutineLeak {
		return nil, fmt.Errorf("a pprof %q profile, not a goroutine profile", st.Type)
	}
	p := &Profile{Format: FormatProto, Kind: kind}
	if pp.TimeNanos != 0 {
		p.Time = time.Unix(0, pp.TimeNanos).UTC()
	}
	if len(pp.Mapping) > 0 {
		p.Binary, p.BuildID = pp.Mapping[0].File, pp.Mapping[0].BuildID
	}
	agg := newAggregator()
	for _, s := range pp.Sample {
		if len(s.Value) == 0 || s.Value[0] <= 0 {
			continue
		}
		if s.Value[0] > 1<<40 {
			return nil, fmt.Errorf("a sample counts %d goroutines: corrupt profile", s.Value[0])
		}
		r := &Record{Count: int(s.Value[0]), Leaked: kind == KindGoroutineLeak}
		for _, loc := range s.Location {
			if loc == nil {
				continue
			}
			// Line[0] is the innermost of the functions inlined at this
			// location; the last is the function they were inlined into.
			for _, ln := range loc.Line {
				if ln.Function == nil {
					continue
				}
				r.Frames = append(r.Frames, Frame{Func: unescape(ln.Function.Name), File: ln.Function.Filename, Line: int(ln.Line)})
			}
		}
		if len(r.Frames) == 0 {
			return nil, errors.New("a goroutine profile without symbols: write it from the running program (pprof.Lookup(\"goroutine\").WriteTo or /debug/pprof/goroutine), which symbolizes it")
		}
		if len(s.Label) > 0 {
			r.Labels = s.Label
		}
		r.State, r.StateFromStack = stateFromStack(r.Frames, true)
		agg.add(r)
		p.Total += r.Count
	}
	p.Records = agg.records
	return p, nil
}
