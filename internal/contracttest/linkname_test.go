package contracttest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rtlint/rtlint/internal/contract"
)

// linknameModule has one main package per case; `go build ./...` builds
// them all and reports each failing package under a "# path" header.
var linknameModule = map[string]string{
	"go.mod": "module example.com/ln\n\ngo 1.26\n",
	"lib/lib.go": `package lib

func hidden() int { return 42 }

var _ = hidden
`,
	// Pulls the linker allows: symbols std pushes (one-arg //go:linkname,
	// badlinkname.go, the hall of shame), a non-std symbol nobody pushed,
	// and a push of our own.
	"allowed/main.go": `package main

import (
	"unsafe"

	_ "example.com/ln/lib"
)

//go:linkname nanotime runtime.nanotime
func nanotime() int64

//go:linkname cputicks runtime.cputicks
func cputicks() int64

//go:linkname gopark runtime.gopark
func gopark(unlockf func(unsafe.Pointer, unsafe.Pointer) bool, lock unsafe.Pointer, reason, traceReason uint8, traceskip int)

//go:linkname hidden example.com/ln/lib.hidden
func hidden() int

//go:linkname pushed example.com/ln/nowhere.pushed
func pushed() int { return 1 }

var keep = []any{gopark}

func main() { println("ran", nanotime() > 0, cputicks() != 0, hidden(), pushed(), len(keep)) }
`,
	"asm/main.go": `package main

import (
	"math"
	_ "unsafe"
)

//go:linkname archFloor math.archFloor
func archFloor(float64) float64

func main() { println("ran", archFloor(1.5) == math.Floor(1.5)) }
`,
	"notpushed/main.go": `package main

import _ "unsafe"

//go:linkname gcount runtime.gcount
func gcount(bool) int32

func main() { println("ran", gcount(false)) }
`,
	"varpull/main.go": `package main

import _ "unsafe"

//go:linkname allglen runtime.allglen
var allglen uintptr

func main() { println("ran", allglen) }
`,
	"varnew/main.go": `package main

import _ "unsafe"

//go:linkname fresh runtime.rtlintNoSuchVar
var fresh int

func main() { println("ran", fresh) }
`,
	"blocked/main.go": `package main

import _ "unsafe"

//go:linkname addmoduledata runtime.addmoduledata
func addmoduledata()

func main() { addmoduledata() }
`,
	"reserved/main.go": `package main

import _ "unsafe"

//go:linkname leakGC runtime/pprof.runtime_goroutineLeakGC
func leakGC()

func main() { leakGC() }
`,
	"undefined/main.go": `package main

import _ "unsafe"

//go:linkname nosuch runtime.rtlintNoSuchFunc
func nosuch()

func main() { nosuch() }
`,
	"duplicate/main.go": `package main

import _ "unsafe"

//go:linkname myNanotime runtime.nanotime
func myNanotime() int64 { return 0 }

func main() { println(myNanotime()) }
`,
	"nounsafe/main.go": `package main

//go:linkname nanotime runtime.nanotime
func nanotime() int64

func main() { println(nanotime()) }
`,
	// The puller is the package whose code references the symbol.
	"puller/puller.go": `package puller

import _ "unsafe"

//go:linkname Gcount runtime.gcount
func Gcount(bool) int32

func Count() int32 { return Gcount(false) }
`,
	"callspuller/main.go": `package main

import "example.com/ln/puller"

func main() { println("ran", puller.Count()) }
`,
	"declonly/declonly.go": `package declonly

import _ "unsafe"

//go:linkname Gcount runtime.gcount
func Gcount(bool) int32
`,
	"viaimport/main.go": `package main

import "example.com/ln/declonly"

func main() { println("ran", declonly.Gcount(false)) }
`,
}

type linknameResult struct {
	failures map[string]string // package dir -> build output
	bins     string
	err      error
}

var linknameBuild struct {
	sync.Once
	linknameResult
}

// linknameBuilds builds every package of linknameModule once.
func linknameBuilds(t *testing.T) linknameResult {
	t.Helper()
	goCmd := goTool(t)
	linknameBuild.Do(func() {
		r := &linknameBuild.linknameResult
		dir, err := os.MkdirTemp("", "rtlint-linkname-")
		if err != nil {
			r.err = err
			return
		}
		atExit = append(atExit, func() { os.RemoveAll(dir) })
		if r.err = writeTree(dir, linknameModule); r.err != nil {
			return
		}
		r.bins = filepath.Join(dir, "bin")
		os.Mkdir(r.bins, 0o755)
		out, _ := command(dir, goEnv(), goCmd, "build", "-o", r.bins+string(filepath.Separator), "./...")
		r.failures = map[string]string{}
		pkg := ""
		for _, line := range strings.Split(out, "\n") {
			if p, ok := strings.CutPrefix(line, "# example.com/ln/"); ok {
				pkg = p
				continue
			}
			if pkg != "" {
				r.failures[pkg] += line + "\n"
			}
		}
	})
	if linknameBuild.err != nil {
		t.Fatal(linknameBuild.err)
	}
	return linknameBuild.linknameResult
}

// wantLinks checks that the main package in dir built, and runs it.
func wantLinks(t *testing.T, r linknameResult, dir string) {
	t.Helper()
	if out, failed := r.failures[dir]; failed {
		t.Errorf("%s: build failed:\n%s", dir, out)
		return
	}
	out, err := command(r.bins, os.Environ(), filepath.Join(r.bins, dir))
	if err != nil || !strings.HasPrefix(out, "ran") {
		t.Errorf("%s: %v\n%s", dir, err, out)
	}
}

// wantFails checks that building dir failed with msg.
func wantFails(t *testing.T, r linknameResult, dir, msg string) {
	t.Helper()
	out, failed := r.failures[dir]
	if !failed {
		t.Errorf("%s: built, want %q", dir, msg)
		return
	}
	if !strings.Contains(out, msg) {
		t.Errorf("%s: build output lacks %q:\n%s", dir, msg, out)
	}
}

func TestLinknamePullNeedsPush(t *testing.T) {
	verifies(t, contract.LinknamePullNeedsPush, contract.LinknamePushAllowsPull, contract.LinknameBlockedFailsLink, contract.OneArgLinknameIsPush,
		contract.BadLinknamePushes, contract.HallOfShamePinsSymbol, contract.LinknameCheckStdOnly, contract.LinknameOnlyPullsChecked, contract.LinknameVarRefChecked)
	r := linknameBuilds(t)
	invalid := citedMessage(t, contract.LinknameBlockedFailsLink) // "%s: invalid reference to %s"
	wantLinks(t, r, "allowed")
	wantFails(t, r, "notpushed", fmt.Sprintf(invalid, "main", "runtime.gcount"))
	wantFails(t, r, "varpull", fmt.Sprintf(invalid, "main", "runtime.allglen"))
	wantLinks(t, r, "varnew") // no std definition: the declaration defines it
}

func TestLinknameBlocked(t *testing.T) {
	verifies(t, contract.AddmoduledataBlocked, contract.BlockedLinknamesReserved)
	r := linknameBuilds(t)
	invalid := citedMessage(t, contract.LinknameBlockedFailsLink)
	if holds(contract.AddmoduledataBlocked) {
		wantFails(t, r, "blocked", fmt.Sprintf(invalid, "main", "runtime.addmoduledata"))
	}
	if holds(contract.BlockedLinknamesReserved) {
		wantFails(t, r, "reserved", fmt.Sprintf(invalid, "main", "runtime/pprof.runtime_goroutineLeakGC"))
	}
}

func TestLinknameAsmSymbol(t *testing.T) {
	verifies(t, contract.AsmSymbolIsPushed)
	// math.archFloor is defined in assembly with no //go:linkname.
	wantLinks(t, linknameBuilds(t), "asm")
}

func TestLinknamePuller(t *testing.T) {
	verifies(t, contract.LinknameMarksPuller)
	r := linknameBuilds(t)
	invalid := citedMessage(t, contract.LinknameBlockedFailsLink)
	// The error names the package whose code references the symbol...
	wantFails(t, r, "callspuller", fmt.Sprintf(invalid, "example.com/ln/puller", "runtime.gcount"))
	// ...and a reference from a package that merely imports the pulled
	// declaration is not checked at all.
	wantLinks(t, r, "viaimport")
}

func TestLinknameLinkErrors(t *testing.T) {
	verifies(t, contract.LinknameUndefinedTarget, contract.LinknameDuplicateDef)
	r := linknameBuilds(t)
	wantFails(t, r, "undefined", "relocation target runtime.rtlintNoSuchFunc not defined")
	wantFails(t, r, "duplicate", "duplicated definition of symbol runtime.nanotime")
}

func TestLinknameRequiresUnsafe(t *testing.T) {
	verifies(t, contract.LinknameRequiresUnsafe)
	wantFails(t, linknameBuilds(t), "nounsafe", `only allowed in Go files that import "unsafe"`)
}

func TestCheckLinknameFlag(t *testing.T) {
	verifies(t, contract.CheckLinknameFlag)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"go.mod": linknameModule["go.mod"], "main.go": linknameModule["notpushed/main.go"]})
	bin := filepath.Join(dir, "notpushed")
	if out, err := run(t, dir, goEnv(), goTool(t), "build", "-ldflags=-checklinkname=0", "-o", bin, "."); err != nil {
		t.Fatalf("with -checklinkname=0 the pull of runtime.gcount still fails: %v\n%s", err, out)
	}
	if out, err := run(t, dir, os.Environ(), bin); err != nil || !strings.HasPrefix(out, "ran") {
		t.Fatalf("%v\n%s", err, out)
	}
}
