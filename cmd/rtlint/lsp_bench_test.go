package main_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
)

// BenchmarkLSPLargeBuffer measures `rtlint lsp` editing a package with a
// 20 MB generated literal open in the editor: the peak resident memory of
// the server process (VmHWM), the time from opening to the diagnostics of
// a small file of the same package, and the time of ten edits (five to
// the generated file, five to the small one) until the diagnostics of the
// last. The go command's first compilation of the package (20 s for the
// 20 MB table, then cached) is done before the session, so the figures
// are the server's. Run it with -benchtime=1x; RTLINT_BENCH_BIN runs it
// against another build of rtlint (an older one, for before and after):
//
//	go test ./cmd/rtlint -run '^$' -bench LSPLargeBuffer -benchtime=1x
func BenchmarkLSPLargeBuffer(b *testing.B) {
	for _, shape := range []string{"bytes", "string"} {
		b.Run(shape, func(b *testing.B) {
			dir := lsptest.LargeModule(b, shape, 20<<20)
			for range b.N {
				largeSession(b, dir, filepath.Join(dir, "assets", "gen.go"))
			}
		})
	}
}

// largeSession runs one editing session on the module of lsptest.LargeModule and
// reports its figures.
func largeSession(b *testing.B, dir, gen string) {
	warm := exec.Command("go", "list", "-export", "-deps", "./assets")
	warm.Dir = dir
	if out, err := warm.CombinedOutput(); err != nil {
		b.Fatalf("go list: %v\n%s", err, out)
	}
	bin := rtlintBin
	if other := os.Getenv("RTLINT_BENCH_BIN"); other != "" {
		bin = other
	}
	cmd := exec.Command(bin, "lsp", "-debounce", "50ms")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Process.Kill()
	c := lsptest.New(b, stdout, stdin)
	c.Initialize(true)
	small := filepath.Join(dir, "assets", "assets.go")
	start := time.Now()
	guri := c.Open(gen, 1)
	suri := c.Open(small, 1)
	c.WaitDiags(suri, 1, lsptest.Has("lockthread"))
	open := time.Since(start)

	start = time.Now()
	for v := 2; v <= 6; v++ {
		// Retype a digit of the literal's first line, as a user would.
		at := protocol.Position{Line: 5, Character: 3}
		if strings.HasSuffix(b.Name(), "string") {
			at = protocol.Position{Line: 4, Character: 14}
		}
		c.Edit(guri, v, protocol.TextEdit{Range: protocol.Range{Start: at, End: protocol.Position{Line: at.Line, Character: at.Character + 1}}, NewText: strconv.Itoa(v)})
		c.Edit(suri, v, protocol.TextEdit{Range: protocol.Range{Start: protocol.Position{Line: 8, Character: 0}, End: protocol.Position{Line: 8, Character: 0}}, NewText: "\t_ = 1\n"})
	}
	c.WaitDiags(suri, 6, lsptest.Has("lockthread"))
	edits := time.Since(start)
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	peak := 0.0
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			peak = float64(kb) / 1024
		}
	}
	c.Shutdown()
	if err := cmd.Wait(); err != nil {
		b.Errorf("rtlint lsp: %v\n%s", err, stderr.String())
	}
	b.ReportMetric(peak, "peak-RSS-MB")
	b.ReportMetric(open.Seconds(), "open-s")
	b.ReportMetric(edits.Seconds(), "10-edits-s")
}
