package main_test

import (
	"os/exec"
	"testing"

	"github.com/rtlint/rtlint/internal/testutil"
)

// need returns the path of program, which an integration test drives for
// real. Without it the test is skipped, unless CI is set: CI installs the
// programs (./test.sh) and must run every test.
func need(t *testing.T, program, install string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	testutil.SkipUnlessCI(t, "%s is not installed (%s; ./test.sh does it as root)", program, install)
	return ""
}
