// Command leaks leaks goroutines at known lines in known numbers and
// writes its goroutine profiles in every format it can to the directory
// named by its first argument: the test data of rtlint leaks.
//
//	leaks DIR          write the profiles and exit
//	leaks DIR crash    then panic (GOTRACEBACK=all prints every goroutine)
//
// The first profiles hold 7 abandoned senders, 5 consumers ranging over a
// channel nobody closes, 3 WaitGroup waiters, 4 goroutines locking a mutex
// nobody unlocks, 2 goroutines blocked in a dependency and 1 in Accept; the
// later ones (*.later.*) 3 more abandoned senders.
package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	leaksdep "example.com/leaksdep"

	"example.com/leaks/worker"
)

// Kept reachable: the leak detector does not report goroutines blocked on
// these.
var (
	pool     = leaksdep.NewPool()
	listener net.Listener
)

func main() {
	dir := os.Args[1]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 7 {
		worker.Fetch(ctx)
	}
	close(worker.Gate)
	worker.Consume(5, []int{1, 2, 3})
	for range 3 {
		worker.WaitAll([]func(){func() {}})
	}
	worker.Update(true)
	worker.StartUpdaters(4)
	worker.Borrow(pool, 2)
	var err error
	if listener, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		fail(err)
	}
	worker.Serve(listener)
	settle(22)

	write(dir, "goroutine.debug2.txt", "goroutine", 2)
	write(dir, "goroutine.debug1.txt", "goroutine", 1)
	write(dir, "goroutine.pb.gz", "goroutine", 0)
	if pprof.Lookup("goroutineleak") != nil {
		write(dir, "goroutineleak.pb.gz", "goroutineleak", 0)
		write(dir, "goroutineleak.debug1.txt", "goroutineleak", 1)
		write(dir, "goroutineleak.debug2.txt", "goroutineleak", 2)
	}

	worker.Gate = make(chan struct{})
	for range 3 {
		worker.Fetch(ctx)
	}
	close(worker.Gate)
	settle(25)
	write(dir, "goroutine.later.debug2.txt", "goroutine", 2)
	write(dir, "goroutine.later.pb.gz", "goroutine", 0)

	if len(os.Args) > 2 && os.Args[2] == "crash" {
		panic("leaks: crashing on purpose for the crash dump")
	}
}

// settle waits until want goroutines of package worker are parked, none
// of them still waiting at the gate.
func settle(want int) {
	buf := make([]byte, 1<<20)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		n := 0
		for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
			header, _, _ := strings.Cut(g, "\n")
			if strings.Contains(g, "example.com/leaks/worker.") && !strings.Contains(g, "worker.compute") &&
				!strings.Contains(header, "[running") && !strings.Contains(header, "[runnable") {
				n++
			}
		}
		if n == want {
			return
		}
		if time.Now().After(deadline) {
			fail(fmt.Errorf("%d goroutines of package worker parked, want %d", n, want))
		}
	}
}

func write(dir, name, profile string, debug int) {
	var b bytes.Buffer
	if err := pprof.Lookup(profile).WriteTo(&b, debug); err != nil {
		fail(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "leaks:", err)
	os.Exit(1)
}
