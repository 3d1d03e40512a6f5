// Package cmd holds the commands of a command-line program: each runs as
// the process's main, so a select {} that serves until the process is
// killed is a review-tier observation.
package cmd

import (
	"github.com/spf13/cobra"
	"github.com/urfave/cli/v2"
)

func serve() {}

func cmdRun(cmd *cobra.Command, args []string) {
	go serve()
	select {} // want `select \{\} parks this goroutine forever`
}

var Run = &cobra.Command{Use: "run", Run: cmdRun}

var Agent = &cobra.Command{
	Use: "agent",
	RunE: func(cmd *cobra.Command, args []string) error {
		go serve()
		select {} // want `select \{\} parks this goroutine forever`
	},
}

var Daemon = &cli.Command{
	Name: "daemon",
	Action: func(c *cli.Context) error {
		go serve()
		select {} // want `select \{\} parks this goroutine forever`
	},
}
