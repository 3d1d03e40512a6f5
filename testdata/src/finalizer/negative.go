package finalizer

import (
	"log"
	"os"
	"runtime"
	"syscall"
)

type file struct {
	fd   int
	path string
}

// The idiom: the cleanup gets the descriptor, not the object.
func idiom(path string) (*file, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	f := &file{fd: fd, path: path}
	runtime.AddCleanup(f, func(fd int) { syscall.Close(fd) }, f.fd)
	return f, nil
}

// Closing an *os.File releases a descriptor: what finalizers are for.
type wrapper struct{ f *os.File }

func closesFile(w *wrapper) {
	runtime.AddCleanup(w, func(f *os.File) { f.Close() }, w.f)
}

// A leak report writes to a package-level stream, not the object's data.
func leakReport(w *wrapper) {
	runtime.AddCleanup(w, func(path string) {
		log.Printf("leaked %s", path)
		os.Stderr.WriteString("leak\n")
	}, w.f.Name())
}

// A shadowing variable inside the cleanup is not ptr.
func shadowed(f *file) {
	runtime.AddCleanup(f, func(fd int) {
		f := fd
		_ = f
	}, f.fd)
}

// A value field of ptr is copied into arg: the cleanup does not hold ptr.
func fieldValue(f *file) {
	runtime.AddCleanup(f, func(p string) { _ = p }, f.path)
}

// Removing a finalizer.
func clear(f *file) {
	runtime.SetFinalizer(f, nil)
}

var global = &file{}

// A package-level pointer is always reachable; not this check's business.
func pkgLevel() {
	runtime.AddCleanup(global, func(int) { _ = global }, 0)
}

// A method value with a value receiver binds a copy, not the pointer.
func (f file) report(int) {}

func valueMethod(f *file) {
	runtime.AddCleanup(f, f.report, 0)
}

// Same-named functions and methods are not the runtime's.
type registry struct{}

func (registry) AddCleanup(p *file, fn func(int), arg int) {}
func SetFinalizer(obj any, fn any)                         {}

func lookalikes(f *file) {
	var r registry
	r.AddCleanup(f, func(int) { _ = f }, 0)
	SetFinalizer(f, func(f *file) {})
}

// Writing a command to a file the cleanup opens itself releases a kernel
// object; it is not the object's data.
func removeEvent(name string) error {
	f, err := os.OpenFile("/sys/kernel/tracing/kprobe_events", os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString("-:" + name)
	return err
}

type event struct{ name string }

func newEvent(name string) *event {
	e := &event{name: name}
	runtime.AddCleanup(e, func(name string) { removeEvent(name) }, name)
	return e
}
