// Package nolint has a finding that //nolint:rtlint silences, in
// golangci-lint and in rtlint itself.
package nolint

// Serve is documented to block for the life of the process.
func Serve() {
	select {} //nolint:rtlint // Serve blocks for the life of the process
}
