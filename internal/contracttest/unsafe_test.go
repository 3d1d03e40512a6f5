//rtlint:file-ignore unsaferuntime these tests demonstrate on the running toolchain the runtime layouts the analyzer warns about

package contracttest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/rtlint/rtlint/internal/contract"
)

// hchanPrefix mirrors the first fields of runtime.hchan, which is exactly
// what code reading channels through unsafe depends on.
type hchanPrefix struct {
	qcount   uint
	dataqsiz uint
	buf      unsafe.Pointer //lint:ignore U1000 it places the fields after it
	elemsize uint16
	closed   uint32
}

func TestHchanLayout(t *testing.T) {
	verifies(t, contract.HchanLayoutPrivate)
	ch := make(chan int64, 3)
	ch <- 1
	h := *(**hchanPrefix)(unsafe.Pointer(&ch))
	if h.qcount != 1 || h.dataqsiz != 3 || h.elemsize != 8 || h.closed != 0 {
		t.Fatalf("hchan prefix = %+v, want qcount 1, dataqsiz 3, elemsize 8, closed 0", *h)
	}
	close(ch)
	if h.closed == 0 {
		t.Fatal("hchan.closed is 0 after close")
	}
}

type eface struct{ typ, data unsafe.Pointer }

type iface struct{ tab, data unsafe.Pointer }

// itabPrefix mirrors the start of internal/abi.ITab.
type itabPrefix struct{ inter, typ unsafe.Pointer }

type stringer struct{ s string }

func (s *stringer) String() string { return s.s }

func TestInterfaceLayout(t *testing.T) {
	verifies(t, contract.EfaceLayout, contract.IfaceLayout)
	p := &stringer{"x"}
	var e any = p
	var i fmt.Stringer = p
	if unsafe.Sizeof(e) != 2*unsafe.Sizeof(uintptr(0)) || unsafe.Sizeof(i) != 2*unsafe.Sizeof(uintptr(0)) {
		t.Fatalf("interface values are %d and %d bytes, want two words", unsafe.Sizeof(e), unsafe.Sizeof(i))
	}
	ef := (*eface)(unsafe.Pointer(&e))
	if ef.data != unsafe.Pointer(p) {
		t.Error("eface data word is not the pointer stored")
	}
	ifc := (*iface)(unsafe.Pointer(&i))
	if ifc.data != unsafe.Pointer(p) {
		t.Error("iface data word is not the pointer stored")
	}
	if tab := (*itabPrefix)(ifc.tab); tab.typ != ef.typ {
		t.Error("the itab's type is not the eface's type word")
	}
}

type stringStruct struct {
	str unsafe.Pointer
	len int
}

type sliceStruct struct {
	array    unsafe.Pointer
	len, cap int
}

func TestStringAndSliceLayout(t *testing.T) {
	verifies(t, contract.RuntimeStringLayout, contract.RuntimeSliceLayout, contract.UnsafeSliceDataSince120)
	s := strings.Repeat("ab", 3)
	ss := (*stringStruct)(unsafe.Pointer(&s))
	if ss.str != unsafe.Pointer(unsafe.StringData(s)) || ss.len != len(s) {
		t.Errorf("string header = %+v, want data %p, len %d", *ss, unsafe.StringData(s), len(s))
	}
	b := make([]byte, 2, 5)
	sl := (*sliceStruct)(unsafe.Pointer(&b))
	if sl.array != unsafe.Pointer(unsafe.SliceData(b)) || sl.len != 2 || sl.cap != 5 {
		t.Errorf("slice header = %+v, want len 2 cap 5", *sl)
	}
	if unsafe.SliceData(b) != &b[0] {
		t.Error("unsafe.SliceData(b) != &b[0]")
	}
}

// header has the shape of reflect.SliceHeader (vet rightly flags values of
// that type, so the test uses its own).
type header struct {
	Data     uintptr
	Len, Cap int
}

//go:noinline
func headerOnly(freed *atomic.Bool) header {
	arr := new([64]byte)
	runtime.AddCleanup(arr, func(int) { freed.Store(true) }, 0)
	return header{Data: uintptr(unsafe.Pointer(arr)), Len: 64, Cap: 64}
}

func TestHeaderDataDoesNotKeepAlive(t *testing.T) {
	verifies(t, contract.SliceHeaderDeprecated, contract.StringHeaderDeprecated)
	//lint:ignore SA1019 the deprecated types are what the contract is about
	for _, typ := range []reflect.Type{reflect.TypeFor[reflect.SliceHeader](), reflect.TypeFor[reflect.StringHeader]()} {
		if f, ok := typ.FieldByName("Data"); !ok || f.Type.Kind() != reflect.Uintptr {
			t.Fatalf("%v.Data is not a uintptr", typ)
		}
	}
	var freed atomic.Bool
	h := headerOnly(&freed)
	// The header is live, but its Data is a uintptr: the GC frees the
	// array it describes.
	collectUntil(t, "the array behind a live header's uintptr Data is freed", freed.Load)
	runtime.KeepAlive(&h)
}

func TestUnsafeSlicePanics(t *testing.T) {
	verifies(t, contract.UnsafeSliceSince117)
	if raceEnabled {
		t.Skip("-race turns on checkptr, which makes these panics fatal errors")
	}
	n := -1
	if _, ok := recovered(func() { _ = unsafe.Slice(new(byte), n) }).(runtime.Error); !ok {
		t.Error("unsafe.Slice with a negative length did not panic with a runtime.Error")
	}
	n = 1
	if _, ok := recovered(func() { _ = unsafe.Slice((*byte)(nil), n) }).(runtime.Error); !ok {
		t.Error("unsafe.Slice(nil, 1) did not panic with a runtime.Error")
	}
	if s := unsafe.Slice((*byte)(nil), 0); s != nil {
		t.Error("unsafe.Slice(nil, 0) is not nil")
	}
}

func TestUnsafeBuiltinsVersionGated(t *testing.T) {
	verifies(t, contract.UnsafeBuiltinsVersionGated)
	const src = `package p

import "unsafe"

var b = []byte("x")
var _ = unsafe.String(&b[0], 1)
var _ = unsafe.SliceData(b)
var _ = unsafe.Slice(&b[0], 1)
`
	check := func(goVersion string) []string {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		var errs []string
		conf := types.Config{GoVersion: goVersion, Importer: unsafeOnly{}, Error: func(err error) { errs = append(errs, err.Error()) }}
		conf.Check("p", fset, []*ast.File{f}, nil)
		return errs
	}
	if errs := check("go1.20"); len(errs) != 0 {
		t.Errorf("go1.20 rejects the unsafe builtins: %v", errs)
	}
	errs := strings.Join(check("go1.19"), "\n")
	for _, fn := range []string{"unsafe.String", "unsafe.SliceData"} {
		if !strings.Contains(errs, fn+" requires go1.20") {
			t.Errorf("go1.19: no error for %s: %s", fn, errs)
		}
	}
	if strings.Contains(errs, "unsafe.Slice requires") {
		t.Errorf("go1.19 rejects unsafe.Slice (go1.17): %s", errs)
	}
	if errs := strings.Join(check("go1.16"), "\n"); !strings.Contains(errs, "unsafe.Slice requires go1.17") {
		t.Errorf("go1.16: no error for unsafe.Slice: %s", errs)
	}
}

func TestRuntimeVersionString(t *testing.T) {
	verifies(t, contract.RuntimeVersionString)
	tc := contract.Default()
	if tc.Err != nil {
		t.Skipf("no toolchain: %v", tc.Err)
	}
	// The test binary was built by the go command whose GOROOT citations
	// resolve against.
	if runtime.Version() != tc.Version {
		t.Errorf("runtime.Version() = %s, the toolchain's VERSION = %s", runtime.Version(), tc.Version)
	}
}

// unsafeOnly imports package unsafe and nothing else.
type unsafeOnly struct{}

func (unsafeOnly) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	return nil, fmt.Errorf("cannot import %s", path)
}

// TestGoroutineHeaderFormat: the goroutine number is only traceback text.
func TestGoroutineHeaderFormat(t *testing.T) {
	verifies(t, contract.GoroutineHeaderFormat)
	header := regexp.MustCompile(`^goroutine (\d+) \[[^\]]+\]:\n`)
	own := header.FindSubmatch(stack())
	other := make(chan []byte)
	go func() { other <- stack() }()
	theirs := header.FindSubmatch(<-other)
	if own == nil || theirs == nil {
		t.Fatalf("runtime.Stack does not start with the goroutine header")
	}
	if string(own[1]) == string(theirs[1]) {
		t.Errorf("two goroutines print the same number %s", own[1])
	}
}

func stack() []byte {
	buf := make([]byte, 1<<10)
	return buf[:runtime.Stack(buf, false)]
}
