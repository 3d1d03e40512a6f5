// Command leaks measures how long rtlint leaks takes to read and
// summarise a 100,000-goroutine profile, and its peak memory (issue 18:
// under 2 s and 500 MB).
//
//	go run ./bench/leaks [-n 100000] [-runs 3]
//
// It parks n goroutines at five sites of this package (three call levels
// deep, in chan send, chan receive, select, sync.WaitGroup.Wait and
// sync.Mutex.Lock, each started by two go statements), writes their goroutine dump (debug=2) and protobuf
// profile from a child process, then reads and summarises each file in a
// fresh child process (leakprof.ReadFile, Build, WriteText), timing it from
// the parent and taking the child's peak RSS (ru_maxrss). The static
// analysis rtlint leaks joins with is not included: it is the same as a
// plain rtlint run on the module (bench/RESULTS.md).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/rtlint/rtlint/internal/leakprof"
)

func main() {
	n := flag.Int("n", 100_000, "goroutines to park")
	runs := flag.Int("runs", 3, "timed reads of each file (the median is reported)")
	flag.Parse()
	switch flag.Arg(0) {
	case "gen":
		gen(*n, flag.Arg(1))
		return
	case "read":
		read(flag.Arg(1))
		return
	}
	dir, err := os.MkdirTemp("", "rtlint-bench-leaks")
	check(err)
	defer os.RemoveAll(dir)
	self, err := os.Executable()
	check(err)
	cmd := exec.Command(self, "-n", fmt.Sprint(*n), "gen", dir)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	check(cmd.Run())
	fmt.Printf("%d goroutines, %s, GOMAXPROCS %d\n", *n, runtime.Version(), runtime.GOMAXPROCS(0))
	for _, name := range []string{"goroutine.debug2.txt", "goroutine.pb.gz"} {
		file := filepath.Join(dir, name)
		st, err := os.Stat(file)
		check(err)
		var walls []time.Duration
		var rss int64
		var summary []byte
		for range *runs {
			cmd := exec.Command(self, "read", file)
			cmd.Stderr = os.Stderr
			t0 := time.Now()
			out, err := cmd.Output()
			check(err)
			walls = append(walls, time.Since(t0))
			rss = max(rss, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
			summary = out
		}
		slices.Sort(walls)
		fmt.Printf("%-22s %6.1f MB  read+summary %6.2f s (median of %d)  peak RSS %4d MB  %s",
			name, float64(st.Size())/1e6, walls[len(walls)/2].Seconds(), *runs, rss/1024, summary)
	}
}

// read reads and summarises one profile and prints its sites and counts.
func read(file string) {
	p, err := leakprof.ReadFile(file)
	check(err)
	root, err := filepath.Abs(".")
	check(err)
	loc := leakprof.NewLocator([]leakprof.Module{{Path: "github.com/rtlint/rtlint", Dir: root}},
		[]leakprof.MainPackage{{Dir: filepath.Join(root, "bench", "leaks"), Files: []string{"main.go"}}})
	r := leakprof.Build([]*leakprof.Profile{p}, loc, nil, nil, leakprof.Options{Min: leakprof.DefaultMin})
	check(r.WriteText(io.Discard, root))
	parked := 0
	for _, s := range r.Sites {
		parked += s.Count
	}
	fmt.Printf("(%d sites, %d parked goroutines)\n", len(r.Sites), parked)
}

// gen parks n goroutines at five sites and writes the profiles.
//
//rtlint:file-ignore golifecycle the benchmark parks these goroutines for good on purpose: their dump is what it measures
func gen(n int, dir string) {
	// Nothing receives from sends, nothing sends on recvs: no two of the
	// goroutines can meet.
	sends, recvs := make(chan int), make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	var mu sync.Mutex
	mu.Lock()
	sites := []func(){
		func() { sends <- 1 },
		func() { <-recvs },
		func() {
			select {
			case <-recvs:
			case sends <- 1:
			}
		},
		func() { wg.Wait() },
		func() { mu.Lock() },
	}
	for i := range n {
		site := sites[i%len(sites)]
		if i%2 == 0 {
			go level1(site)
		} else {
			go func() { level1(site) }()
		}
	}
	for deadline := time.Now().Add(time.Minute); runtime.NumGoroutine() < n+1; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			check(fmt.Errorf("only %d goroutines started", runtime.NumGoroutine()))
		}
	}
	time.Sleep(500 * time.Millisecond) // let them park
	for name, debug := range map[string]int{"goroutine.debug2.txt": 2, "goroutine.pb.gz": 0} {
		f, err := os.Create(filepath.Join(dir, name))
		check(err)
		check(pprof.Lookup("goroutine").WriteTo(f, debug))
		check(f.Close())
	}
}

//go:noinline
func level1(f func()) { level2(f) }

//go:noinline
func level2(f func()) { level3(f) }

//go:noinline
func level3(f func()) { f() }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/leaks:", err)
		os.Exit(1)
	}
}
