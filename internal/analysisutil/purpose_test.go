package analysisutil

import "testing"

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
		"interop/soak_tests.go": true, "mock_client.go": true, "client_mock.go": true,
		"raft.go": false, "latest.go": false, "mockingbird.go": false, "contest.go": false,
		"/home/me/testing/raft.go": false,
	} {
		if got := isHelperFile(name); got != want {
			t.Errorf("isHelperFile(%q) = %v, want %v", name, got, want)
		}
	}
}
