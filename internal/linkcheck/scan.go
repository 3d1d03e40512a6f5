package linkcheck

import (
	"bytes"
	"errors"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// loaderFile holds blockedLinknames and Loader.checkLinkname (Go 1.23+).
const loaderFile = "cmd/link/internal/loader/loader.go"

// build1 scans target.GOROOT/src once: every non-test Go file of std for
// //go:linkname directives and top-level definitions, every assembly file
// for TEXT and GLOBL symbols, each filtered by the target's build context,
// and the linker's blockedLinknames.
func build1(t Target) *Index {
	ix := &Index{target: t, LoaderFile: loaderFile, syms: make(map[string]*def)}
	if t.GOROOT == "" {
		ix.Err = errors.New("no GOROOT")
		return ix
	}
	if t.Version == "" {
		t.Version = readVersion(t.GOROOT)
		ix.target.Version = t.Version
	}
	if err := ix.readLoader(); err != nil {
		ix.Err = err
		return ix
	}
	if err := ix.scanStd(); err != nil {
		ix.Err = err
	}
	ix.readIntrinsics()
	return ix
}

var aliasCall = regexp.MustCompile(`\balias\("([^"]+)", "([^"]+)",`)

// readIntrinsics records the functions the compiler replaces by
// intrinsics through an alias by package and local name: sync's
// runtime_LoadAcquintptr, a pull that leaves no reference to check.
func (ix *Index) readIntrinsics() {
	src, err := os.ReadFile(filepath.Join(ix.target.GOROOT, "src", "cmd", "compile", "internal", "ssagen", "intrinsics.go"))
	if err != nil {
		return
	}
	ix.intrinsics = map[string]bool{}
	for _, m := range aliasCall.FindAllSubmatch(src, -1) {
		ix.intrinsics[string(m[1])+"."+string(m[2])] = true
	}
}

func readVersion(goroot string) string {
	b, err := os.ReadFile(filepath.Join(goroot, "VERSION"))
	if err != nil {
		return ""
	}
	v, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(v)
}

// context returns the go/build context that selects the target's files.
func (t Target) context() build.Context {
	c := build.Default
	c.GOROOT = t.GOROOT
	c.GOOS, c.GOARCH = t.GOOS, t.GOARCH
	c.CgoEnabled = t.CgoEnabled
	c.GOPATH = ""
	c.Dir = ""
	if minor, ok := goMinor(t.Version); ok {
		c.ReleaseTags = nil
		for i := 1; i <= minor; i++ {
			c.ReleaseTags = append(c.ReleaseTags, "go1."+strconv.Itoa(i))
		}
	}
	return c
}

// goMinor returns N for "go1.N", "go1.N.P", "go1.Nrc1", "devel go1.N-...".
func goMinor(v string) (int, bool) {
	i := strings.Index(v, "go1.")
	if i < 0 {
		return 0, false
	}
	s := v[i+4:]
	j := 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(s[:j])
	return n, err == nil
}

var blockedEntry = regexp.MustCompile(`^\s*"([^"]+)"\s*:\s*\{([^}]*)\}`)

// readLoader reads blockedLinknames from the linker source and whether the
// linker checks linknames at all.
func (ix *Index) readLoader() error {
	src, err := os.ReadFile(filepath.Join(ix.target.GOROOT, "src", filepath.FromSlash(loaderFile)))
	if err != nil {
		// A GOROOT without cmd sources: decide by version alone, with
		// no block list.
		if minor, ok := goMinor(ix.target.Version); ok {
			ix.Lockdown = minor >= 23
			if !ix.Lockdown {
				return nil
			}
		}
		return fmt.Errorf("cannot read the linker's blockedLinknames: %v", err)
	}
	ix.Lockdown = bytes.Contains(src, []byte(") checkLinkname("))
	// Go 1.23 to 1.26 treat every named assembly symbol as pushed; Go
	// 1.27 checks the push on its Go declaration (through the ABI
	// wrapper) unless the target has no register ABI.
	check := src
	if i := bytes.Index(src, []byte(") checkLinkname(")); i >= 0 {
		check = src[i:]
		if j := bytes.Index(check, []byte("\n}\n")); j >= 0 {
			check = check[:j]
		}
	}
	ix.AsmPushed = !bytes.Contains(check, []byte("r.FromAssembly()")) || !ix.regabi()
	ix.StdOnlyPush = bytes.Contains(check, []byte("IsLinknameStd()"))
	lines := strings.Split(string(src), "\n")
	in := false
	for i, l := range lines {
		if !in {
			in = strings.HasPrefix(l, "var blockedLinknames = ")
			continue
		}
		if l == "}" {
			break
		}
		m := blockedEntry.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		d := ix.get(m[1])
		d.blocked, d.blockedAt, d.allowed = true, i+1, []string{}
		for _, q := range strings.Split(m[2], ",") {
			if q = strings.Trim(strings.TrimSpace(q), `"`); q != "" {
				d.allowed = append(d.allowed, q)
			}
		}
	}
	return nil
}

// regabi reports whether the target architecture uses ABI wrappers, read
// from internal/buildcfg (the architectures where regabiSupported is set).
func (ix *Index) regabi() bool {
	arches := []string{"amd64", "arm64", "loong64", "ppc64le", "ppc64", "riscv64", "s390x"}
	if src, err := os.ReadFile(filepath.Join(ix.target.GOROOT, "src", "internal", "buildcfg", "exp.go")); err == nil {
		lines := strings.Split(string(src), "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) == "regabiSupported = true" {
				for j := i - 1; j >= 0 && j >= i-3; j-- {
					if c := strings.TrimSpace(lines[j]); strings.HasPrefix(c, "case ") {
						arches = nil
						for _, q := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(c, "case "), ":"), ",") {
							arches = append(arches, strings.Trim(strings.TrimSpace(q), `"`))
						}
						break
					}
				}
				break
			}
		}
	}
	for _, a := range arches {
		if a == ix.target.GOARCH {
			return true
		}
	}
	return false
}

func (ix *Index) get(sym string) *def {
	d := ix.syms[sym]
	if d == nil {
		d = new(def)
		ix.syms[sym] = d
	}
	return d
}
