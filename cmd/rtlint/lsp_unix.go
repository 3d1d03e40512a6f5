//go:build unix

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// protocolStdout returns a file for the protocol stream on a duplicate of
// file descriptor 1, and points descriptor 1 and os.Stdout at stderr, so
// that a stray write to stdout by anything in this process (a library, a
// panic handler of a dependency) cannot corrupt the protocol stream.
func protocolStdout() (*os.File, error) {
	fd, err := unix.Dup(1)
	if err != nil {
		return nil, err
	}
	unix.CloseOnExec(fd)
	if err := unix.Dup2(2, 1); err != nil {
		unix.Close(fd)
		return nil, err
	}
	os.Stdout = os.Stderr
	return os.NewFile(uintptr(fd), "protocol-stdout"), nil
}
