package contracttest

import (
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

func TestSendOnClosedChanPanics(t *testing.T) {
	verifies(t, contract.SendOnClosedChanPanics)
	ch := make(chan int, 1)
	close(ch)
	wantRuntimePanic(t, recovered(func() { ch <- 1 }), citedMessage(t, contract.SendOnClosedChanPanics))
}

//go:noinline
func parkedSender(ch chan int) { ch <- 1 }

func TestParkedSenderPanicsOnClose(t *testing.T) {
	verifies(t, contract.ParkedSenderPanicsOnClose, contract.CloseWakesSendersToPanic, contract.ChanSendParksUntilRecv)
	if raceEnabled {
		t.Skip("the race detector reports the close racing with the parked sends, which is the contract's point")
	}
	const n = 3
	ch := make(chan int)
	results := make(chan any, n)
	for range n {
		go func() { results <- recovered(func() { parkedSender(ch) }) }()
	}
	waitParked(t, "contracttest.parkedSender(", "chan send", n)
	close(ch)
	for range n {
		select {
		case r := <-results:
			wantRuntimePanic(t, r, citedMessage(t, contract.ParkedSenderPanicsOnClose))
		case <-time.After(20 * time.Second):
			t.Fatal("a parked sender did not return after close")
		}
	}
}

func TestSelectSendOnClosedChanPanics(t *testing.T) {
	verifies(t, contract.SelectSendOnClosedChanPanics)
	msg := citedMessage(t, contract.SelectSendOnClosedChanPanics)
	closed := make(chan int)
	close(closed)
	// A default clause does not prevent it.
	wantRuntimePanic(t, recovered(func() {
		select {
		case closed <- 1:
		default:
		}
	}), msg)
	// Another ready case does not either: select polls the cases in random
	// order, so over many rounds both outcomes occur (each round is a fair
	// coin; 2000 rounds without a panic has probability 2^-2000).
	ready := make(chan int, 1)
	panics, receives := 0, 0
	for i := 0; i < 2000 && (panics == 0 || receives == 0); i++ {
		ready <- 1
		r := recovered(func() {
			select {
			case closed <- 1:
			case <-ready:
				receives++
			}
		})
		if r != nil {
			wantRuntimePanic(t, r, msg)
			panics++
			<-ready
		}
	}
	if panics == 0 || receives == 0 {
		t.Fatalf("select with a ready receive and a send on a closed channel: %d panics, %d receives; want both", panics, receives)
	}
}

func TestCloseOfNilChanPanics(t *testing.T) {
	verifies(t, contract.CloseOfNilChanPanics)
	var ch chan int
	wantRuntimePanic(t, recovered(func() { close(ch) }), citedMessage(t, contract.CloseOfNilChanPanics))
}

func TestCloseOfClosedChanPanics(t *testing.T) {
	verifies(t, contract.CloseOfClosedChanPanics)
	msg := citedMessage(t, contract.CloseOfClosedChanPanics)
	ch := make(chan int)
	close(ch)
	wantRuntimePanic(t, recovered(func() { close(ch) }), msg)

	// Racing closers: exactly one wins, the others panic.
	const n = 8
	race := make(chan int)
	start := make(chan struct{})
	results := make(chan any, n)
	for range n {
		go func() {
			<-start
			results <- recovered(func() { close(race) })
		}()
	}
	close(start)
	wins := 0
	for range n {
		if r := <-results; r == nil {
			wins++
		} else {
			wantRuntimePanic(t, r, msg)
		}
	}
	if wins != 1 {
		t.Fatalf("%d of %d racing closers succeeded, want exactly 1", wins, n)
	}
}

type recvResult struct {
	v  int
	ok bool
}

//go:noinline
func parkedReceiver(ch chan int) recvResult {
	v, ok := <-ch
	return recvResult{v, ok}
}

func TestCloseWakesReceivers(t *testing.T) {
	verifies(t, contract.CloseWakesReceivers, contract.ChanRecvParksUntilSendOrClose)
	const n = 3
	ch := make(chan int)
	results := make(chan recvResult, n)
	for range n {
		go func() { results <- parkedReceiver(ch) }()
	}
	waitParked(t, "contracttest.parkedReceiver(", "chan receive", n)
	close(ch)
	for range n {
		select {
		case r := <-results:
			if r.v != 0 || r.ok {
				t.Fatalf("receive after close = %d, %v; want 0, false", r.v, r.ok)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("a parked receiver was not woken by close")
		}
	}
}
