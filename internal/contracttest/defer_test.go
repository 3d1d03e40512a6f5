package contracttest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

// deferSrc has one function per case; a comment "// want KIND" on a defer
// line says how the compiler lowers that defer by default. Lines are
// referred to by the marker comments, not by number.
const deferSrc = `package p

func g() {}

var sink int

func eight() {
	defer g(); defer g(); defer g(); defer g(); defer g(); defer g(); defer g(); defer g() // eight: open-coded
}

func nine() {
	defer g(); defer g(); defer g(); defer g(); defer g(); defer g(); defer g(); defer g(); defer g() // nine: stack-allocated
}

func loop(n int) {
	defer g() // loop-outside: stack-allocated
	for i := 0; i < n; i++ {
		defer g() // loop-inside: heap-allocated
	}
}

func gotoLoop(n int) {
again:
	defer g() // goto-inside: heap-allocated
	if n--; n > 0 {
		goto again
	}
}

func heapResult() (r int) {
	defer g() // heap-result: stack-allocated
	p := &r
	sinkp = p
	return
}

var sinkp *int

func returns16(a int) int {
	defer g(); defer g(); defer g(); defer g() // returns16: stack-allocated
	if a == 1 {
		return 1
	}
	if a == 2 {
		return 2
	}
	if a == 3 {
		return 3
	}
	return 4
}

func returns15(a int) int {
	defer g(); defer g(); defer g(); defer g(); defer g() // returns15: open-coded
	if a == 1 {
		return 1
	}
	if a == 2 {
		return 2
	}
	return 4
}

func seq(yield func(int) bool) { yield(1) }

func rangeFunc() {
	defer g() // rangefunc-outside: stack-allocated
	for x := range seq {
		sink = x
		defer g() // rangefunc-inside: heap-allocated
	}
}

func single() {
	defer g() // single: open-coded
}

func loopClosure(n int) {
	for i := 0; i < n; i++ {
		x := i
		defer func() { sink = x }() // loop-closure: heap-allocated
	}
}

func topClosure(x int) {
	defer func() { sink = x }() // top-closure: open-coded
}
`

// deferKinds compiles deferSrc with flags and returns, per marker, the
// kinds -d=defer reports for that line ("open-coded", "stack-allocated",
// "heap-allocated").
func deferKinds(t *testing.T, flags ...string) map[string][]string {
	t.Helper()
	out := compile(t, deferSrc, append([]string{"-d=defer"}, flags...)...)
	lines := strings.Split(deferSrc, "\n")
	kinds := map[string][]string{}
	for _, m := range regexp.MustCompile(`x\.go:(\d+):\d+: (\S+) defer`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		marker := markerOf(lines[n-1])
		kinds[marker] = append(kinds[marker], m[2])
	}
	return kinds
}

var markerRE = regexp.MustCompile(`// ([a-z0-9-]+): (\S+)$`)

func markerOf(line string) string {
	if m := markerRE.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return "?"
}

// wantKinds returns the markers' expected kinds from deferSrc.
func wantKinds() map[string]string {
	want := map[string]string{}
	for _, l := range strings.Split(deferSrc, "\n") {
		if m := markerRE.FindStringSubmatch(l); m != nil {
			want[m[1]] = m[2]
		}
	}
	return want
}

func checkKinds(t *testing.T, got map[string][]string, want map[string]string) {
	t.Helper()
	for marker, kind := range want {
		ks := got[marker]
		if len(ks) == 0 {
			t.Errorf("%s: the compiler reported no defer", marker)
			continue
		}
		for _, k := range ks {
			if k != kind {
				t.Errorf("%s: %s defer, want %s", marker, k, kind)
				break
			}
		}
	}
}

func TestDeferLowering(t *testing.T) {
	verifies(t, contract.OpenCodedDefersAtMostEight, contract.OpenCodedDeferLimitChecked, contract.DeferInLoopNotOpenCoded,
		contract.LoopDeferIsHeapAllocated, contract.HeapResultDisablesOpenCodedDefers, contract.ReturnsTimesDefersAtMost15,
		contract.RangeFuncDeferNotOpenCoded, contract.LoopDeferArgsEscape)
	checkKinds(t, deferKinds(t), wantKinds())

	// A deferred closure in a loop escapes to the heap; at top level it
	// stays on the stack.
	out := compile(t, deferSrc, "-m")
	lines := strings.Split(deferSrc, "\n")
	escapes := map[string]string{}
	for _, m := range regexp.MustCompile(`x\.go:(\d+):\d+: func literal (escapes to heap|does not escape)`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		escapes[markerOf(lines[n-1])] = m[2]
	}
	if escapes["loop-closure"] != "escapes to heap" || escapes["top-closure"] != "does not escape" {
		t.Errorf("escape of deferred closures: %v; want the loop one on the heap, the top-level one not", escapes)
	}
}

func TestDeferLoweringFlags(t *testing.T) {
	verifies(t, contract.OpenCodedDefersEnableConditions, contract.RaceDisablesOpenCodedDefers)
	// Under -N, -d=noopendefer and -race nothing is open-coded; the rest
	// is unchanged.
	for _, flags := range [][]string{{"-N"}, {"-d=noopendefer"}, {"-race"}} {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			want := wantKinds()
			for m, k := range want {
				if k == "open-coded" {
					want[m] = "stack-allocated"
				}
			}
			checkKinds(t, deferKinds(t, flags...), want)
		})
	}
}

func TestDeferRuntimeCalls(t *testing.T) {
	verifies(t, contract.OpenCodedDefersNeedNoLoop, contract.HeapDeferRecordPerCall, contract.StackDeferRecord)
	asm := compile(t, deferSrc, "-S")
	// Split the listing into functions at their "p.name STEXT" headers.
	text := map[string]string{}
	name := ""
	for _, line := range strings.Split(asm, "\n") {
		if f, _, ok := strings.Cut(line, " STEXT "); ok && !strings.HasPrefix(line, "\t") {
			name = strings.TrimPrefix(f, "p.")
		}
		text[name] += line + "\n"
	}
	calls := func(fn string) string {
		body, ok := text[fn]
		if !ok {
			t.Fatalf("no assembly for %s", fn)
		}
		var found []string
		for _, c := range []string{"runtime.deferproc(SB)", "runtime.deferprocStack(SB)"} {
			if strings.Contains(body, "CALL\t"+c) {
				found = append(found, strings.TrimSuffix(c, "(SB)"))
			}
		}
		return fmt.Sprint(found)
	}
	for fn, want := range map[string]string{
		"single": "[]",                                         // open-coded: the call is inlined at the exit
		"eight":  "[]",                                         // likewise
		"nine":   "[runtime.deferprocStack]",                   // a record in the frame
		"loop":   "[runtime.deferproc runtime.deferprocStack]", // heap record in the loop
	} {
		if got := calls(fn); got != want {
			t.Errorf("%s calls %s, want %s", fn, got, want)
		}
	}
}

func TestDeferPreventsInlining(t *testing.T) {
	verifies(t, contract.DeferPreventsInlining)
	out := compile(t, "package p\n\nfunc g() {}\n\nfunc withDefer() { defer g() }\n\nfunc without() { g() }\n", "-m=2")
	if !regexp.MustCompile(`cannot inline withDefer: .*DEFER`).MatchString(out) {
		t.Errorf("a function with a defer is inlinable:\n%s", out)
	}
	if !strings.Contains(out, "can inline without") {
		t.Errorf("the control function is not inlinable:\n%s", out)
	}
}
