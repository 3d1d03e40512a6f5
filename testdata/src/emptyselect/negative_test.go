package emptyselect

import "testing"

// Test files may park goroutines on purpose: they end with the test binary.
func TestParks(t *testing.T) {
	go func() { select {} }()
}
