package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
	"github.com/rtlint/rtlint/internal/testutil"
)

// lspProc is an `rtlint lsp` process with lsptest's scripted client on its
// stdin and stdout.
type lspProc struct {
	*lsptest.Client
	t      *testing.T
	cmd    *exec.Cmd
	stdin  *os.File
	stderr *syncBuffer
	exited chan struct{}
	err    error // of Wait, once exited is closed
}

// startLSP starts `rtlint lsp args...` in dir.
func startLSP(t *testing.T, dir string, args ...string) *lspProc {
	t.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &lspProc{t: t, stdin: inW, stderr: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(rtlintBin, append([]string{"lsp"}, args...)...)
	p.cmd.Dir = dir
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = inR, outW, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	inR.Close()
	outW.Close() // the reader sees EOF when the process exits
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	p.Client = lsptest.New(t, outR, inW)
	t.Cleanup(func() {
		inW.Close()
		select {
		case <-p.exited:
		case <-time.After(lsptest.Deadline):
			p.cmd.Process.Kill()
			t.Errorf("rtlint lsp did not exit after its stdin closed")
		}
		if t.Failed() {
			t.Logf("rtlint lsp stderr:\n%s", p.stderr)
		}
	})
	return p
}

// exitCode waits for the process to exit and returns its exit code.
func (p *lspProc) exitCode() int {
	p.t.Helper()
	select {
	case <-p.exited:
	case <-time.After(lsptest.Deadline):
		p.cmd.Process.Kill()
		p.t.Fatalf("rtlint lsp did not exit\n%s", p.stderr)
	}
	var exit *exec.ExitError
	if errors.As(p.err, &exit) {
		return exit.ExitCode()
	}
	if p.err != nil {
		p.t.Fatal(p.err)
	}
	return 0
}

// shutdown ends the session in order and checks the exit code is 0.
func (p *lspProc) shutdown() {
	p.t.Helper()
	p.Shutdown()
	if code := p.exitCode(); code != 0 {
		p.t.Errorf("rtlint lsp exit code %d after shutdown and exit\n%s", code, p.stderr)
	}
	for _, s := range []string{"panic:", "goroutine 1 ["} {
		if strings.Contains(p.stderr.String(), s) {
			p.t.Errorf("rtlint lsp crashed:\n%s", p.stderr)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// sessionModule copies testdata/mod/lsp-session to a temporary directory.
func sessionModule(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, filepath.Join(testutil.Testdata(), "mod", "lsp-session"), dir)
	return dir
}
