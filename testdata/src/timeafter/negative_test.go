package timeafter

import (
	"testing"
	"time"
)

// Test files are not reported.
func TestWait(t *testing.T) {
	events := make(chan int)
	for i := 0; i < 3; i++ {
		select {
		case <-events:
		case <-time.After(time.Millisecond):
		}
	}
}
