package finalizer

import (
	"bufio"
	"compress/gzip"
	"database/sql"
	"os"
	"runtime"
	rt "runtime"
	"syscall"
)

// Log buffers its writes; Close flushes them.
type Log struct {
	w *bufio.Writer
	f *os.File
}

func (l *Log) Close() error {
	if err := l.w.Flush(); err != nil {
		return err
	}
	return l.f.Close()
}

// A method expression whose body flushes: found through the call.
func NewLog(f *os.File) *Log {
	l := &Log{w: bufio.NewWriter(f), f: f}
	runtime.SetFinalizer(l, (*Log).Close) // want `this finalizer flushes data \(\(\*bufio\.Writer\)\.Flush, called from \(\*Log\)\.Close\): finalizers need not run, not even at program exit, so that data can be lost; make callers Close explicitly and keep a finalizer, if any, only to report the leak \(runtime/mfinal\.go:\d+, runtime/mfinal\.go:\d+, go1\.\d+(\.\d+)?\)`
	return l
}

// A func literal that flushes a field.
func newLog2(f *os.File) *Log {
	l := &Log{w: bufio.NewWriter(f), f: f}
	runtime.SetFinalizer(l, func(l *Log) { // want `this finalizer flushes data \(\(\*bufio\.Writer\)\.Flush\)`
		l.w.Flush()
		l.f.Close()
	})
	return l
}

// A method of another package used directly as the finalizer.
func syncOnCollect(f *os.File) {
	rt.SetFinalizer(f, (*os.File).Sync) // want `this finalizer syncs data to storage \(\(\*os\.File\)\.Sync\)`
}

type archive struct{ zw *gzip.Writer }

// Closing a buffering writer flushes it.
func newArchive(f *os.File) *archive {
	a := &archive{zw: gzip.NewWriter(f)}
	runtime.SetFinalizer(a, func(a *archive) { a.zw.Close() }) // want `this finalizer closes a buffered writer, which flushes it \(\(\*gzip\.Writer\)\.Close\)`
	return a
}

type txn struct{ tx *sql.Tx }

// A commit in a finalizer, through a local variable.
func newTxn(tx *sql.Tx) *txn {
	t := &txn{tx: tx}
	commit := func(t *txn) {
		tx := t.tx
		tx.Commit()
	}
	runtime.SetFinalizer(t, commit) // want `this finalizer commits \(\(\*sql\.Tx\)\.Commit\)`
	return t
}

// A cleanup writing through its argument.
func cleanupFlush(l *Log) {
	runtime.AddCleanup(l, func(w *bufio.Writer) { w.Flush() }, l.w) // want `this cleanup flushes data \(\(\*bufio\.Writer\)\.Flush\): cleanups need not run, not even before program exit, so that data can be lost; make callers Close explicitly and keep a cleanup, if any, only to release resources or report the leak \(runtime/mcleanup\.go:\d+, go1\.\d+(\.\d+)?\)`
}

type res struct {
	fd   int
	name string
	next *res
}

func (r *res) release(int) {}

func closeFD(fd int) { syscall.Close(fd) }

func argIsPtr(r *res) {
	runtime.AddCleanup(r, func(r *res) { closeFD(r.fd) }, r) // want `arg is r itself: the runtime keeps arg for the cleanup, so r stays reachable and the cleanup never runs; AddCleanup panics on this since Go 1\.24: pass what the cleanup releases \(a handle, a field's value\), not the object \(runtime/mcleanup\.go:\d+, runtime/mcleanup\.go:\d+, go1\.\d+(\.\d+)?\)`
}

func argInsidePtr(r *res) {
	runtime.AddCleanup(r, func(fd *int) { closeFD(*fd) }, &r.fd) // want `arg points into r, so r stays reachable from the cleanup's argument and the cleanup never runs; since Go 1\.26 AddCleanup panics on this \(earlier releases fail silently\)`
}

type holder struct{ r *res }

func argHoldsPtr(r *res) {
	runtime.AddCleanup(r, func(h holder) { closeFD(h.r.fd) }, holder{r: r}) // want `arg holds r, so r stays reachable from the cleanup's argument and the cleanup never runs, and the runtime does not detect it`
}

func closureCapturesPtr(r *res) {
	runtime.AddCleanup(r, func(int) {
		closeFD(r.fd) // want `the cleanup function captures r, so r stays reachable from the cleanup and the cleanup never runs; since Go 1\.26 AddCleanup panics on this \(earlier releases fail silently\): pass what the cleanup needs as arg and use only its parameter \(runtime/mcleanup\.go:\d+, runtime/mcleanup\.go:\d+, go1\.\d+(\.\d+)?\)`
	}, 0)
}

func methodValueCapturesPtr(r *res) {
	runtime.AddCleanup(r, r.release, 0) // want `the cleanup function captures r, so r stays reachable.*since Go 1\.26 AddCleanup panics`
}

// The address of a local: the closure captures v by reference, which is ptr.
func addressOfLocal() *res {
	var v res
	runtime.AddCleanup(&v, func(int) {
		closeFD(v.fd) // want `the cleanup function captures v, so &v stays reachable.*since Go 1\.26 AddCleanup panics`
	}, 0)
	return &v
}

// A reassigned variable is captured by reference: the runtime sees only
// the variable's cell.
func reassignedPtr(r *res) {
	runtime.AddCleanup(r, func(int) {
		closeFD(r.fd) // want `the cleanup function captures r.*the runtime does not detect this`
	}, 0)
	r = r.next
	_ = r
}

type conn struct{ r *res }

// ptr reached through another object.
func throughField(c *conn) {
	runtime.AddCleanup(c.r, func(fd int) {
		_ = c // want `the cleanup function captures c, so c\.r stays reachable.*the runtime does not detect this`
		closeFD(fd)
	}, c.r.fd)
}

// A generic cleanup registration.
func register[T any](p *T, fd int) {
	runtime.AddCleanup(p, func(int) {
		_ = p // want `the cleanup function captures p`
	}, fd)
}
