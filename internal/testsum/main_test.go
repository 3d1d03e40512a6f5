package main

import (
	"strings"
	"testing"
)

const stream = `{"Action":"start","Package":"a"}
{"Action":"run","Package":"a","Test":"TestOK"}
{"Action":"output","Package":"a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"pass","Package":"a","Test":"TestOK","Elapsed":0}
{"Action":"run","Package":"a","Test":"TestNvim"}
{"Action":"output","Package":"a","Test":"TestNvim","Output":"=== RUN   TestNvim\n"}
{"Action":"output","Package":"a","Test":"TestNvim","Output":"    lsp_test.go:9: nvim is not installed; skipping\n"}
{"Action":"output","Package":"a","Test":"TestNvim","Output":"--- SKIP: TestNvim (0.00s)\n"}
{"Action":"skip","Package":"a","Test":"TestNvim","Elapsed":0}
{"Action":"pass","Package":"a","Elapsed":1.5}
{"Action":"run","Package":"b","Test":"TestBad"}
{"Action":"output","Package":"b","Test":"TestBad","Output":"=== RUN   TestBad\n"}
{"Action":"output","Package":"b","Test":"TestBad","Output":"    b_test.go:3: wrong\n"}
{"Action":"output","Package":"b","Test":"TestBad","Output":"--- FAIL: TestBad (0.00s)\n"}
{"Action":"fail","Package":"b","Test":"TestBad","Elapsed":0}
{"Action":"output","Package":"b","Output":"FAIL\n"}
{"Action":"fail","Package":"b","Elapsed":0.2}
{"Action":"skip","Package":"c"}
`

func TestSummarize(t *testing.T) {
	var out strings.Builder
	if code := summarize(strings.NewReader(stream), &out, false); code != 1 {
		t.Errorf("exit %d with a failing test, want 1", code)
	}
	for _, want := range []string{
		"ok  \ta\t1.500s\n",
		"    b_test.go:3: wrong\n--- FAIL: TestBad (0.00s)\n",
		"FAIL\tb\t0.200s\n",
		"?   \tc\t[no test files]\n",
		"1 tests were skipped",
		"  a TestNvim: lsp_test.go:9: nvim is not installed; skipping\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "TestOK") {
		t.Errorf("a passing test's output is printed:\n%s", out.String())
	}

	skipOnly := strings.Join(strings.Split(stream, "\n")[:10], "\n") + "\n"
	out.Reset()
	if code := summarize(strings.NewReader(skipOnly), &out, false); code != 0 {
		t.Errorf("outside CI a skip is not a failure: exit %d\n%s", code, out.String())
	}
	out.Reset()
	if code := summarize(strings.NewReader(skipOnly), &out, true); code != 1 || !strings.Contains(out.String(), "every test must run") {
		t.Errorf("in CI a skip fails: exit %d\n%s", code, out.String())
	}
}
