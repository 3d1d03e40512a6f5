// Package dep is imported by package use: the LSP tests change its API in
// an unsaved buffer and expect use to be analyzed again.
package dep

// Run calls work.
func Run(work func()) { work() }
