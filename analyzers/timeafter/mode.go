package timeafter

import (
	"go/ast"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis"

	"github.com/rtlint/rtlint/internal/analysisutil"
	"github.com/rtlint/rtlint/internal/contract"
)

// A mode is what the analyzed package tells about the timer semantics its
// code runs with. Since Go 1.23 they depend on the asynctimerchan GODEBUG
// setting, whose default comes from the main module's go line, overridden
// by godebug lines in the main module's go.mod and by //go:debug
// directives in the main package (cmd/go/internal/load/godebug.go).
type mode struct {
	// main is set for a main package whose go.mod was read: the setting
	// below is the one its binary runs with.
	main bool
	// setting is asynctimerchan for a main package: "0" (timers collected
	// when unreferenced, synchronous channels), "1" (pre-1.23 timers) or
	// "2" (collected, but asynchronous channels).
	setting string
	// why says what chose the setting: "go.mod go 1.21",
	// "godebug asynctimerchan=1 in go.mod", "//go:debug asynctimerchan=1".
	why string
	// goLine is the module's go line ("1.21"); "" if unknown.
	goLine string
	// ownSetting is the asynctimerchan value the module's go.mod (and, for
	// a main package, //go:debug directives) set explicitly, or "".
	ownSetting string
	// removed is the user's toolchain version when it no longer has the
	// asynctimerchan setting (Go 1.27 removed it): every program then runs
	// with Go 1.23 timers, whatever the go line says.
	removed string
}

// oldTimers reports whether the main package runs with pre-1.23 timers,
// which stay alive until they fire.
func (m *mode) oldTimers() bool { return m.main && m.setting == "1" }

// resetSafe reports whether Timer.Reset without a drain is correct for
// the code: the binary runs with synchronous timer channels. For a library
// that holds when its own go line is 1.23 or later, since every go command
// from Go 1.21 on refuses to build a main module whose go line is older
// than a dependency's, unless the module itself asks for other timers.
func (m *mode) resetSafe() bool {
	if m.removed != "" {
		return true
	}
	if m.main {
		return m.setting == "0"
	}
	return m.goLine != "" && analysisutil.AtLeast("go"+m.goLine, "go1.23") && (m.ownSetting == "" || m.ownSetting == "0")
}

const setting = "asynctimerchan"

// settingRemoved is the release that removed asynctimerchan
// (internal/godebugs/table.go: Removed: 27).
const settingRemoved = "go1.27"

// timerMode computes the mode of the pass's package. It reads the
// package's go.mod (from pass.Module, or found by walking up from the
// package's files) and, for a main package, its //go:debug directives.
func timerMode(pass *analysis.Pass) *mode {
	m := &mode{}
	if tv := contract.Default().Version; tv != "" && contract.CompareVersions(tv, settingRemoved) >= 0 {
		m.removed = tv
	}
	gomod := ""
	if pass.Module != nil {
		gomod = pass.Module.GoMod
		m.goLine = strings.TrimPrefix(pass.Module.GoVersion, "go")
	}
	if gomod == "" {
		gomod = findGoMod(pass)
	}
	debug := map[string]string{}
	var file *modfile.File
	if gomod != "" {
		if data, err := os.ReadFile(gomod); err == nil {
			file, _ = modfile.ParseLax(gomod, data, nil)
		}
	}
	if file != nil {
		m.goLine = "1.16" // the go command's assumption for a go.mod without a go line
		if file.Go != nil {
			m.goLine = file.Go.Version
		}
		// ParseLax drops godebug lines; read them from the syntax.
		for _, stmt := range file.Syntax.Stmt {
			switch x := stmt.(type) {
			case *modfile.Line:
				if len(x.Token) == 2 && x.Token[0] == "godebug" {
					addDebug(debug, x.Token[1], "godebug %s in go.mod")
				}
			case *modfile.LineBlock:
				if len(x.Token) == 1 && x.Token[0] == "godebug" {
					for _, l := range x.Line {
						if len(l.Token) == 1 {
							addDebug(debug, l.Token[0], "godebug %s in go.mod")
						}
					}
				}
			}
		}
	}
	if v, _, ok := explicit(debug); ok {
		m.ownSetting = v
	}
	if !analysisutil.IsMain(pass) || file == nil {
		return m
	}
	for _, f := range pass.Files {
		if analysisutil.IsTestFile(pass, f.Pos()) {
			continue
		}
		for _, d := range goDebugDirectives(f) {
			addDebug(debug, d, "//go:debug %s")
		}
	}
	m.main = true
	if m.removed != "" {
		m.setting, m.why = "0", "your toolchain "+m.removed+", which no longer has asynctimerchan,"
		return m
	}
	if v, why, ok := explicit(debug); ok {
		m.setting, m.why = v, why
		return m
	}
	m.setting, m.why = "0", "go.mod go "+m.goLine
	if contract.CompareVersions("go"+m.goLine, "go1.23") < 0 {
		m.setting = "1"
	}
	return m
}

// explicit returns the asynctimerchan value that godebug settings choose,
// and where: an asynctimerchan key, else a default=go1.N key.
func explicit(debug map[string]string) (value, why string, ok bool) {
	if v, ok := debug[setting]; ok {
		value, why, _ = strings.Cut(v, "\x00")
		return value, why, true
	}
	if v, ok := debug["default"]; ok {
		ver, why, _ := strings.Cut(v, "\x00")
		if contract.CompareVersions(ver, "go1.23") < 0 {
			return "1", why, true
		}
		return "0", why, true
	}
	return "", "", false
}

// addDebug records key=value with a description of where it was set;
// later settings override earlier ones, as in cmd/go.
func addDebug(debug map[string]string, kv, where string) {
	k, v, ok := strings.Cut(kv, "=")
	if !ok {
		return
	}
	debug[strings.TrimSpace(k)] = strings.TrimSpace(v) + "\x00" + strings.Replace(where, "%s", kv, 1)
}

// goDebugDirectives returns the key=value text of the //go:debug lines
// above f's package clause.
func goDebugDirectives(f *ast.File) []string {
	var out []string
	for _, cg := range f.Comments {
		if cg.Pos() >= f.Package {
			break
		}
		for _, c := range cg.List {
			if rest, ok := strings.CutPrefix(c.Text, "//go:debug "); ok {
				out = append(out, strings.TrimSpace(rest))
			}
		}
	}
	return out
}

// findGoMod walks up from the package's files to the nearest go.mod.
func findGoMod(pass *analysis.Pass) string {
	for _, f := range pass.Files {
		name := pass.Fset.File(f.Pos()).Name()
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		for dir := filepath.Dir(name); ; {
			p := filepath.Join(dir, "go.mod")
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return ""
}
