package contracttest

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

// The label key every test here uses; no symbol or file name contains it.
const probe = "rtlint-probe"

// goroutineLabels returns the pprof labels ("{"k":"v"}", or "" for none)
// of each goroutine whose stack mentions fn, from the goroutine profile.
func goroutineLabels(t *testing.T, fn string) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, rec := range strings.Split(buf.String(), "\n\n") {
		if !strings.Contains(rec, fn) {
			continue
		}
		labels := ""
		for _, line := range strings.Split(rec, "\n") {
			if l, ok := strings.CutPrefix(line, "# labels: "); ok {
				labels = l
			}
		}
		// Records aggregate goroutines with the same stack and labels:
		// "2 @ 0x4...".
		count, _, _ := strings.Cut(rec, " @ ")
		n, err := strconv.Atoi(count)
		if err != nil {
			n = 1
		}
		for range n {
			out = append(out, labels)
		}
	}
	return out
}

// labelled parks until released; its labels are what the profile shows.
//
//go:noinline
func labelledA(release chan struct{}) { <-release }

//go:noinline
func labelledB(release chan struct{}) { <-release }

//go:noinline
func labelledC(release chan struct{}) { <-release }

// parkedUntilCleanup returns a channel the labelled* goroutines park on;
// at the end of the test it is closed and they are waited for, so the next
// test's goroutine profile does not see them.
func parkedUntilCleanup(t *testing.T) (release chan struct{}, start func(func(chan struct{}))) {
	t.Helper()
	release = make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() {
		close(release)
		wg.Wait()
	})
	return release, func(f func(chan struct{})) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(release)
		}()
	}
}

// wantLabels waits for the goroutine in fn and checks its labels.
func wantLabels(t *testing.T, fn, want string) {
	t.Helper()
	waitParked(t, "contracttest."+fn+"(", "chan receive", 1)
	got := goroutineLabels(t, "contracttest."+fn+"+")
	if len(got) != 1 || got[0] != want {
		t.Errorf("labels of %s = %q, want %q", fn, got, want)
	}
}

func TestGoroutinesInheritLabels(t *testing.T) {
	verifies(t, contract.GoroutineInheritsLabelsAtCreation, contract.UserGoroutinesInheritLabels, contract.LabelsStoredOnCurrentG, contract.DoSetsLabelsForCall)
	_, start := parkedUntilCleanup(t)
	defer pprof.SetGoroutineLabels(context.Background())
	pprof.Do(context.Background(), pprof.Labels(probe, "do"), func(ctx context.Context) {
		start(labelledA) // inherits the labels Do set
		// A child that changes its own labels changes only itself.
		changed := make(chan struct{})
		start(func(release chan struct{}) {
			pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels(probe, "child")))
			close(changed)
			labelledB(release)
		})
		<-changed
		start(labelledC) // still the parent's labels
	})
	// The parent's labels changed when Do returned; children keep theirs.
	wantLabels(t, "labelledA", `{"`+probe+`":"do"}`)
	wantLabels(t, "labelledB", `{"`+probe+`":"child"}`)
	wantLabels(t, "labelledC", `{"`+probe+`":"do"}`)
}

func TestDoLabelsComeFromCtx(t *testing.T) {
	verifies(t, contract.DoLabelsFromCtxNotGoroutine, contract.DoRestoresCtxLabelsOnReturn)
	_, start := parkedUntilCleanup(t)
	defer pprof.SetGoroutineLabels(context.Background())
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(probe, "goroutine")))
	// Do builds its set from ctx (here unlabelled), not from the
	// goroutine's labels, and on return sets the goroutine's labels from
	// ctx: the goroutine's own labels are gone.
	pprof.Do(context.Background(), pprof.Labels("other", "x"), func(context.Context) {
		start(labelledA)
	})
	start(labelledB)
	wantLabels(t, "labelledA", `{"other":"x"}`)
	wantLabels(t, "labelledB", "")
}

func TestWithLabelsOnlyChangesContext(t *testing.T) {
	verifies(t, contract.WithLabelsOnlyChangesContext, contract.SetGoroutineLabelsReplaces)
	_, start := parkedUntilCleanup(t)
	defer pprof.SetGoroutineLabels(context.Background())
	ctx := pprof.WithLabels(context.Background(), pprof.Labels(probe, "ctx"))
	start(labelledA) // WithLabels alone applied nothing
	pprof.SetGoroutineLabels(ctx)
	start(labelledB)
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels("other", "y")))
	start(labelledC) // replaced, not merged
	wantLabels(t, "labelledA", "")
	wantLabels(t, "labelledB", `{"`+probe+`":"ctx"}`)
	wantLabels(t, "labelledC", `{"other":"y"}`)
}

func init() {
	children["tracebacklabels"] = func() {
		pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(probe, "trace")))
		buf := make([]byte, 4096)
		header, _, _ := strings.Cut(string(buf[:runtime.Stack(buf, false)]), "\n")
		println("header=" + header)
	}
}

func TestTracebackLabelsGODEBUG(t *testing.T) {
	verifies(t, contract.TracebackLabelsGODEBUG)
	// The format is not part of the contract (go1.26 prints
	// labels:{"k": "v"}, go1.27 {"k": v}).
	labelRE := regexp.MustCompile(`"?` + probe + `"?: "?trace"?`)
	if h := runChild(t, "tracebacklabels", "GODEBUG=tracebacklabels=1")["header"]; !labelRE.MatchString(h) {
		t.Errorf("with GODEBUG=tracebacklabels=1 the traceback header %q lacks the labels", h)
	}
	if h := runChild(t, "tracebacklabels")["header"]; strings.Contains(h, probe) {
		t.Errorf("by default the traceback header %q shows labels", h)
	}
}

var (
	labelledSink [][]byte
	mu           sync.Mutex
)

//go:noinline
func labelledAlloc() { labelledSink = append(labelledSink, make([]byte, 1<<16)) }

//go:noinline
func labelledBlock(ch chan int) { <-ch }

//go:noinline
func labelledUnlock(locked, unlock chan struct{}) {
	mu.Lock()
	close(locked)
	<-unlock
	mu.Unlock() // the mutex profile records the unlocker's stack
}

//go:noinline
func waiterLock() {
	mu.Lock()
	//lint:ignore SA2001 the wait in Lock is what the mutex profile records
	mu.Unlock()
}

func init() {
	children["profilelabels"] = func() {
		runtime.MemProfileRate = 1
		runtime.SetBlockProfileRate(1)
		runtime.SetMutexProfileFraction(1)
		ch := make(chan int)
		park := make(chan struct{})
		locked, unlock := make(chan struct{}), make(chan struct{})
		blocked := make(chan struct{})
		pprof.Do(context.Background(), pprof.Labels(probe, "profiled"), func(context.Context) {
			labelledAlloc()
			go func() { labelledBlock(ch); close(blocked) }()
			go labelledUnlock(locked, unlock)
			go labelledA(park) // a labelled goroutine for the goroutine profile
		})
		waitState("contracttest.labelledBlock(", "chan receive")
		ch <- 1
		<-blocked
		<-locked
		done := make(chan struct{})
		go func() { waiterLock(); close(done) }()
		waitState("contracttest.waiterLock(", "sync.Mutex.Lock")
		close(unlock)
		<-done
		runtime.GC()
		for _, name := range []string{"heap", "block", "mutex", "goroutine"} {
			var buf bytes.Buffer
			if err := pprof.Lookup(name).WriteTo(&buf, 0); err != nil {
				println(name+"=error", err.Error())
				continue
			}
			zr, err := gzip.NewReader(&buf)
			if err != nil {
				println(name+"=error", err.Error())
				continue
			}
			raw, _ := io.ReadAll(zr)
			// A profile's string table holds every label key and value
			// it records, and the function names of its samples.
			println(name+"_labels=", bytes.Contains(raw, []byte(probe)))
			println(name+"_sampled=", bytes.Contains(raw, []byte("contracttest.labelled")))
		}
		close(park)
		os.Stdout.Sync()
	}
}

// waitState is waitParked for a child process, which has no *testing.T.
func waitState(fn, reason string) {
	for {
		for _, s := range goroutines(fn) {
			if s == reason {
				return
			}
		}
		runtime.Gosched()
	}
}

func TestLabelsOnlyInCPUAndGoroutineProfiles(t *testing.T) {
	verifies(t, contract.LabelsOnlyInCPUAndGoroutineProfiles)
	out := runChild(t, "profilelabels")
	t.Logf("profiles: %v", out)
	for _, name := range []string{"heap", "block", "mutex"} {
		if strings.TrimSpace(out[name+"_sampled"]) != "true" {
			t.Errorf("the %s profile has no sample from the labelled code: %v", name, out)
		}
		if strings.TrimSpace(out[name+"_labels"]) != "false" {
			t.Errorf("the %s profile records pprof labels: %v", name, out)
		}
	}
	if strings.TrimSpace(out["goroutine_labels"]) != "true" {
		t.Errorf("the goroutine profile lacks the labels: %v", out)
	}
}
