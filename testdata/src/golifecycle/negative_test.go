package golifecycle

import (
	"testing"
	"time"
)

// Goroutines in test files end with the test binary.
func TestSpin(t *testing.T) {
	go func() {
		for {
			time.Sleep(time.Millisecond)
		}
	}()
}
