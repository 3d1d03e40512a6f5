package chanmodel

import (
	"strings"
	"testing"
)

// TestLeakProfileHint checks the run-time confirmation advice per
// toolchain: nothing before go1.26, the GOEXPERIMENT in go1.26, the
// default profile from go1.27.
func TestLeakProfileHint(t *testing.T) {
	for _, tc := range []struct {
		version, want string
		id            Fact
	}{
		{"", "", 0},
		{"go1.25.3", "", 0},
		{"go1.26.8", "GOEXPERIMENT=goroutineleakprofile", LeakProfileNeedsExperiment},
		{"go1.27rc1", `pprof.Lookup("goroutineleak")`, LeakProfileFinds},
		{"go1.28", `pprof.Lookup("goroutineleak")`, LeakProfileFinds},
	} {
		hint, id := LeakProfileHint(tc.version)
		if tc.want == "" && hint != "" || !strings.Contains(hint, tc.want) || id != tc.id {
			t.Errorf("LeakProfileHint(%q) = %q, %d; want %q, %d", tc.version, hint, id, tc.want, tc.id)
		}
		if strings.Contains(tc.version, "1.27") && strings.Contains(hint, "GOEXPERIMENT") {
			t.Errorf("LeakProfileHint(%q) mentions GOEXPERIMENT", tc.version)
		}
	}
}
