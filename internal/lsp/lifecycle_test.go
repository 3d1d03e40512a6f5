package lsp

import (
	"errors"
	"testing"

	"github.com/rtlint/rtlint/internal/lsp/lsptest"
)

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.Initialize(true)
	c.Notify("exit", nil)
	if err := <-c.served; err == nil {
		t.Errorf("exit without shutdown: Serve returned nil")
	}
	c.served <- nil
}

// TestLifecycle: requests before initialize, a second initialize,
// unknown methods, requests after shutdown.
func TestLifecycle(t *testing.T) {
	c := startServer(t, Options{})
	code := func(err error) int {
		var e *lsptest.Error
		if errors.As(err, &e) {
			return e.Code
		}
		return 0
	}
	if err := c.Call("textDocument/codeAction", map[string]any{}, nil); code(err) != codeNotInitialized {
		t.Errorf("a request before initialize: %v, want %d", err, codeNotInitialized)
	}
	c.Initialize(true)
	if err := c.Call("initialize", map[string]any{"capabilities": map[string]any{}}, nil); code(err) != codeInvalidRequest {
		t.Errorf("a second initialize: %v", err)
	}
	if err := c.Call("textDocument/hover", map[string]any{}, nil); code(err) != codeMethodNotFound {
		t.Errorf("hover: %v, want method not found", err)
	}
	if err := c.Call("textDocument/codeAction", map[string]any{"textDocument": 5}, nil); code(err) != codeInvalidParams {
		t.Errorf("bad params: %v, want invalid params", err)
	}
	c.Notify("$/somethingNew", nil) // ignored
	c.MustCall("shutdown", nil, nil)
	if err := c.Call("textDocument/codeAction", map[string]any{}, nil); code(err) != codeInvalidRequest {
		t.Errorf("a request after shutdown: %v", err)
	}
	c.Notify("exit", nil)
	if err := <-c.served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	c.served <- nil
}
