// Package cobra is a stand-in for github.com/spf13/cobra with the types
// the analyzers look for.
package cobra

type Command struct {
	Use  string
	Run  func(cmd *Command, args []string)
	RunE func(cmd *Command, args []string) error
}
