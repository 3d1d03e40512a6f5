//go:build special

package p

// Tagged parks forever, in a file behind a build tag.
func Tagged() {
	select {} // parity:emptyselect:tags
}
