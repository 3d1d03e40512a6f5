package contract

import (
	"fmt"
	"regexp"
	"strings"
)

// ResolveLines returns the 1-based line of c's anchor in a file's lines,
// following the resolution rule: the declaration named by c.Func with its
// doc comment is the scope and the Occurrence-th line containing c.Anchor is
// the answer; then c.FallbackFuncs, then c.FallbackAnchors in those scopes,
// then the whole file, but only where the anchor is unique there.
func ResolveLines(lines []string, c *Contract) (int, error) {
	occ := c.Occurrence
	if occ <= 0 {
		occ = 1
	}
	scopes := append([]string{c.Func}, c.FallbackFuncs...)
	for _, decl := range scopes {
		if line, ok := find(lines, decl, c.Anchor, occ); ok {
			return line, nil
		}
	}
	for _, decl := range scopes {
		for _, a := range c.FallbackAnchors {
			if line, ok := find(lines, decl, a, 1); ok {
				return line, nil
			}
		}
	}
	for _, a := range append([]string{c.Anchor}, c.FallbackAnchors...) {
		if line, ok := unique(lines, a); ok {
			return line, nil
		}
	}
	where := "the file"
	if c.Func != "" {
		where = c.Func
	}
	return 0, fmt.Errorf("anchor %q not found in %s of %s", c.Anchor, where, c.File)
}

// Resolve is ResolveLines on a file's text, for one declaration and anchor.
func Resolve(src string, decl, anchor string, occurrence int) (int, error) {
	return ResolveLines(strings.Split(src, "\n"), &Contract{Func: decl, Anchor: anchor, Occurrence: occurrence, File: "input"})
}

func find(lines []string, decl, anchor string, occ int) (int, bool) {
	if anchor == "" {
		return 0, false
	}
	start, end, ok := Scope(lines, decl)
	if !ok {
		return 0, false
	}
	n := 0
	for i := start; i <= end && i < len(lines); i++ {
		if strings.Contains(lines[i], anchor) {
			n++
			if n == occ {
				return i + 1, true
			}
		}
	}
	return 0, false
}

func unique(lines []string, anchor string) (int, bool) {
	if anchor == "" {
		return 0, false
	}
	found := 0
	for i, l := range lines {
		if strings.Contains(l, anchor) {
			if found != 0 {
				return 0, false
			}
			found = i + 1
		}
	}
	return found, found != 0
}

// Scope returns the 0-based inclusive line range of a declaration and its
// doc comment. decl is "" (whole file), "F" (func), "T.M" (method),
// "type T", "var V" or "const C".
func Scope(lines []string, decl string) (start, end int, ok bool) {
	if decl == "" || decl == "(file)" {
		return 0, len(lines) - 1, len(lines) > 0
	}
	re, err := declPattern(decl)
	if err != nil {
		return 0, 0, false
	}
	for i, l := range lines {
		if !re.MatchString(l) {
			continue
		}
		start = i
		for start > 0 && strings.HasPrefix(lines[start-1], "//") {
			start--
		}
		end = i
		if opens(l) {
			for j := i + 1; j < len(lines); j++ {
				if strings.HasPrefix(lines[j], "}") || strings.HasPrefix(lines[j], ")") {
					end = j
					break
				}
				end = j
			}
		}
		return start, end, true
	}
	return 0, 0, false
}

var identRE = regexp.MustCompile(`^[\p{L}_][\p{L}\p{Nd}_]*$`)

func declPattern(decl string) (*regexp.Regexp, error) {
	kind, name, hasKind := strings.Cut(decl, " ")
	if hasKind {
		switch kind {
		case "type", "var", "const":
			if !identRE.MatchString(name) {
				return nil, fmt.Errorf("bad declaration %q", decl)
			}
			return regexp.Compile(`^` + kind + ` ` + name + `\b`)
		}
		return nil, fmt.Errorf("bad declaration %q", decl)
	}
	if recv, meth, isMethod := strings.Cut(decl, "."); isMethod {
		if !identRE.MatchString(recv) || !identRE.MatchString(meth) {
			return nil, fmt.Errorf("bad declaration %q", decl)
		}
		return regexp.Compile(`^func \((?:[\p{L}_][\p{L}\p{Nd}_]* )?\*?` + recv + `(?:\[[^\]]*\])?\) ` + meth + `[(\[]`)
	}
	if !identRE.MatchString(decl) {
		return nil, fmt.Errorf("bad declaration %q", decl)
	}
	return regexp.Compile(`^func ` + decl + `[(\[]`)
}

// opens reports whether a declaration line leaves a bracket open, so that
// the declaration runs to the next line starting with '}' or ')'.
func opens(line string) bool {
	depth := 0
	var quote byte
	code := line
	for i := 0; i < len(line); i++ {
		b := line[i]
		if quote != 0 {
			if b == '\\' && quote != '`' {
				i++ // skip the escaped byte
			} else if b == quote {
				quote = 0
			}
			continue
		}
		switch b {
		case '"', '\'', '`':
			quote = b
		case '/':
			if i+1 < len(line) && line[i+1] == '/' {
				code = line[:i]
				i = len(line)
			}
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			depth--
		}
	}
	return depth > 0 || strings.HasSuffix(strings.TrimSpace(code), ",")
}
