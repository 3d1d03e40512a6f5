//go:build !unix

package main

import "os"

// protocolStdout returns os.Stdout for the protocol stream and points
// os.Stdout at stderr, so that stray writes through it cannot corrupt the
// protocol stream.
func protocolStdout() (*os.File, error) {
	out := os.Stdout
	os.Stdout = os.Stderr
	return out, nil
}
