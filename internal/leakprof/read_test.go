package leakprof

import (
	"bytes"
	"compress/gzip"
	"errors"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// parkedHere parks n goroutines on a channel receive at a known line and
// returns that line and a function that releases them.
func parkedHere(t *testing.T, n int) (int, func()) {
	t.Helper()
	ch := make(chan struct{})
	_, _, line, _ := runtime.Caller(0)
	line += 3 // the receive below
	for range n {
		go func() { <-ch }()
	}
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		dump := string(buf[:runtime.Stack(buf, true)])
		if strings.Count(dump, "leakprof.parkedHere.func1") == n && strings.Count(dump, "[runnable]") == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("goroutines did not park")
		}
	}
	return line, func() { close(ch) }
}

// ownProfiles writes this test binary's goroutine profile in every format:
// debug=0 (gzipped protobuf), debug=1 and debug=2.
func ownProfiles(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for name, debug := range map[string]int{"proto": 0, "debug1": 1, "debug2": 2} {
		var b bytes.Buffer
		if err := pprof.Lookup("goroutine").WriteTo(&b, debug); err != nil {
			t.Fatal(err)
		}
		out[name] = b.Bytes()
	}
	return out
}

// TestReadOwnProfiles reads the goroutine profiles of this very process,
// with goroutines parked at a known line, in every format.
func TestReadOwnProfiles(t *testing.T) {
	line, release := parkedHere(t, 6)
	defer release()
	profiles := ownProfiles(t)
	raw, err := gunzip(profiles["proto"])
	if err != nil {
		t.Fatal(err)
	}
	profiles["proto-raw"] = raw // gzip or not
	want := map[string]struct {
		format Format
		state  string
	}{
		"proto":     {FormatProto, "chan receive"},
		"proto-raw": {FormatProto, "chan receive"},
		"debug1":    {FormatDebug1, ""}, // the runtime's frames are left out: no wait reason
		"debug2":    {FormatDump, "chan receive"},
	}
	for name, data := range profiles {
		p, err := Read(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Format != want[name].format || p.Kind != KindGoroutine {
			t.Errorf("%s: format %s, kind %s", name, p.Format, p.Kind)
		}
		n := 0
		for _, r := range p.Records {
			for _, f := range r.Frames {
				if strings.HasSuffix(f.File, "read_test.go") && f.Line == line && strings.HasSuffix(f.Func, "parkedHere.func1") {
					n += r.Count
					if r.State != want[name].state {
						t.Errorf("%s: state %q, want %q", name, r.State, want[name].state)
					}
				}
			}
		}
		if n != 6 {
			t.Errorf("%s: %d goroutines at read_test.go:%d, want 6", name, n, line)
		}
	}
}

// TestReadRejects feeds files that are not goroutine profiles, or are cut
// short: each gives one line naming the file, never a panic.
func TestReadRejects(t *testing.T) {
	own := ownProfiles(t)
	var heap bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&heap, 0); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(own["debug2"])
	zw.Close()
	dump := own["debug2"]
	cases := map[string]struct {
		data []byte
		msg  string
	}{
		"empty":             {nil, "empty file"},
		"blank":             {[]byte("\n\n  \n"), "empty file"},
		"go source":         {[]byte("package main\n\nfunc main() {}\n"), "no goroutine stacks found"},
		"heap profile":      {heap.Bytes(), `pprof "alloc_objects" profile`},
		"heap text":         {[]byte("heap profile: 1: 2 [3: 4] @ heap/1048576\n"), `a "heap" profile`},
		"binary junk":       {[]byte{0x08, 0x96, 0x01, 0xff, 0xfe, 0x00, 0x13}, "not a goroutine profile"},
		"truncated gzip":    {gz.Bytes()[:gz.Len()/2], "truncated"},
		"truncated proto":   {mustGunzip(t, own["proto"])[:len(mustGunzip(t, own["proto"]))*2/3], "not a goroutine profile"},
		"dump cut mid-line": {dump[:bytes.LastIndex(dump, []byte(".go:"))+4], "truncated"},
		"debug1 cut":        {own["debug1"][:bytes.Index(own["debug1"], []byte("\n\n"))+1], "truncated"},
		"debug1 bad count":  {[]byte("goroutine profile: total 1\nx @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go:1\n"), "malformed count"},
		"debug1 bad frame":  {[]byte("goroutine profile: total 1\n1 @ 0x1\n#\t0x1\tmain.f+0x1\t/a.go\n"), "no line number"},
		"dump no file line": {[]byte("goroutine 1 [running]:\nmain.main()\n"), "truncated"},
	}
	for name, c := range cases {
		p, err := Read(name+".txt", c.data)
		var fe *FormatError
		switch {
		case err == nil:
			t.Errorf("%s: read %d goroutines, want an error", name, p.Total)
		case !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), name+".txt: "):
			t.Errorf("%s: error %q does not name the file", name, err)
		case strings.Contains(err.Error(), "\n"):
			t.Errorf("%s: error %q is more than one line", name, err)
		case !strings.Contains(err.Error(), c.msg):
			t.Errorf("%s: error %q, want it to say %q", name, err, c.msg)
		}
	}
}

func mustGunzip(t *testing.T, data []byte) []byte {
	t.Helper()
	raw, err := gunzip(data)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// FuzzRead: whatever the bytes, Read returns a profile or a one-line
// error naming the file, and never panics, not even inside the parsers it
// calls (their panics would show as "the parser failed").
func FuzzRead(f *testing.F) {
	for _, data := range ownProfiles(f) {
		f.Add(data)
	}
	f.Add([]byte(crashSeed))
	f.Add([]byte("goroutineleak profile: total 2\n2 @ 0x1 0x2\n#\t0x1\tmain.f+0x1\t/a/b.go:3\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read("f.txt", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.txt: ") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q: not one line naming the file", err)
			}
			if strings.Contains(err.Error(), "the parser failed") {
				t.Fatalf("a parser panicked: %v", err)
			}
			return
		}
		total := 0
		for _, r := range p.Records {
			if r.Count <= 0 || len(r.Frames) == 0 && p.Format != FormatDump {
				t.Fatalf("record %+v", r)
			}
			total += r.Count
		}
		if total != p.Total {
			t.Fatalf("records hold %d goroutines, the profile %d", total, p.Total)
		}
	})
}

const crashSeed = `panic: boom

goroutine 1 [running]:
main.main()
	/src/m/main.go:9 +0x25

goroutine 7 [chan send, 42 minutes]:
example.com/m/worker.Fetch.func1()
	/src/m/worker/worker.go:28 +0x1e
created by example.com/m/worker.Fetch in goroutine 1
	/src/m/worker/worker.go:27 +0x5f
exit status 2
`
