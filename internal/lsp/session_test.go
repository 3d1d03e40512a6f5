package lsp

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
	"github.com/rtlint/rtlint/internal/suite"
	"github.com/rtlint/rtlint/internal/testutil"
)

// session is a server run in-process on pipes, with the scripted client
// of lsptest at the other end. The tests of cmd/rtlint drive the real
// `rtlint lsp` process the same way.
type session struct {
	*lsptest.Client
	t      *testing.T
	served chan error
}

func startServer(t *testing.T, opts Options) *session {
	t.Helper()
	if opts.Analyzers == nil {
		opts.Analyzers = suite.Analyzers()
	}
	if opts.Log == nil {
		opts.Log = testLog{t}
	}
	c2sR, c2sW := io.Pipe()
	s2cR, s2cW := io.Pipe()
	s := &session{t: t, served: make(chan error, 1)}
	go func() {
		s.served <- Serve(context.Background(), c2sR, s2cW, opts)
		s2cW.Close()
	}()
	s.Client = lsptest.New(t, s2cR, c2sW)
	t.Cleanup(func() {
		c2sW.Close()
		select {
		case <-s.served:
		case <-time.After(lsptest.Deadline):
			t.Errorf("Serve did not return after the client closed its stream")
		}
	})
	return s
}

// shutdown ends the session in order and checks that Serve returned nil.
func (s *session) shutdown() {
	s.t.Helper()
	s.Shutdown()
	select {
	case err := <-s.served:
		if err != nil {
			s.t.Errorf("Serve: %v", err)
		}
		s.served <- nil // for the cleanup
	case <-time.After(lsptest.Deadline):
		s.t.Fatalf("the server did not exit")
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// copyModule copies testdata/mod/name to a temporary directory.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	to := t.TempDir()
	if err := os.CopyFS(to, os.DirFS(filepath.Join(testutil.Testdata(), "mod", name))); err != nil {
		t.Fatal(err)
	}
	return to
}

var citation = regexp.MustCompile(`\((?:[\w./-]+:\d+, )+go1[\w.]+\)$`)

var (
	find = lsptest.Find
	has  = lsptest.Has
)
