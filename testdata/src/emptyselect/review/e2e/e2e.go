// Package e2e is test-support code outside _test.go files.
package e2e

func ServeForever() {
	select {} // want `select \{\} parks this goroutine forever`
}
