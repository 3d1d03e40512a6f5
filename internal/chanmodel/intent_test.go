package chanmodel

import "testing"

// TestIntent checks the comments that state a wait or a goroutine is
// meant to last, and a few that only describe a hazard.
func TestIntent(t *testing.T) {
	for text, want := range map[string]bool{
		"fine to let it exit with the process":               true,
		"runs for the lifetime of the program":               true,
		"blocks forever on purpose":                          true,
		"Blocks forever on purpose when the caller has gone": true,
		"leaks by design: one per process":                   true,
		"intentionally blocks until the process exits":       true,
		"never returns":                                       true,
		"blocks forever if nobody reads":                      false,
		"this goroutine leaks when the caller leaves":         false,
		"send the result; the receiver may have gone":         false,
		"TODO: this can block forever, fix the purpose of it": false,
	} {
		if got := intent.MatchString(text); got != want {
			t.Errorf("%q: intent %v, want %v", text, got, want)
		}
	}
}
