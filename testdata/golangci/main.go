// Command golangci-lint is the custom golangci-lint that `golangci-lint
// custom` builds from the .custom-gcl.yml in the README: golangci-lint's
// commands with the rtlint module plugin linked in. The plugin tests build
// it offline (the replace directive points at this checkout) and run it.
package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/rtlint/rtlint/golangci" // registers the "rtlint" module plugin
)

func main() {
	info := commands.BuildInfo{Version: "2.15.0-custom-rtlint", GoVersion: runtime.Version(), Commit: "rtlint-test", Date: "(test build)"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "golangci-lint: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
