package lsp

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
	"github.com/rtlint/rtlint/internal/suite"
)

// benchSession starts a server in-process for a benchmark.
func benchSession(b *testing.B, debounce time.Duration) (*lsptest.Client, chan error) {
	c2sR, c2sW := io.Pipe()
	s2cR, s2cW := io.Pipe()
	served := make(chan error, 1)
	go func() {
		served <- Serve(b.Context(), c2sR, s2cW, Options{Analyzers: suite.Analyzers(), Debounce: debounce, Log: io.Discard})
		s2cW.Close()
	}()
	b.Cleanup(func() { c2sW.Close(); <-served })
	return lsptest.New(b, s2cR, c2sW), served
}

// BenchmarkLatency100Packages measures the time from didOpen, and from a
// change, to the diagnostics, on a file importing a module of a hundred
// packages. The first analysis may compile the dependencies' export data;
// later ones find it in the build cache. A change of the imports takes
// the slower path: the go command compiles the edited package.
//
//	go test ./internal/lsp -run '^$' -bench Latency100 -benchtime=1x
func BenchmarkLatency100Packages(b *testing.B) {
	dir := lsptest.ManyPackages(b, 100)
	path := filepath.Join(dir, "top", "top.go")
	src, _ := os.ReadFile(path)
	for range b.N {
		c, _ := benchSession(b, time.Millisecond)
		c.Initialize(true)
		start := time.Now()
		uri := c.Open(path, 1)
		c.WaitDiags(uri, 1, lsptest.Has("lockthread"))
		b.ReportMetric(time.Since(start).Seconds(), "open-s")

		start = time.Now()
		for v := 2; v <= 6; v++ {
			c.Change(uri, v, strings.Replace(string(src), "\twork()\n", fmt.Sprintf("\twork()\n\ts += %d\n", v), 1))
			c.WaitDiags(uri, v, lsptest.Has("lockthread"))
		}
		b.ReportMetric(time.Since(start).Seconds()/5, "change-s")

		text := strings.Replace(string(src), "import (\n", "import (\n\t\"fmt\"\n", 1)
		start = time.Now()
		c.Change(uri, 7, strings.Replace(text, "\twork()\n", "\twork()\n\tfmt.Println()\n", 1))
		c.WaitDiags(uri, 7, lsptest.Has("lockthread"))
		b.ReportMetric(time.Since(start).Seconds(), "imports-change-s")
		c.Shutdown()
	}
}

// BenchmarkLargeBuffer is cmd/rtlint's BenchmarkLSPLargeBuffer in-process,
// to profile where the memory goes:
//
//	go test ./internal/lsp -run '^$' -bench LargeBuffer -benchtime=1x -memprofile mem.out
//	go tool pprof -sample_index=alloc_space -top mem.out
func BenchmarkLargeBuffer(b *testing.B) {
	for _, shape := range []string{"bytes", "string"} {
		b.Run(shape, func(b *testing.B) {
			dir := lsptest.LargeModule(b, shape, 20<<20)
			for range b.N {
				c, _ := benchSession(b, 50*time.Millisecond)
				c.Initialize(true)
				guri := c.Open(filepath.Join(dir, "assets", "gen.go"), 1)
				suri := c.Open(filepath.Join(dir, "assets", "assets.go"), 1)
				c.WaitDiags(suri, 1, lsptest.Has("lockthread"))
				at := protocol.Position{Line: 5, Character: 3}
				if shape == "string" {
					at = protocol.Position{Line: 4, Character: 14}
				}
				for v := 2; v <= 6; v++ {
					c.Edit(guri, v, protocol.TextEdit{Range: protocol.Range{Start: at, End: protocol.Position{Line: at.Line, Character: at.Character + 1}}, NewText: fmt.Sprint(v)})
					c.Edit(suri, v, protocol.TextEdit{Range: protocol.Range{Start: protocol.Position{Line: 8}, End: protocol.Position{Line: 8}}, NewText: "\t_ = 1\n"})
				}
				c.WaitDiags(suri, 6, lsptest.Has("lockthread"))
				c.Shutdown()
			}
		})
	}
}
