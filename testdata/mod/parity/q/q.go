// Package q has a channel closed by an exported method with no guard:
// reported with -doubleclose.unguarded.
package q

// T owns a channel.
type T struct{ done chan struct{} }

// Stop closes the channel; a second call panics.
func (t *T) Stop() {
	close(t.done) // parity:doubleclose:unguarded
}
