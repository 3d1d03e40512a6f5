package golifecycle

import (
	"errors"
	"time"
	tm "time"
)

func work() (int, error) { return 0, nil }

// An early return abandons the sender.
func EarlyReturn(fail bool) int {
	res := make(chan int)
	go func() {
		v, _ := work()
		res <- v // want `the goroutine started at line \d+ blocks for good on this send: EarlyReturn returns at line \d+ without receiving from res; give res a buffer for every send \(make\(chan T, 1\)\), or receive from res on every path.*\(runtime/chan\.go:\d+, runtime/mgcmark\.go:\d+, .*go1\.\d+(\.\d+)?\)`
	}()
	if fail {
		return -1
	}
	return <-res
}

// The receiver leaves on a quit channel: the sender stays.
func QuitFirst(quit chan struct{}) int {
	res := make(chan int)
	go func() {
		v, _ := work()
		res <- v // want `EarlyReturn|QuitFirst takes the select case at line \d+ and returns at line \d+ without receiving from res`
	}()
	select {
	case v := <-res:
		return v
	case <-quit:
		return -1
	}
}

// A timer gives up on the sender, with the import renamed.
func WithTimeout(d tm.Duration) (int, bool) {
	res := make(chan int)
	go func() {
		v, _ := work()
		res <- v // want `WithTimeout takes the select case at line \d+ and returns at line \d+ without receiving from res`
	}()
	select {
	case v := <-res:
		return v, true
	case <-tm.After(d):
		return 0, false
	}
}

// First result wins: every other sender stays.
func FirstOf(replicas []func() int) int {
	res := make(chan int)
	for _, r := range replicas {
		go func() {
			res <- r() // want `FirstOf receives from res only once, but the loop at line \d+ starts a goroutine that sends on it each time round; all but 1 of them block for good; give res a buffer for every goroutine`
		}()
	}
	return <-res
}

// The receive loop stops at the first error: the remaining senders stay.
func All(jobs []func() error) error {
	errc := make(chan error)
	for _, j := range jobs {
		go func() { errc <- j() }() // want `All stops receiving from errc when it leaves the loop at line \d+ early \(line \d+\), while each goroutine started in the loop at line \d+ sends on it and it has no buffer`
	}
	for range jobs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// More sends than the buffer holds once the receiver can leave.
func Batch(stop chan struct{}) {
	out := make(chan int, 4)
	go func() {
		for i := 0; i < 6; i++ {
			out <- i // want `Batch stops receiving from out when it leaves the loop at line \d+ early \(line \d+\), while 6 values in all can be sent and its buffer holds 4`
		}
		close(out)
	}()
	for v := range out {
		if v == 2 {
			return
		}
	}
}

// A second send on an unbuffered channel with one receive per goroutine.
func reply(ch chan error, err error) {
	if err != nil {
		ch <- err
	}
	ch <- nil // want `the goroutine started at line \d+ \(in reply\) blocks for good on this send: the goroutines Replies starts can send 4 times on ch, but it receives only 2 times, so a send blocks for good; send once per receive`
}

func Replies() (error, error) {
	ch := make(chan error)
	go func() { reply(ch, nil) }()
	a := <-ch
	go func() { reply(ch, errors.New("x")) }()
	b := <-ch
	return a, b
}

// Workers range over a channel their owner never closes.
func Pool(jobs []int, n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			for j := range ch { // want `the goroutine started at line \d+ blocks for good on this range: Pool returns at line \d+ without closing ch, which the range waits for; close ch on every path once nothing more is sent \(defer close\(ch\)\)`
				_ = j
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
}

// The same with the workers started by a range over their number. The
// sends are not the leak: the receivers exist once the loop has run (the
// path that skips it is the one with no workers at all).
func PoolN(jobs []int, n int) {
	ch := make(chan int)
	for range n {
		go func() {
			for j := range ch { // want `the goroutine started at line \d+ blocks for good on this range: PoolN returns at line \d+ without closing ch`
				_ = j
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
}

// The owner waits for a goroutine that can return without closing.
func Drain(in chan int) {
	done := make(chan struct{})
	go func() {
		for v := range in {
			if v < 0 {
				return
			}
		}
		close(done)
	}()
	<-done // want `Drain blocks for good on this receive: the goroutine started at line \d+ returns at line \d+ without sending on or closing done; close done on every path of the goroutine \(defer close\(done\)\)`
}

// The streams finish first: the error reader's send is left waiting.
func CopyStreams(done chan struct{}, readErr func() error) error {
	errc := make(chan error)
	go func() {
		if err := readErr(); err != nil {
			errc <- err // want `the goroutine started at line \d+ blocks for good on this send: CopyStreams takes the select case at line \d+ and returns at line \d+ without receiving from errc`
		}
	}()
	for {
		select {
		case <-done:
			return nil
		case err := <-errc:
			return err
		}
	}
}

// One send more than the loop that fills the buffer.
func Overfilled(work func()) {
	const n = 3
	sema := make(chan struct{}, n)
	for range n {
		sema <- struct{}{}
	}
	sema <- struct{}{} // want `Overfilled blocks for good on this send: it is send number 4 on sema since it was made at line \d+, and its buffer holds 3`
	go func() {
		for range sema { // want `blocks for good on this range: Overfilled returns at line \d+ without closing sema`
			work()
		}
	}()
}

// The tick case starts a poll every time: polls pile up while the last
// result waits in the buffer, and after the timeout each one left blocks.
func EventuallyUngated(cond func() bool, wait, every time.Duration) bool {
	ch := make(chan bool, 1)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-timer.C:
			return false
		case <-ticker.C:
			go func() { ch <- cond() }() // want `the goroutine started at line \d+ blocks for good on this send`
		case v := <-ch:
			if v {
				return true
			}
		}
	}
}

// One poll at a time, but with no buffer: the poll running when the
// timeout returns blocks for good.
func EventuallyUnbuffered(cond func() bool, wait, every time.Duration) bool {
	ch := make(chan bool)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for tick := ticker.C; ; {
		select {
		case <-timer.C:
			return false
		case <-tick:
			tick = nil
			go func() { ch <- cond() }() // want `the goroutine started at line \d+ blocks for good on this send`
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// The deferred send runs on every return, after the body's: two sends,
// one slot, and the caller may be gone.
func QueryTwice(stop <-chan struct{}, reporter func() string) string {
	reportC := make(chan string, 1)
	go func() {
		defer func() {
			recover()
			reportC <- "done"
		}()
		reportC <- reporter() // want `blocks for good on this send`
	}()
	select {
	case r := <-reportC:
		return r
	case <-stop:
		return ""
	}
}

// The nil check does not help once a caller passes a channel nobody
// receives from.
func purgeWatched(list func() []string, stop <-chan struct{}, purgec chan<- string) {
	go func() {
		for {
			names := list()
			if purgec != nil {
				for _, n := range names {
					purgec <- n // want `blocks for good on this send: nothing in this package receives from purgec`
				}
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
			}
		}
	}()
}

func PurgeWatched(list func() []string, stop <-chan struct{}) {
	purgeWatched(list, stop, make(chan string))
}
