// Package nolint has a finding that golangci-lint's //nolint:rtlint
// silences (rtlint itself does not read //nolint).
package nolint

// Serve is documented to block for the life of the process.
func Serve() {
	select {} //nolint:rtlint // Serve blocks for the life of the process
}
