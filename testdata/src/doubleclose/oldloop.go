//go:build go1.21

package doubleclose

// Fine, before Go 1.22 too: one variable b for the whole loop, but each
// round stores the batch just received in it, so b.started and b.done are
// the new batch's channels (the worker of the batch buffer in negative.go,
// with the pre-1.22 loop variable).
type oldBatch struct {
	items   chan int
	started chan struct{}
	done    chan struct{}
}

type OldTransport struct{ buffer chan oldBatch }

func (t *OldTransport) Start() { go t.worker() }

func (t *OldTransport) worker() {
	for b := range t.buffer {
		close(b.started)
		t.buffer <- b
		for range b.items {
		}
		close(b.done)
	}
}

// The same variable closed twice: nothing is stored in it between.
func (t *OldTransport) Twice() {
	var b oldBatch
	for i := 0; i < 2; i++ {
		close(b.done) // want `b\.done is closed inside a loop that can come back to this close`
	}
}
