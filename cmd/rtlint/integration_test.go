package main_test

import (
	"os"
	"os/exec"
	"testing"
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
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed, and CI is set: ./test.sh installs it (%s)", program, install)
	}
	t.Skipf("%s is not installed (%s; ./test.sh does it as root); skipping", program, install)
	return ""
}
