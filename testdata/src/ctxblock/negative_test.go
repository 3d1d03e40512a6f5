package ctxblock

import (
	"context"
	"testing"
)

// Test files are not reported.
func TestFetch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}
