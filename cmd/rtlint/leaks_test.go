package main_test

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The leaks tests build testdata/mod/leaks-basic, a program that leaks
// goroutines at marked lines in known numbers, run it to write its
// goroutine profiles in every format, and check what rtlint leaks makes of
// each: the count, the wait reason and the static join of every site.

var leaksModule = filepath.Join("..", "..", "testdata", "mod", "leaks-basic")

// A leakSite is what the test program leaks at one marked line.
type leakSite struct {
	name    string // the LEAK: and GO: marker
	count   int
	state   string // the wait reason a dump shows
	inDebug string // the wait reason a debug=1 profile lets rtlint see
	// predicted: a golifecycle or ctxblock finding at the site or its go
	// statement; else why names the reason rtlint gives for having none.
	predicted bool
	why       string
	leaked    bool // reported by the goroutineleak profile
}

var leakSites = []leakSite{
	{"sender", 7, "chan send", "", true, "", true},
	{"consumer", 5, "chan receive", "", true, "", true},
	{"waiter", 3, "sync.WaitGroup.Wait", "sync.WaitGroup.Wait", false, "WaitGroup", true},
	{"mutex", 4, "sync.Mutex.Lock", "sync.Mutex.Lock", false, "lock ownership", false},
	{"dep", 2, "chan receive", "", false, "inside example.com/leaksdep.(*Pool).Get, outside the module", false},
	{"accept", 1, "IO wait", "IO wait", false, "network waits", false},
}

// leaksReport is the part of rtlint leaks -json the tests read.
type leaksReport struct {
	Profiles []struct {
		File, Format, Kind string
		Crash              bool
		Total              int `json:"goroutines"`
	}
	Series      bool
	SeriesNote  string `json:"series_note"`
	Leaking     int
	Sites       []leaksSite
	NotObserved []leaksFinding `json:"not_observed"`
}

type leaksSite struct {
	File, Func   string
	Line         int
	WaitReason   string `json:"wait_reason"`
	BlockedIn    string `json:"blocked_in"`
	Counts       []int
	Leaked       []int
	Verdict      string
	Trend        string
	Creators     []leaksCreator
	Findings     []leaksFinding
	NoFinding    string `json:"no_finding"`
	Citation     string
	GoroutineIDs []int `json:"goroutine_ids"`
}

type leaksCreator struct {
	File       string
	Line       int
	Goroutines []int
	Inferred   bool
}

type leaksFinding struct {
	Analyzer, File, At string
	Line               int
}

// markers returns the line of each LEAK: and GO: marker of the worker
// package.
func markers(t *testing.T) map[string]int {
	t.Helper()
	f, err := os.Open(filepath.Join(leaksModule, "worker", "worker.go"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	re := regexp.MustCompile(`// ((?:LEAK|GO):\w+)`)
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			out[m[1]] = n
		}
	}
	return out
}

// A leakBuild is the test program built with one toolchain setting, and
// the profiles it wrote.
type leakBuild struct {
	dir string
	err error
}

var (
	leakBuildsMu sync.Mutex
	leakBuilds   = map[string]*leakBuild{}
)

// leakProfiles builds and runs the test program once per variant and test
// binary, and returns the directory holding its profiles: "go1.26" (the
// running toolchain, also writing crash.txt), "go1.26-exp"
// (GOEXPERIMENT=goroutineleakprofile) and "go1.27.3" (GOTOOLCHAIN).
func leakProfiles(t *testing.T, variant string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	leakBuildsMu.Lock()
	defer leakBuildsMu.Unlock()
	b := leakBuilds[variant]
	if b == nil {
		b = &leakBuild{}
		b.dir, b.err = buildLeaks(t, variant)
		leakBuilds[variant] = b
	}
	if b.err != nil {
		if variant == "go1.27.3" && os.Getenv("CI") == "" && strings.Contains(b.err.Error(), "toolchain") {
			t.Skipf("go1.27.3 cannot be fetched here (%v); CI runs this", b.err)
		}
		t.Fatal(b.err)
	}
	return b.dir
}

func buildLeaks(t *testing.T, variant string) (string, error) {
	// Beside the rtlint binary: TestMain removes that directory at the end.
	dir := filepath.Join(filepath.Dir(rtlintBin), "leaks-"+variant)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "CGO_ENABLED=0")
	switch variant {
	case "go1.26":
		env = append(env, "GOTOOLCHAIN=local", "GOPROXY=off")
	case "go1.26-exp":
		env = append(env, "GOTOOLCHAIN=local", "GOPROXY=off", "GOEXPERIMENT=goroutineleakprofile")
	case "go1.27.3":
		env = append(env, "GOTOOLCHAIN=go1.27.3")
	}
	bin := filepath.Join(dir, "leaks")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir, build.Env = leaksModule, env
	if out, err := build.CombinedOutput(); err != nil {
		return "", &buildError{"go build (" + variant + ", toolchain " + variant + "): " + err.Error() + "\n" + string(out)}
	}
	runEnv := append(os.Environ(), "GOTRACEBACK=all")
	cmd := exec.Command(bin, dir)
	if variant == "go1.26" {
		cmd.Args = append(cmd.Args, "crash")
	}
	cmd.Env = runEnv
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		return "", err
	}
	crash, _ := io.ReadAll(stderr)
	err := cmd.Wait()
	if variant == "go1.26" {
		if err == nil || !strings.Contains(string(crash), "crashing on purpose") {
			return "", &buildError{"the program did not crash as asked: " + string(crash)}
		}
		if err := os.WriteFile(filepath.Join(dir, "crash.txt"), crash, 0o644); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", &buildError{"running the program: " + err.Error() + "\n" + string(crash)}
	}
	return dir, nil
}

type buildError struct{ msg string }

func (e *buildError) Error() string { return e.msg }

// runLeaksJSON runs rtlint leaks -json in the test module and decodes the
// report.
func runLeaksJSON(t *testing.T, args ...string) (leaksReport, result) {
	t.Helper()
	abs, err := filepath.Abs(leaksModule)
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, abs, rtlintBin, append([]string{"leaks", "-json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("rtlint leaks -json %v: exit %d\n%s", args, r.code, r.stderr)
	}
	var rep leaksReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("decoding the report: %v\n%s", err, r.stdout)
	}
	return rep, r
}

// siteAt finds the site at a marker.
func siteAt(t *testing.T, rep leaksReport, line int) *leaksSite {
	t.Helper()
	for i, s := range rep.Sites {
		if s.File == "worker/worker.go" && s.Line == line {
			return &rep.Sites[i]
		}
	}
	return nil
}

// checkSites checks column col of rep against leakSites: each site's
// count (count(want)), wait reason (state(want)), go statement and static
// join. For a goroutineleak profile (leakOnly) only the leaked sites count,
// all of them marked leaked.
func checkSites(t *testing.T, rep leaksReport, col int, label string, leakOnly bool, state func(leakSite) string, count func(leakSite) int) {
	t.Helper()
	m := markers(t)
	full := rep.Profiles[col].Format == "dump"
	for _, want := range leakSites {
		s := siteAt(t, rep, m["LEAK:"+want.name])
		if leakOnly && !want.leaked {
			if s != nil && (s.Leaked[col] > 0 || !full && s.Counts[col] > 0) {
				t.Errorf("%s: %s: reported leaked (%d of %d), want not: the primitive is reachable", label, want.name, s.Leaked[col], s.Counts[col])
			}
			if !full {
				continue
			}
		}
		if s == nil {
			t.Errorf("%s: no site at worker/worker.go:%d (%s)", label, m["LEAK:"+want.name], want.name)
			continue
		}
		if got := s.Counts[col]; got != count(want) {
			t.Errorf("%s: %s: %d goroutines, want %d", label, want.name, got, count(want))
		}
		if leakOnly && want.leaked && s.Leaked[col] != count(want) {
			t.Errorf("%s: %s: %d marked leaked, want %d", label, want.name, s.Leaked[col], count(want))
		}
		if s.WaitReason != state(want) {
			t.Errorf("%s: %s: wait reason %q, want %q", label, want.name, s.WaitReason, state(want))
		}
		goLine := m["GO:"+want.name]
		if !slices.ContainsFunc(s.Creators, func(c leaksCreator) bool { return c.File == "worker/worker.go" && c.Line == goLine }) {
			t.Errorf("%s: %s: creators %+v, want the go statement at line %d", label, want.name, s.Creators, goLine)
		}
		var leakFinding bool
		for _, f := range s.Findings {
			if f.Analyzer != "golifecycle" && f.Analyzer != "ctxblock" {
				continue
			}
			if (f.At == "site" && f.Line != s.Line) || (f.At == "go statement" && f.Line != goLine) {
				t.Errorf("%s: %s: finding %+v is not at the site or its go statement", label, want.name, f)
			}
			leakFinding = true
		}
		switch {
		case want.predicted && !leakFinding:
			t.Errorf("%s: %s: no golifecycle or ctxblock finding joined (findings %+v, no_finding %q)", label, want.name, s.Findings, s.NoFinding)
		case !want.predicted && (leakFinding || !strings.Contains(s.NoFinding, want.why)):
			t.Errorf("%s: %s: findings %+v, no_finding %q; want none, and a reason naming %q", label, want.name, s.Findings, s.NoFinding, want.why)
		}
		if !regexp.MustCompile(`^runtime/\w+\.go:\d+`).MatchString(s.Citation) {
			t.Errorf("%s: %s: citation %q does not cite a runtime line", label, want.name, s.Citation)
		}
	}
}

func dumpState(w leakSite) string   { return w.state }
func debug1State(w leakSite) string { return w.inDebug }

func exact(w leakSite) int { return w.count }

// TestLeaksFormats reads the dump, debug=1 and protobuf goroutine
// profiles and the crash dump of one run together: each is a column of the
// report, and every column finds every site with its count, wait reason
// and static join.
func TestLeaksFormats(t *testing.T) {
	dir := leakProfiles(t, "go1.26")
	files := []string{"goroutine.debug2.txt", "goroutine.debug1.txt", "goroutine.pb.gz", "crash.txt"}
	var args []string
	for _, f := range files {
		args = append(args, filepath.Join(dir, f))
	}
	rep, _ := runLeaksJSON(t, args...)
	if rep.Series {
		t.Errorf("a dump, a debug=1 and a protobuf profile were taken as a series: %s", rep.SeriesNote)
	}
	for i, f := range files {
		if got := rep.Profiles[i].File; got != args[i] {
			t.Fatalf("profile %d is %s, want %s (the command line's order)", i, got, args[i])
		}
		format := map[string]string{"goroutine.debug1.txt": "debug=1", "goroutine.pb.gz": "protobuf"}[f]
		if format == "" {
			format = "dump"
		}
		if rep.Profiles[i].Format != format {
			t.Errorf("%s: format %q, want %q", f, rep.Profiles[i].Format, format)
		}
		count := exact
		if f == "crash.txt" {
			// The crash comes after the later profiles: three more senders.
			count = func(w leakSite) int { return w.count + map[bool]int{true: 3}[w.name == "sender"] }
			if !rep.Profiles[i].Crash {
				t.Errorf("crash.txt is not recognized as a crash dump")
			}
		}
		// Merged with the dump's columns, the debug=1 sites carry the
		// dump's wait reasons; read alone they have their own (below).
		checkSites(t, rep, i, f, false, dumpState, count)
	}
	for _, s := range rep.Sites {
		if s.Func == "" || !strings.HasPrefix(s.Func, "example.com/leaks/") {
			t.Errorf("site %s:%d in %q: not a function of the module", s.File, s.Line, s.Func)
		}
	}
	if len(rep.NotObserved) != 0 {
		t.Errorf("leak findings not observed: %+v; every leak of the program is parked at its line", rep.NotObserved)
	}
	m := markers(t)
	if s := siteAt(t, rep, m["LEAK:sender"]); s == nil || s.Verdict != "leaking" {
		t.Errorf("the abandoned senders are not called leaking: %+v", s)
	}
	if s := siteAt(t, rep, m["LEAK:mutex"]); s == nil || s.Verdict != "parked" {
		t.Errorf("the mutex waiters, with no evidence of a leak but their count, are not just parked: %+v", s)
	}

	// debug=1 alone: the channel waits have no wait reason.
	rep, _ = runLeaksJSON(t, args[1])
	checkSites(t, rep, 0, "debug=1 alone", false, debug1State, exact)
}

// TestLeaksSeries compares two dumps and two protobuf profiles of one
// process: the senders grow from 7 to 10, every other site stays flat.
func TestLeaksSeries(t *testing.T) {
	dir := leakProfiles(t, "go1.26")
	m := markers(t)
	for _, pair := range [][2]string{
		{"goroutine.debug2.txt", "goroutine.later.debug2.txt"},
		{"goroutine.later.pb.gz", "goroutine.pb.gz"}, // out of order: protobuf profiles are ordered by time
	} {
		rep, _ := runLeaksJSON(t, filepath.Join(dir, pair[0]), filepath.Join(dir, pair[1]))
		if !rep.Series {
			t.Errorf("%v: not taken as one process: %s", pair, rep.SeriesNote)
			continue
		}
		for _, want := range leakSites {
			s := siteAt(t, rep, m["LEAK:"+want.name])
			if s == nil {
				t.Errorf("%v: no site for %s", pair, want.name)
				continue
			}
			wantTrend, wantVerdict, last := "stable", "stable", want.count
			if want.name == "sender" {
				wantTrend, wantVerdict, last = "growing", "leaking", 10
			}
			if s.Trend != wantTrend || s.Verdict != wantVerdict || s.Counts[0] != want.count || s.Counts[1] != last {
				t.Errorf("%v: %s: counts %v, trend %q, verdict %q; want [%d %d], %s, %s", pair, want.name, s.Counts, s.Trend, s.Verdict, want.count, last, wantTrend, wantVerdict)
			}
		}
	}
	// A dump and a protobuf profile cannot be matched to one process.
	rep, _ := runLeaksJSON(t, filepath.Join(dir, "goroutine.debug2.txt"), filepath.Join(dir, "goroutine.later.pb.gz"))
	if rep.Series {
		t.Errorf("a dump and a protobuf profile were taken as one process")
	}
}

// TestLeaksGoroutineLeakProfile reads the goroutineleak profile in every
// format, from go1.26 with GOEXPERIMENT=goroutineleakprofile and from
// go1.27.3, where it is on by default: it reports exactly the goroutines
// blocked on what no other goroutine can reach.
func TestLeaksGoroutineLeakProfile(t *testing.T) {
	for _, variant := range []string{"go1.26-exp", "go1.27.3"} {
		t.Run(variant, func(t *testing.T) {
			dir := leakProfiles(t, variant)
			files := []string{"goroutineleak.pb.gz", "goroutineleak.debug1.txt", "goroutineleak.debug2.txt"}
			for _, f := range files {
				rep, _ := runLeaksJSON(t, filepath.Join(dir, f))
				format := map[string]string{"goroutineleak.debug1.txt": "debug=1", "goroutineleak.pb.gz": "protobuf"}[f]
				if format == "" {
					format = "dump"
				}
				if rep.Profiles[0].Kind != "goroutineleak" {
					t.Errorf("%s: kind %q, want goroutineleak", f, rep.Profiles[0].Kind)
				}
				state := dumpState
				if format == "debug=1" {
					state = debug1State
				}
				checkSites(t, rep, 0, variant+" "+f, true, state, exact)
				for _, s := range rep.Sites {
					if s.Leaked[0] > 0 && s.Verdict != "leaking" {
						t.Errorf("%s: %s:%d: marked leaked but verdict %q", f, s.File, s.Line, s.Verdict)
					}
				}
			}
		})
	}
}

// TestLeaksExitCodes: a leaking site exits 3 in text, 0 with -json and
// -sarif; an unreadable profile or no profile at all is a usage error (2)
// with one line naming the file.
func TestLeaksExitCodes(t *testing.T) {
	dir := leakProfiles(t, "go1.26")
	abs, err := filepath.Abs(leaksModule)
	if err != nil {
		t.Fatal(err)
	}
	dump := filepath.Join(dir, "goroutine.debug2.txt")
	if r := run(t, abs, rtlintBin, "leaks", dump); r.code != 3 || !strings.Contains(r.stdout, "leaking  worker/worker.go:") {
		t.Errorf("rtlint leaks on leaking sites: exit %d, want 3\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := run(t, abs, rtlintBin, "leaks", "-sarif", dump)
	if r.code != 0 || !strings.Contains(r.stdout, `"ruleId": "leaks/leaking"`) || !strings.Contains(r.stdout, `"uri": "worker/worker.go"`) {
		t.Errorf("rtlint leaks -sarif: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	bad := filepath.Join(t.TempDir(), "cut.txt")
	data, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"leaks", bad}, {"leaks", "./..."}, {"leaks", "missing.pb.gz"}, {"leaks", "-json", "-sarif", dump}} {
		r := run(t, abs, rtlintBin, args...)
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		if r.code != 2 || r.stdout != "" || !strings.HasPrefix(lines[0], "rtlint leaks: ") {
			t.Errorf("rtlint %v: exit %d, stdout %q, stderr %q; want exit 2 and an error line", args, r.code, r.stdout, r.stderr)
		}
		if args[1] == bad && (len(lines) != 1 || !strings.Contains(lines[0], bad)) {
			t.Errorf("rtlint %v: stderr %q, want one line naming the file", args, r.stderr)
		}
	}
}
