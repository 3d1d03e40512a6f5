package proflabels

import (
	"context"
	"runtime/pprof"
	"testing"
)

// Test files are not analyzed.
func TestLabels(t *testing.T) {
	ctx := pprof.WithLabels(context.Background(), pprof.Labels("k", "v"))
	_, _ = pprof.Label(ctx, "k")
	pprof.SetGoroutineLabels(ctx)
}
