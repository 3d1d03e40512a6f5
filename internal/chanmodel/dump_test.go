//go:build dump

package chanmodel_test

import (
	"fmt"
	"os"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/rtlint/rtlint/internal/chanmodel"
)

// TestDump prints the model of the packages in $CHANMODEL_DUMP (a
// debugging aid, built with -tags dump:
// CHANMODEL_DUMP=DIR go test -tags dump -run TestDump .).
func TestDump(t *testing.T) {
	dir := os.Getenv("CHANMODEL_DUMP")
	if dir == "" {
		t.Skip("set CHANMODEL_DUMP to a module directory")
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{chanmodel.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Analyzer != chanmodel.Analyzer || act.Err != nil {
			continue
		}
		m := act.Result.(*chanmodel.Model)
		if m.Pkg == nil {
			continue
		}
		for _, op := range m.Ops {
			c := m.ClassOf(op)
			fmt.Printf("%s: %s %s in %s class=%p oplocs=%v", m.Pass.Fset.Position(op.Pos), op.Kind, m.ChanName(op), op.Fn, c, m.Locs(op.Chan))
			if c != nil {
				fmt.Printf(" makes=%d sends=%d recvs=%d closes=%d foreign=%v out=%v%v%v timer=%v done=%v locs=%v", len(c.Makes), len(c.Sends), len(c.Recvs), len(c.Closes), c.Foreign, c.OutSend, c.OutClose, c.OutRecv, c.Timer, c.Done, c.Locs)
			}
			fmt.Println()
		}
		for _, s := range m.Starts {
			fmt.Printf("start %s: %v caller=%s\n", m.Pass.Fset.Position(s.Instr.Pos()), s.Fn, s.Caller)
		}
		if os.Getenv("LEAKS_FIRST") != "" {
			fmt.Println("leaks first:", len(m.Leaks()))
		}
		if os.Getenv("DUMP_LIVE") != "" {
			for _, f := range m.Funcs {
				fmt.Printf("func %s live=%v escapes=%v\n", f, m.Live()[f], m.Escapes(f))
			}
		}
		for _, t := range m.Traps() {
			fmt.Printf("TRAP %s: partial=%v loop=%v exits=%d range=%v dead=%v callee=%v\n", m.Pass.Fset.Position(t.Start.Instr.Pos()), t.Partial, t.Loop, len(t.Exits), t.Range != nil, t.Dead != nil, t.Callee)
		}
		for _, l := range m.Leaks() {
			msg, _ := l.Message("", "go1.26.8")
			fmt.Printf("LEAK %s: %s\n", m.Pass.Fset.Position(l.Pos()), msg)
		}
	}
}
