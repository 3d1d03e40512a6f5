package report

import (
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

func TestFormat(t *testing.T) {
	a := contract.Citation{Path: "runtime/proc.go", Line: 4337, Version: "go1.26.8"}
	b := contract.Citation{Path: "runtime/preempt.go", Line: 16, Version: "go1.26.8"}
	c := contract.Citation{Path: "runtime/chan.go", Line: 425, Version: "go1.27.3"}
	for _, tc := range []struct {
		cites []contract.Citation
		want  string
	}{
		{[]contract.Citation{a}, "runtime/proc.go:4337, go1.26.8"},
		{[]contract.Citation{a, b}, "runtime/proc.go:4337, runtime/preempt.go:16, go1.26.8"},
		{[]contract.Citation{a, c}, "runtime/proc.go:4337, go1.26.8; runtime/chan.go:425, go1.27.3"},
	} {
		if got := Format(tc.cites); got != tc.want {
			t.Errorf("Format = %q, want %q", got, tc.want)
		}
	}
}
