package timeafter

import (
	"strings"
	"testing"
)

// TestRemovedSetting checks the messages for a toolchain that no longer
// has asynctimerchan (Go 1.27): no note about older main modules, and a
// Reset without a drain is safe.
func TestRemovedSetting(t *testing.T) {
	lib := &mode{goLine: "1.21", removed: "go1.27.3"}
	starved := judgement{verdict: starves, rival: "case <-events", rivalLine: 3, timerLine: 4}
	msg, _ := message(site{shape: selectCase}, lib, starved)
	if strings.Contains(msg, "main module") || strings.Contains(msg, "drain") {
		t.Errorf("library message under go1.27 mentions old timers: %s", msg)
	}
	if !lib.resetSafe() {
		t.Error("Reset without drain is safe with go1.27 timers")
	}
	old := &mode{goLine: "1.21"}
	msg, _ = message(site{shape: selectCase}, old, starved)
	if !strings.Contains(msg, "a main module on a go line before 1.23") || !strings.Contains(msg, "drain") {
		t.Errorf("library message under go1.26 lacks the old-timer note: %s", msg)
	}
}
