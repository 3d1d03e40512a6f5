package linkcheck

import (
	"fmt"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// goroot is the GOROOT of the go command on PATH, the toolchain the
// linker comparison builds with.
func goroot(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	return strings.TrimSpace(string(out))
}

func index(t testing.TB) *Index {
	t.Helper()
	ix := For(DefaultTarget(goroot(t), ""))
	if ix.Err != nil {
		t.Fatal(ix.Err)
	}
	return ix
}

func TestSplitSymbol(t *testing.T) {
	for _, tc := range []struct{ sym, pkg, name string }{
		{"runtime.nanotime", "runtime", "nanotime"},
		{"internal/runtime/maps.fatal", "internal/runtime/maps", "fatal"},
		{"runtime.(*mheap).alloc", "runtime", "(*mheap).alloc"},
		{"go/types.(*Checker).infer", "go/types", "(*Checker).infer"},
		{"github.com/a/b.c", "github.com/a/b", "c"},
		{"_cgo_panic", "", "_cgo_panic"},
	} {
		if pkg, name := SplitSymbol(tc.sym); pkg != tc.pkg || name != tc.name {
			t.Errorf("SplitSymbol(%q) = %q, %q; want %q, %q", tc.sym, pkg, name, tc.pkg, tc.name)
		}
	}
}

func TestScanGo(t *testing.T) {
	src := `package p

import _ "unsafe"

// hidden should be internal,
// but widely used packages access it using linkname.
// Notable members of the hall of shame include:
//   - example.com/x
//
//go:linkname hidden
func hidden() {}

//go:linkname pushed other.Pushed
func pushed(a int,
	b int) int {
	return a + b
}

//go:linkname pulled runtime.pulled
func pulled() int

//go:linkname iface runtime.iface
func iface() interface{}

//go:linkname one p.oneLine
func one() int { return 1 }

func (m *T) method() {}

func (T) value() {}

var (
	a, b int
	c    = 1
)

var d struct{}
`
	got := map[string]int{}
	for _, f := range scanGo([]byte(src), "p", "p.go") {
		got[fmt.Sprintf("%d %s", f.kind, f.sym)] = f.line
		if f.sym == "p.hidden" && f.kind == foundPush && !f.compat {
			t.Errorf("push of hidden not marked as hall of shame")
		}
	}
	for _, want := range []string{
		fmt.Sprintf("%d p.hidden", foundPush),
		fmt.Sprintf("%d other.Pushed", foundPush),
		fmt.Sprintf("%d p.oneLine", foundPush),
		fmt.Sprintf("%d runtime.pulled", foundPull),
		fmt.Sprintf("%d runtime.iface", foundPull),
		fmt.Sprintf("%d p.(*T).method", foundFunc),
		fmt.Sprintf("%d p.T.value", foundFunc),
		fmt.Sprintf("%d p.a", foundVar),
		fmt.Sprintf("%d p.b", foundVar),
		fmt.Sprintf("%d p.c", foundVar),
		fmt.Sprintf("%d p.d", foundVar),
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %q in %v", want, got)
		}
	}
	if _, ok := got[fmt.Sprintf("%d p.pulled", foundFunc)]; ok {
		t.Errorf("bodyless pulled recorded as a definition")
	}
}

// TestKnownVerdicts pins verdicts that the reference map verified against
// the go1.26 linker.
func TestKnownVerdicts(t *testing.T) {
	ix := index(t)
	if !ix.Lockdown {
		t.Skip("toolchain predates the linkname lockdown")
	}
	for sym, want := range map[string]Kind{
		"runtime.nanotime":        Pushed,
		"runtime.gopark":          Pushed,
		"runtime.gcount":          NotPushed,
		"runtime.casgstatus":      NotPushed,
		"runtime.addmoduledata":   Blocked,
		"runtime.nosuchfunc":      Undefined,
		"sync.runtime_Semacquire": Pushed,
		"github.com/x/y.z":        NotStd,
	} {
		if got := ix.Check("main", sym, false); got.Kind != want {
			t.Errorf("Check(%s) = %v (%+v), want %v", sym, got.Kind, got, want)
		}
	}
	// Assembly symbols are pushed up to Go 1.26; from Go 1.27 (with
	// register ABI wrappers) only if their Go declaration is.
	want := Assembly
	if !ix.AsmPushed {
		want = AsmNotPushed
	}
	if got := ix.Check("main", "runtime.systemstack", false); got.Kind != want {
		t.Errorf("Check(runtime.systemstack) = %v, want %v", got.Kind, want)
	}
	// coroswitch is reserved for iter: by blockedLinknames up to Go 1.26,
	// by //go:linknamestd from Go 1.27.
	if v := ix.Check("main", "runtime.coroswitch", false); v.Links || (v.Kind != Blocked && v.Kind != StdOnly) {
		t.Errorf("main pulling runtime.coroswitch: %+v", v)
	}
	if v := ix.Check("iter", "runtime.coroswitch", false); !v.Links {
		t.Errorf("iter pulling runtime.coroswitch: %+v", v)
	}
	if v := ix.Check("main", "runtime.gopark", false); !v.Compat {
		t.Errorf("runtime.gopark is a hall-of-shame push: %+v", v)
	}
}

// TestStdPullsLink checks the index against std itself: every pull the
// standard library makes of a std symbol on this platform links, or the
// toolchain could not build itself.
//
// Two kinds of std pulls are never checked, and are skipped: an exported
// pulled function (internal/syscall/unix.Utimensat) is called from other
// packages, whose references do not carry the linkname mark; and a pull
// the compiler turns into an intrinsic (sync.runtime_LoadAcquintptr, per
// cmd/compile/internal/ssagen/intrinsics.go) leaves no reference at all.
func TestStdPullsLink(t *testing.T) {
	ix := index(t)
	if !ix.Intrinsic("sync", "runtime_LoadAcquintptr") {
		t.Errorf("sync.runtime_LoadAcquintptr is not known as an intrinsic alias")
	}
	n := 0
	for _, p := range ix.stdPulls {
		if pkg, _ := SplitSymbol(p.sym); !ix.IsStdPackage(pkg) {
			continue // cgo and libc symbols
		}
		if token.IsExported(p.local) || ix.Intrinsic(p.puller, p.local) {
			continue
		}
		n++
		v := ix.Check(p.puller, p.sym, false)
		if v.Links {
			continue
		}
		if v.Kind == Undefined {
			// A pull may name a symbol defined only where the pulling
			// code is reachable (another platform's file set) or be
			// satisfied by cgo; the linker complains only if it is used.
			t.Logf("%s: %s pulls undefined %s", p.at, p.puller, p.sym)
			continue
		}
		t.Errorf("%s: %s pulls %s: predicted %v (%s), but std links", p.at, p.puller, p.sym, v.Kind, v.Where)
	}
	if n < 30 {
		t.Errorf("only %d std pulls found", n)
	}
}

// TestAgainstLinker builds tiny main programs that pull allowed, blocked,
// unpushed and undefined symbols and checks that the real linker agrees
// with the index on this toolchain. -trimpath keeps the build cache warm
// across runs in fresh temporary directories.
func TestAgainstLinker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs")
	}
	root := goroot(t)
	ix := index(t)
	funcs := map[string]string{ // symbol → signature
		"runtime.nanotime":        "() int64",
		"runtime.memmove":         "(to, from unsafe.Pointer, n uintptr)",
		"runtime.cputicks":        "() int64",
		"runtime.procyield":       "(cycles uint32)",
		"runtime.fastrand":        "() uint32",
		"runtime.systemstack":     "(fn func())",
		"runtime.gogo":            "(buf unsafe.Pointer)",
		"sync.runtime_Semacquire": "(s *uint32)",
		"reflect.unsafe_New":      "(typ unsafe.Pointer) unsafe.Pointer",
		"runtime.gcount":          "() int32",
		"runtime.mcount":          "() int32",
		"runtime.casgstatus":      "(gp unsafe.Pointer, oldval, newval uint32)",
		"runtime.findnull":        "(s *byte) int",
		"runtime.(*mheap).alloc":  "(h unsafe.Pointer, npages uintptr, spanclass uint8) unsafe.Pointer",
		"runtime.addmoduledata":   "()",
		"runtime.coroswitch":      "(c unsafe.Pointer)",
		"time.runtimeNano":        "() int64",
		"runtime.getg":            "() unsafe.Pointer",
		"runtime.nosuchfunc":      "()",
	}
	vars := map[string]string{
		"runtime.firstmoduledata": "[64]uintptr",
		"runtime.buildVersion":    "string",
		"runtime.sched":           "[64]uintptr",
		"runtime.nosuchvar":       "int32",
	}
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module linktest\n\ngo 1.21\n")
	dirs := map[string]string{}
	i := 0
	for sym, sig := range funcs {
		d := fmt.Sprintf("f%02d", i)
		i++
		dirs[d] = sym
		write(d+"/main.go", fmt.Sprintf("package main\n\nimport \"unsafe\"\n\nvar _ unsafe.Pointer\n\n//go:linkname pulled %s\nfunc pulled%s\n\nvar sink any = pulled\n\nfunc main() { println(sink != nil) }\n", sym, sig))
	}
	for sym, typ := range vars {
		d := fmt.Sprintf("v%02d", i)
		i++
		dirs[d] = sym
		write(d+"/main.go", fmt.Sprintf("package main\n\nimport _ \"unsafe\"\n\n//go:linkname pulled %s\nvar pulled %s\n\nfunc main() { println(&pulled) }\n", sym, typ))
	}
	// One go build per program: go build ./... stops starting links
	// after the first failure.
	// The loophole the linkname analyzer words carefully: a method of a
	// type the program reaches through the package's API is compiled as
	// an ordinary package reference, which the linker does not check. The
	// index says "not pushed"; the link succeeds.
	loophole := "m00"
	dirs[loophole] = "runtime.(*Func).raw"
	write(loophole+"/main.go", "package main\n\nimport (\n\t\"runtime\"\n\t\"unsafe\"\n)\n\n//go:linkname raw runtime.(*Func).raw\nfunc raw(f *runtime.Func) unsafe.Pointer\n\nfunc main() { println(raw(runtime.FuncForPC(0))) }\n")

	out := filepath.Join(dir, "bin")
	errs := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	start := time.Now()
	for d := range dirs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			cmd := exec.Command(filepath.Join(root, "bin", "go"), "build", "-trimpath", "-o", filepath.Join(out, d), "./"+d)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
			msg, err := cmd.CombinedOutput()
			if err != nil {
				mu.Lock()
				errs[d] = string(msg)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	t.Logf("built %d programs in %v", len(dirs), time.Since(start).Round(time.Millisecond))
	for d, sym := range dirs {
		_, err := os.Stat(filepath.Join(out, d))
		linked := err == nil
		var want bool
		var why string
		if d == loophole {
			if v := ix.Check("main", sym, false); v.Kind != NotPushed || !linked {
				t.Errorf("%s: index says %v, linked=%v; want not pushed, linked through the method loophole\n%s", sym, v.Kind, linked, errs[d])
			}
			continue
		}
		{
			v := ix.Check("main", sym, d[0] == 'v')
			want, why = v.Links, v.Kind.String()
			if !linked {
				msg := errs[d]
				switch v.Kind {
				case Blocked, NotPushed, StdOnly, AsmNotPushed:
					if !strings.Contains(msg, "invalid reference to "+sym) {
						t.Errorf("%s: want an invalid reference error, got %q", sym, msg)
					}
				case Undefined:
					if !strings.Contains(msg, "not defined") {
						t.Errorf("%s: want a relocation error, got %q", sym, msg)
					}
				}
			}
		}
		if linked != want {
			t.Errorf("%s (%s): linker says links=%v, index predicts %v (%s)\n%s", sym, d, linked, want, why, errs[d])
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	t := DefaultTarget(goroot(b), "")
	for b.Loop() {
		if ix := build1(t); ix.Err != nil {
			b.Fatal(ix.Err)
		}
	}
}

// TestBuildTime keeps the scan cheap: it runs lazily, once per process,
// for the first package that pulls anything.
func TestBuildTime(t *testing.T) {
	tg := DefaultTarget(goroot(t), "")
	start := time.Now()
	ix := build1(tg)
	d := time.Since(start)
	t.Logf("scanned %d files (%d with linknames, %d assembly) in %v; %d runtime symbols pullable",
		ix.Files, ix.LinknameFiles, ix.AsmFiles, d.Round(time.Millisecond), len(ix.Pullable("runtime")))
	if d > 5*time.Second {
		t.Errorf("building the index took %v", d)
	}
}
