// Package cli is a stand-in for github.com/urfave/cli/v2 with the types
// the analyzers look for.
package cli

type Context struct{}

type Command struct {
	Name   string
	Action func(*Context) error
}
