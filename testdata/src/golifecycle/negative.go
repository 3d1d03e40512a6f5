package golifecycle

import (
	"errors"
	"sync"
	"time"
)

// Fine: a buffer of one holds the only send, whatever the receiver does.
func EarlyReturnBuffered(fail bool) int {
	res := make(chan int, 1)
	go func() {
		v, _ := work()
		res <- v
	}()
	if fail {
		return -1
	}
	return <-res
}

// Fine: the sender gives up on the same quit channel.
func QuitBoth(quit chan struct{}) int {
	res := make(chan int)
	go func() {
		v, _ := work()
		select {
		case res <- v:
		case <-quit:
		}
	}()
	select {
	case v := <-res:
		return v
	case <-quit:
		return -1
	}
}

// Fine: the error and the result are sent by the same goroutine, one or
// the other, and the select takes either.
func OneOfTwo() (int, error) {
	res, errc := make(chan int), make(chan error)
	go func() {
		v, err := work()
		if err != nil {
			errc <- err
			return
		}
		res <- v
	}()
	select {
	case v := <-res:
		return v, nil
	case err := <-errc:
		return 0, err
	}
}

// Fine: a buffer for every goroutine.
func FirstOfBuffered(replicas []func() int) int {
	res := make(chan int, len(replicas))
	for _, r := range replicas {
		go func() { res <- r() }()
	}
	return <-res
}

// Fine: a buffer for every job, so stopping at the first error leaves
// nobody blocked.
func AllBuffered(jobs []func() error) error {
	errc := make(chan error, len(jobs))
	for _, j := range jobs {
		go func() { errc <- j() }()
	}
	for range jobs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Fine: one receive per goroutine, and each sends once on every path.
func RepliesOnce() (error, error) {
	ch := make(chan error)
	go func() { replyOnce(ch, nil) }()
	a := <-ch
	go func() { replyOnce(ch, nil) }()
	b := <-ch
	return a, b
}

func replyOnce(ch chan error, err error) {
	if err != nil {
		ch <- err
		return
	}
	ch <- nil
}

// Fine: the owner closes the channel on every path, so the workers end.
func PoolClosed(jobs []int, n int) {
	ch := make(chan int)
	defer close(ch)
	for i := 0; i < n; i++ {
		go func() {
			for j := range ch {
				_ = j
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
}

// Fine: the goroutine closes done on every path.
func DrainClosed(in chan int) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for v := range in {
			if v < 0 {
				return
			}
		}
	}()
	<-done
}

// Fine: a WaitGroup, not a channel, waits for the workers.
func Group(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = work()
		}()
	}
	wg.Wait()
}

// Fine: the ticker loop returns on a channel Stop closes.
type Janitor struct {
	stop chan struct{}
	once sync.Once
}

func NewJanitor(evict func()) *Janitor {
	j := &Janitor{stop: make(chan struct{})}
	go func() {
		t := time.NewTicker(time.Minute)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				evict()
			case <-j.stop:
				return
			}
		}
	}()
	return j
}

func (j *Janitor) Stop() { j.once.Do(func() { close(j.stop) }) }

// Fine: a daemon loop without channel evidence is a review-tier
// observation, not a finding (shown only with -review).
func StartPoller(poll func()) {
	go func() {
		for {
			poll()
			time.Sleep(time.Second)
		}
	}()
}

// Fine: a comment says the goroutine lives as long as the process.
var registry = make(chan string)

func StartRegistry() {
	// It is fine to let it exit with the process: one registry per binary.
	go func() {
		for name := range registry {
			_ = name
		}
	}()
}

func Register(name string) { registry <- name }

// Fine: started once per process, by a sync.Once.
var bgOnce sync.Once
var events = make(chan int)

func Emit(v int) {
	bgOnce.Do(func() {
		go func() {
			for v := range events {
				_ = v
			}
		}()
	})
	events <- v
}

// Fine: a nil channel in a select disables its case on purpose.
func Merge(a, b chan int, out chan int) {
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out <- v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out <- v
		}
	}
}

// Fine: one receive per goroutine, counted by a range over an int (SSA
// tests that loop at the bottom).
func Gather(checks []func() bool) int {
	res := make(chan bool)
	for _, c := range checks {
		go func() { res <- c() }()
	}
	n := 0
	for range len(checks) {
		if <-res {
			n++
		}
	}
	return n
}

// Fine: a channel made on each retry, with a buffer for its one send.
func Dial(try func() error, timeout <-chan struct{}) error {
	for {
		errc := make(chan error, 1)
		go func() { errc <- try() }()
		select {
		case err := <-errc:
			if err != nil {
				continue
			}
			return nil
		case <-timeout:
			return errors.New("timeout")
		}
	}
}

// Fine: a semaphore; each release follows the acquire that made its slot.
type Chunks struct {
	slots chan struct{}
	data  chan []byte
}

func NewChunks(n int, fetch func() []byte, stop chan struct{}) *Chunks {
	c := &Chunks{slots: make(chan struct{}, n), data: make(chan []byte, n)}
	go func() {
		defer close(c.data)
		for {
			select {
			case c.slots <- struct{}{}:
			case <-stop:
				return
			}
			c.data <- fetch()
		}
	}()
	return c
}

func (c *Chunks) Next() ([]byte, bool) {
	b, ok := <-c.data
	if ok {
		<-c.slots
	}
	return b, ok
}

// Fine: the work is queued and the channel closed before the workers
// start.
func Parallel(pieces, workers int, do func(int)) {
	todo := make(chan int, pieces)
	for i := 0; i < pieces; i++ {
		todo <- i
	}
	close(todo)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range todo {
				do(p)
			}
		}()
	}
	wg.Wait()
}

// Fine: a semaphore filled to its capacity, by a loop that runs as many
// times as the buffer holds, before anything receives.
type Listeners struct{ mu sync.Mutex }

func (l *Listeners) Listen(each func()) func() {
	const maxInFlight = 4
	sema := make(chan struct{}, maxInFlight)
	for range maxInFlight {
		sema <- struct{}{}
	}
	go func() {
		<-sema
		each()
		sema <- struct{}{}
	}()
	return func() {
		for range maxInFlight {
			<-sema
		}
	}
}

// Fine: a pool filled to its capacity, whatever it is; Get and Put never
// wait.
type WriterPool struct{ free chan *[]byte }

func NewWriterPool(capacity int) *WriterPool {
	p := &WriterPool{free: make(chan *[]byte, capacity)}
	for i := 0; i < capacity; i++ {
		b := make([]byte, 0, 512)
		p.free <- &b
	}
	return p
}

func (p *WriterPool) Get() *[]byte {
	select {
	case b := <-p.free:
		return b
	default:
		b := make([]byte, 0, 512)
		return &b
	}
}

func (p *WriterPool) Put(b *[]byte) {
	select {
	case p.free <- b:
	default:
	}
}

// Fine: one poll at a time. The tick case is turned off (its channel set
// to nil) when it starts a poll and on again only once the poll's result
// is received, so at most one goroutine sends on the buffer of one, and
// it never waits, even when the timeout returns first.
func Eventually(cond func() bool, wait, every time.Duration) bool {
	ch := make(chan bool, 1)
	timer := time.NewTimer(wait)
	defer timer.Stop()
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for tick := ticker.C; ; {
		select {
		case <-timer.C:
			return false
		case <-tick:
			tick = nil
			go func() { ch <- cond() }()
		case v := <-ch:
			if v {
				return true
			}
			tick = ticker.C
		}
	}
}

// Fine: purgec is a test hook; every caller outside the tests passes nil,
// and the sends are behind a nil check.
func purgeFiles(list func() []string, stop <-chan struct{}, purgec chan<- string) {
	go func() {
		for {
			names := list()
			if purgec != nil {
				for _, n := range names {
					purgec <- n
				}
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
			}
		}
	}()
}

func PurgeFiles(list func() []string, stop <-chan struct{}) { purgeFiles(list, stop, nil) }
