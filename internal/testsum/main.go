// Command testsum reads `go test -json` on stdin and prints what go test
// prints without -json (ok/FAIL per package, the output of failing tests
// and of failing builds), then lists every skipped test with its reason,
// so that a contributor sees what did not run. It exits 1 when a test or
// a build failed, and also, with -ci (or the CI environment variable
// set), when a test was skipped: in CI every check must run.
//
//	go test -json ./... | go run ./internal/testsum
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

type event struct {
	Time       time.Time
	Action     string
	Package    string
	ImportPath string
	Test       string
	Elapsed    float64
	Output     string
}

type key struct{ pkg, test string }

func main() {
	ci := flag.Bool("ci", os.Getenv("CI") != "", "fail when a test was skipped")
	flag.Parse()
	os.Exit(summarize(os.Stdin, os.Stdout, *ci))
}

func summarize(r io.Reader, w io.Writer, ci bool) int {
	output := map[key][]string{}
	var skipped []string
	failed := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if json.Unmarshal(line, &e) != nil {
			fmt.Fprintf(w, "%s\n", line) // not JSON: go test's own message
			continue
		}
		switch e.Action {
		case "build-output":
			fmt.Fprint(w, e.Output)
		case "build-fail":
			failed = true
		case "output":
			k := key{e.Package, e.Test}
			output[k] = append(output[k], e.Output)
		case "skip":
			if e.Test == "" {
				fmt.Fprintf(w, "?   \t%s\t[no test files]\n", e.Package)
				continue
			}
			skipped = append(skipped, e.Package+" "+e.Test+": "+reason(output[key{e.Package, e.Test}]))
			delete(output, key{e.Package, e.Test})
		case "pass":
			if e.Test == "" {
				fmt.Fprintf(w, "ok  \t%s\t%.3fs\n", e.Package, e.Elapsed)
			}
			delete(output, key{e.Package, e.Test})
		case "fail":
			failed = true
			if e.Test != "" {
				continue // printed with its package, in order
			}
			var tests []string
			for k := range output {
				if k.pkg == e.Package && k.test != "" {
					tests = append(tests, k.test)
				}
			}
			sort.Strings(tests)
			for _, t := range tests {
				fmt.Fprint(w, strings.Join(output[key{e.Package, t}], ""))
				delete(output, key{e.Package, t})
			}
			fmt.Fprint(w, strings.Join(output[key{e.Package, ""}], ""))
			fmt.Fprintf(w, "FAIL\t%s\t%.3fs\n", e.Package, e.Elapsed)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(w, "testsum: reading go test -json: %v\n", err)
		return 1
	}
	if len(skipped) > 0 {
		sort.Strings(skipped)
		fmt.Fprintf(w, "\n%d tests were skipped, so what they check was NOT checked here:\n", len(skipped))
		for _, s := range skipped {
			fmt.Fprintf(w, "  %s\n", s)
		}
		if ci {
			fmt.Fprintln(w, "testsum: CI is set, and in CI every test must run: failing")
			failed = true
		}
	}
	if failed {
		return 1
	}
	return 0
}

// reason is the message a skipped test gave: its output without the
// "=== RUN" and "--- SKIP" lines.
func reason(out []string) string {
	var parts []string
	for _, l := range out {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		parts = append(parts, l)
	}
	if len(parts) == 0 {
		return "(no reason given)"
	}
	return strings.Join(parts, " ")
}
