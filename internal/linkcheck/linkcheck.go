// Package linkcheck predicts, from the source of a Go installation, whether
// the linker accepts a //go:linkname pull of a standard-library symbol.
//
// Since Go 1.23 the linker (cmd/link/internal/loader, Loader.checkLinkname)
// rejects a reference to a linknamed standard-library symbol unless its
// definition is itself marked: a one-argument //go:linkname in the defining
// package ("push"), a two-argument //go:linkname on a definition anywhere in
// std, or an assembly TEXT/GLOBL symbol; and a name listed in the map
// blockedLinknames may only be pulled by the packages listed there, pushed
// or not. Go 1.27 refined this: an assembly symbol counts as pushed only
// if its Go declaration is (on architectures with ABI wrappers), and
// //go:linknamestd pushes for standard-library pullers only. This package
// reads exactly those facts from $GOROOT/src for one GOOS/GOARCH, once per
// process, and answers per symbol; which rules apply is read from the
// linker's own source (Loader.checkLinkname), not from a version table.
//
// An Index is immutable once built; the only package-level state is the
// memo that maps a Target to its Index.
package linkcheck

import (
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// A Target is the Go installation and platform a verdict is computed for.
type Target struct {
	GOROOT string
	GOOS   string
	GOARCH string
	// Version is the toolchain's version ("go1.26.8"); it selects the
	// release build tags. Empty means: read $GOROOT/VERSION.
	Version string
	// CgoEnabled selects files that need cgo.
	CgoEnabled bool
}

func (t Target) String() string { return t.GOOS + "/" + t.GOARCH }

// memo maps a Target to its *lazyIndex. It is the package's only state: a
// concurrency-safe memo of immutable results.
var memo sync.Map

type lazyIndex struct {
	once sync.Once
	ix   *Index
}

// For returns the index of target, building it on first use. Concurrent
// callers for the same target wait for one build.
func For(t Target) *Index {
	v, _ := memo.LoadOrStore(t, new(lazyIndex))
	l := v.(*lazyIndex)
	l.once.Do(func() { l.ix = build1(t) })
	return l.ix
}

// DefaultTarget is the platform the user builds for with the given GOROOT
// and version: $GOOS/$GOARCH/$CGO_ENABLED as the go command exports them to
// vet tools, else what go/build defaults to.
func DefaultTarget(goroot, version string) Target {
	return Target{
		GOROOT:     goroot,
		Version:    version,
		GOOS:       build.Default.GOOS,
		GOARCH:     build.Default.GOARCH,
		CgoEnabled: build.Default.CgoEnabled,
	}
}

// Kind says why a pull links or does not.
type Kind int

const (
	// Unknown: the GOROOT source could not be read; no verdict.
	Unknown Kind = iota
	// NotStd: the symbol is not defined by a standard-library package; the
	// linker does not check it.
	NotStd
	// NoLockdown: this toolchain's linker predates the Go 1.23 check.
	NoLockdown
	// Blocked: the name is in blockedLinknames and the puller is not listed.
	Blocked
	// BlockedAllowed: the name is in blockedLinknames and the puller is listed.
	BlockedAllowed
	// Pushed: a //go:linkname on the definition makes it pullable.
	Pushed
	// Assembly: the symbol is defined in assembly, which marks every named
	// symbol as linknamed.
	Assembly
	// NotPushed: the symbol is defined, without a push: the link fails.
	NotPushed
	// Undefined: no standard-library file for this target defines it.
	Undefined
	// NewVar: a pulled variable nobody defines; the pulling package's
	// declaration becomes the definition: a fresh zero variable.
	NewVar
	// StdOnly: pushed with //go:linknamestd, for std pullers only.
	StdOnly
	// AsmNotPushed: an assembly symbol whose Go declaration is not pushed,
	// refused since Go 1.27.
	AsmNotPushed
)

var kindNames = [...]string{"unknown", "not std", "no lockdown", "blocked", "blocked, puller allowed", "pushed", "assembly", "not pushed", "undefined", "new variable", "std only", "assembly, not pushed"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Verdict is the linker's predicted answer for one pull.
type Verdict struct {
	Symbol string // "runtime.nanotime"
	Pkg    string // the package the name belongs to: "runtime"
	Kind   Kind
	// Links reports whether a binary referencing the symbol links.
	Links bool
	// Where is the $GOROOT/src-relative file:line that decides: the push,
	// the assembly definition, the blockedLinknames entry, or the
	// unmarked definition.
	Where string
	// Compat is set for a push the standard library keeps only because
	// widely used packages pull the symbol (a "hall of shame" push).
	Compat bool
	// PushedFrom is the package whose source pushes the symbol, when it is
	// not Pkg (runtime pushes sync.runtime_Semacquire).
	PushedFrom string
	// Allowed lists the packages blockedLinknames lets pull the symbol.
	Allowed []string
	// IsVar is set when the symbol's definition is a variable.
	IsVar bool
}

// A def is what the index knows of one symbol.
type def struct {
	push      *site // first push found
	pushStd   *site // a //go:linknamestd push (Go 1.27+)
	asm       *site
	defined   *site // a Go definition (func, method or var)
	isVar     bool
	blocked   bool
	allowed   []string
	blockedAt int
}

// A pull is a two-argument //go:linkname on a function without body.
type pull struct {
	puller, local, sym string
	at                 *site
}

// A site is a place in $GOROOT/src.
type site struct {
	file   string // src-relative, slash-separated
	line   int
	pkg    string // package whose file this is
	compat bool   // hall-of-shame push
}

func (s *site) String() string { return fmt.Sprintf("%s:%d", s.file, s.line) }

// An Index holds what one GOROOT says about linkname pushes for one target.
type Index struct {
	target Target
	// Err is set when GOROOT could not be scanned; verdicts are then Unknown.
	Err error
	// Lockdown reports whether this toolchain's linker checks pulls.
	Lockdown bool
	// AsmPushed reports whether the linker treats every named assembly
	// symbol as pushed (Go 1.23 to 1.26, and architectures without ABI
	// wrappers); from Go 1.27 the Go declaration must be pushed.
	AsmPushed bool
	// StdOnlyPush reports whether the toolchain knows //go:linknamestd,
	// a push for standard-library pullers only (Go 1.27).
	StdOnlyPush bool
	// LoaderFile is the src-relative path of the linker file holding
	// blockedLinknames.
	LoaderFile string
	syms       map[string]*def
	stdPulls   []pull // std's own pulls, for tests
	intrinsics map[string]bool
	// Stats.
	Files, LinknameFiles, AsmFiles int
}

// Target returns the target the index was built for.
func (ix *Index) Target() Target { return ix.target }

// SplitSymbol splits a linker symbol name into its package path and the
// name within it: "internal/runtime/maps.fatal" → ("internal/runtime/maps",
// "fatal"); "runtime.(*mheap).alloc" → ("runtime", "(*mheap).alloc"). A name
// without a package ("_cgo_panic") yields pkg "".
func SplitSymbol(sym string) (pkg, name string) {
	slash := strings.LastIndex(sym, "/")
	dot := strings.Index(sym[slash+1:], ".")
	if dot < 0 {
		return "", sym
	}
	dot += slash + 1
	return sym[:dot], sym[dot+1:]
}

// IsStdPackage reports whether pkg is a package of this GOROOT's source
// tree (including cmd and vendored packages).
func (ix *Index) IsStdPackage(pkg string) bool { return IsStd(ix.target.GOROOT, pkg) }

// IsStd reports whether pkg is a package directory of goroot's source
// tree. It needs no index: one stat.
func IsStd(goroot, pkg string) bool {
	if pkg == "" || goroot == "" || strings.Contains(pkg, ":") || strings.HasPrefix(pkg, ".") || strings.Contains(pkg, "..") {
		return false
	}
	fi, err := os.Stat(filepath.Join(goroot, "src", filepath.FromSlash(pkg)))
	return err == nil && fi.IsDir()
}

// Check predicts whether the linker accepts a reference from package
// puller to symbol through a //go:linkname pull: of a function without
// body, or, if isVar, of a variable without initializer.
//
// The linker checks the references the pulling package itself makes: an
// exported pulled function that only other packages call escapes the
// check (their references do not carry the linkname mark), and an
// unreferenced pull is never checked. Callers judge that from the uses.
func (ix *Index) Check(puller, symbol string, isVar bool) Verdict {
	pkg, _ := SplitSymbol(symbol)
	v := Verdict{Symbol: symbol, Pkg: pkg}
	if ix.Err != nil {
		v.Kind = Unknown
		v.Links = true
		return v
	}
	d := ix.syms[symbol]
	if d != nil {
		v.IsVar = d.isVar
	}
	if !ix.Lockdown {
		v.Kind, v.Links = NoLockdown, true
		if d == nil || (d.defined == nil && d.asm == nil) {
			if ix.IsStdPackage(pkg) {
				v.Kind, v.Links = Undefined, isVar
				if isVar {
					v.Kind = NewVar
				}
			} else {
				v.Kind = NotStd
			}
		}
		return v
	}
	// Order as in Loader.checkLinkname: the block list first.
	if d != nil && d.blocked {
		v.Allowed = d.allowed
		v.Where = fmt.Sprintf("%s:%d", ix.LoaderFile, d.blockedAt)
		if allowedPuller(puller, d.allowed) {
			v.Kind, v.Links = BlockedAllowed, true
		} else {
			v.Kind, v.Links = Blocked, false
		}
		return v
	}
	if !ix.IsStdPackage(pkg) && (d == nil || (d.push == nil && d.asm == nil && d.defined == nil)) {
		v.Kind, v.Links = NotStd, true
		return v
	}
	stdPuller := IsStd(ix.target.GOROOT, puller)
	switch {
	case d != nil && d.asm != nil && d.asm.pkg == puller:
		// Assembly of the pulling package itself: "assembly reference
		// from same package" (internal/bytealg defines runtime.cmpstring).
		v.Kind, v.Links = Assembly, true
		v.Where = d.asm.String()
	case d != nil && d.asm != nil && (ix.AsmPushed || strings.HasPrefix(symbol, puller+".")):
		v.Kind, v.Links = Assembly, true
		v.Where = d.asm.String()
		if d.asm.pkg != pkg {
			v.PushedFrom = d.asm.pkg
		}
	case d != nil && d.pushStd != nil && stdPuller:
		v.Kind, v.Links = Pushed, true
		v.Where = d.pushStd.String()
		if d.pushStd.pkg != pkg {
			v.PushedFrom = d.pushStd.pkg
		}
	case d != nil && d.push != nil:
		v.Kind, v.Links = Pushed, true
		v.Where, v.Compat = d.push.String(), d.push.compat
		if d.push.pkg != pkg {
			v.PushedFrom = d.push.pkg
		}
	case d != nil && d.pushStd != nil:
		v.Kind, v.Links = StdOnly, false
		v.Where = d.pushStd.String()
		if d.pushStd.pkg != pkg {
			v.PushedFrom = d.pushStd.pkg
		}
	case d != nil && d.asm != nil:
		v.Kind, v.Links = AsmNotPushed, false
		v.Where = d.asm.String()
	case d != nil && d.defined != nil:
		v.Kind, v.Links = NotPushed, false
		v.Where = d.defined.String()
		if d.defined.pkg == puller {
			v.Links = true // a package may reference its own symbols
		}
	case isVar:
		// Loader.LoadSyms checks linknamed variable references against
		// the definition that wins; with none in std, the puller's own
		// zero-sized declaration is the definition.
		v.Kind, v.Links = NewVar, true
	default:
		v.Kind, v.Links = Undefined, false
	}
	return v
}

// Intrinsic reports whether the compiler turns calls of the function
// local of package pkg into an intrinsic (cmd/compile/internal/ssagen
// aliases such as sync.runtime_LoadAcquintptr): such a pull leaves no
// reference for the linker to check.
func (ix *Index) Intrinsic(pkg, local string) bool { return ix.intrinsics[pkg+"."+local] }

// A Def describes what the standard library defines under a symbol name.
type Def struct {
	Defined bool   // a Go or assembly definition exists for the target
	IsVar   bool   // the Go definition is a variable
	Where   string // file:line of the definition
}

// Lookup reports whether the symbol is defined for the target.
func (ix *Index) Lookup(symbol string) Def {
	d := ix.syms[symbol]
	if d == nil {
		return Def{}
	}
	switch {
	case d.defined != nil:
		return Def{Defined: true, IsVar: d.isVar, Where: d.defined.String()}
	case d.asm != nil:
		return Def{Defined: true, Where: d.asm.String()}
	}
	return Def{}
}

// allowedPuller mirrors the allow-list test of Loader.checkLinkname,
// including its treatment of the frozen crypto/internal/fips140/vX.Y.Z
// copies.
func allowedPuller(puller string, allowed []string) bool {
	for _, p := range allowed {
		if puller == p {
			return true
		}
		if strings.HasPrefix(puller, "crypto/internal/fips140/v") {
			parts := strings.Split(puller, "/")
			if len(parts) > 3 {
				parts = append(parts[:3], parts[4:]...)
				if strings.Join(parts, "/") == p {
					return true
				}
			}
		}
	}
	return false
}

// Pullable returns the sorted names of the symbols of package pkg that a
// package outside std can pull on this toolchain.
func (ix *Index) Pullable(pkg string) []string {
	var out []string
	for sym := range ix.syms {
		if p, _ := SplitSymbol(sym); p != pkg {
			continue
		}
		if v := ix.Check("main", sym, false); v.Links && v.Kind != NotStd {
			out = append(out, sym)
		}
	}
	sortStrings(out)
	return out
}
