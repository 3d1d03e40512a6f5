package analysisutil

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestSupportOfPath(t *testing.T) {
	for _, tc := range []struct {
		path, name string
		want       Support
	}{
		{"net/http/httptest", "httptest", TestCode},
		{"internal/testenv", "testenv", TestCode},
		{"github.com/x/y/internal/testutil", "testutil", TestCode},
		{"k8s.io/kubernetes/test/e2e/framework", "framework", TestCode},
		{"github.com/x/y/mocks", "mocks", TestCode},
		{"github.com/x/y/bench", "bench", BenchCode},
		{"github.com/x/y/benchmarks/pool", "pool", BenchCode},
		{"github.com/cilium/ebpf/examples/ringbuffer", "main", SampleCode},
		{"github.com/containerd/containerd/v2/cmd/containerd-stress", "main", BenchCode},
		{"github.com/x/y/_example", "main", SampleCode},
		// Not test support.
		{"github.com/x/y/latest", "latest", NotSupport},
		{"github.com/x/y/manifest", "manifest", NotSupport},
		{"github.com/cilium/ebpf/perf", "perf", NotSupport},
		{"github.com/x/y/integration/slack", "slack", NotSupport},
		{"github.com/x/contest", "contest", NotSupport},
		{"net/http", "http", NotSupport},
	} {
		if got := supportOfPath(tc.path, tc.name); got != tc.want {
			t.Errorf("supportOfPath(%q, %q) = %q, want %q", tc.path, tc.name, got, tc.want)
		}
	}
}

func TestTestSwitch(t *testing.T) {
	for name, want := range map[string]bool{
		"testing": true, "inTest": true, "isTest": true, "testMode": true, "TestMode": true,
		"testHookDial": true, "forTesting": true, "testonly": true,
		"latest": false, "contest": false, "tested": false, "attestation": false, "ready": false,
	} {
		if got := testSwitch.MatchString(name); got != want {
			t.Errorf("testSwitch(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestHelperFile(t *testing.T) {
	for name, want := range map[string]bool{
		"/src/raft/testing.go": true, "testutil.go": true, "a/test_helpers.go": true,
		"interop/soak_tests.go": false, "mock_client.go": true, "client_mock.go": true,
		"raft.go": false, "latest.go": false, "mockingbird.go": false, "contest.go": false,
		"/home/me/testing/raft.go": false,
	} {
		if got := isHelperFile(name); got != want {
			t.Errorf("isHelperFile(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestInModule checks that a module's own path does not make its packages
// test support: example.com/e2e/findings is judged as "findings".
func TestInModule(t *testing.T) {
	for _, tc := range []struct {
		pkg, module, want string
	}{
		{"example.com/e2e/findings", "example.com/e2e", "findings"},
		{"example.com/e2e", "example.com/e2e", ""},
		{"k8s.io/kubernetes/test/e2e/node", "k8s.io/kubernetes", "test/e2e/node"},
		{"example.com/e2ex/a", "example.com/e2e", "example.com/e2ex/a"},
		{"fmt", "", "fmt"},
	} {
		pass := &analysis.Pass{Pkg: types.NewPackage(tc.pkg, "p")}
		if tc.module != "" {
			pass.Module = &analysis.Module{Path: tc.module}
		}
		if got := inModule(pass); got != tc.want {
			t.Errorf("inModule(%q in %q) = %q, want %q", tc.pkg, tc.module, got, tc.want)
		}
	}
}
