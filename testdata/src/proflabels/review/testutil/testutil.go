// Package testutil is test-support code outside _test.go files: findings
// here are review-tier observations.
package testutil

import (
	"context"
	"runtime/pprof"
)

func Labelled(ctx context.Context) {
	pprof.WithLabels(ctx, pprof.Labels("test", "x")) // want `the context from pprof\.WithLabels never reaches`
}
