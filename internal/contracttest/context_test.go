package contracttest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/contract"
)

// ctxIgnoringReceiver has a ctx but blocks on ch alone.
//
//go:noinline
func ctxIgnoringReceiver(ctx context.Context, ch chan int) { <-ch }

//go:noinline
func ctxIgnoringSender(ctx context.Context, ch chan int) { ch <- 1 }

// TestCancelDoesNotWakeChannelOps: cancelling a context closes its Done
// channel and nothing else, so a goroutine parked on another channel stays
// parked until that channel is used.
func TestCancelDoesNotWakeChannelOps(t *testing.T) {
	verifies(t, contract.CancelOnlyClosesDone, contract.ChanRecvParksUntilSendOrClose, contract.ChanSendParksUntilRecv, contract.BlockedGoroutineParksUntilReadied)
	ctx, cancel := context.WithCancel(context.Background())
	recvCh, sendCh := make(chan int), make(chan int)
	recvDone, sendDone := make(chan struct{}), make(chan struct{})
	go func() { ctxIgnoringReceiver(ctx, recvCh); close(recvDone) }()
	go func() { ctxIgnoringSender(ctx, sendCh); close(sendDone) }()
	waitParked(t, "contracttest.ctxIgnoringReceiver(", "chan receive", 1)
	waitParked(t, "contracttest.ctxIgnoringSender(", "chan send", 1)

	cancel()
	<-ctx.Done()
	// Nothing can ready them now but the channels: give the scheduler every
	// chance, then look again. (Were cancel to wake them, they would have
	// returned and closed their done channels.)
	for range 50 {
		time.Sleep(time.Millisecond)
	}
	select {
	case <-recvDone:
		t.Fatal("cancel woke a goroutine parked on a channel receive")
	case <-sendDone:
		t.Fatal("cancel woke a goroutine parked on a channel send")
	default:
	}
	waitParked(t, "contracttest.ctxIgnoringReceiver(", "chan receive", 1)
	waitParked(t, "contracttest.ctxIgnoringSender(", "chan send", 1)

	close(recvCh)
	<-sendCh
	<-recvDone
	<-sendDone
}

//go:noinline
func ctxSelecter(ctx context.Context, ch chan int) error {
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestSelectWithDoneWakesOnCancel(t *testing.T) {
	verifies(t, contract.SelectWakesOnAnyCase, contract.CtxDoneForSelect, contract.CtxDoneIsOnlyAChannel)
	if context.Background().Done() != nil {
		t.Fatal("context.Background().Done() is not nil; a nil Done means never cancelled")
	}
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan int)
	errc := make(chan error, 1)
	go func() { errc <- ctxSelecter(ctx, ch) }()
	waitParked(t, "contracttest.ctxSelecter(", "select", 1)
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("select returned %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("cancel did not wake a select on ctx.Done()")
	}
}
