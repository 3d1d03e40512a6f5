package main_test

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"

	"github.com/rtlint/rtlint/internal/testutil"
)

// releaseVersion is the current release as docs/release.md states it.
func releaseVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.Root(), "docs", "release.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`\*\*The current release is (v\d+\.\d+\.\d+)\*\*`).FindSubmatch(b)
	if m == nil {
		t.Fatal("docs/release.md does not say which release is current")
	}
	return string(m[1])
}

// snippet returns the fenced block that follows "<!-- snippet:name -->" in
// the document doc (relative to the repository root).
func snippet(t *testing.T, doc, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.Root(), doc))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- snippet:"+name+" -->\n")
	if !ok {
		t.Fatalf("%s has no snippet %q", doc, name)
	}
	_, rest, _ = strings.Cut(rest, "\n") // the opening fence
	body, _, ok := strings.Cut(rest, "\n```\n")
	if !ok {
		t.Fatalf("%s: snippet %q is not closed", doc, name)
	}
	return body + "\n"
}

// TestSnippetVersions checks that every install route the docs give names
// the current release, the one docs/release.md says the release process
// tags, and never @latest (there is nothing to resolve before publication).
func TestSnippetVersions(t *testing.T) {
	want := releaseVersion(t)
	docs, _ := filepath.Glob(filepath.Join(testutil.Root(), "docs", "*.md"))
	docs = append(docs, filepath.Join(testutil.Root(), "README.md"), filepath.Join(testutil.Root(), ".pre-commit-hooks.yaml"))
	pinned := regexp.MustCompile(`github\.com/rtlint/rtlint[\w/]*@(\S+?)[\s"'` + "`" + `)]|rev: (\S+)|^\s+version: (v0\S*)`)
	n := 0
	for _, doc := range docs {
		f, err := os.Open(doc)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			for _, m := range pinned.FindAllStringSubmatch(sc.Text(), -1) {
				v := m[1] + m[2] + m[3]
				n++
				if v != want && !strings.HasPrefix(v, "vX.Y.Z") && v != "v0.0.0" { // v0.0.0: the placeholder a replace directive needs
					t.Errorf("%s:%d names rtlint %s, not the current release %s: %s", filepath.Base(doc), line, v, want, sc.Text())
				}
			}
		}
		f.Close()
	}
	if n < 5 {
		t.Errorf("only %d pinned versions found: the pattern no longer matches the docs", n)
	}
}

// fakeRelease serves this working tree as rtlint's current release from a
// file:// module proxy, zipped with golang.org/x/mod/zip as the module
// proxy serves a release (the module path and go.mod as published, the
// zip's file set: nested modules under testdata left out). It returns the
// environment for the go command: that proxy first, then the local module
// cache and the configured proxy for dependencies, a module cache and a
// GOPATH of the test's own (so that the fake version never enters the
// real ones).
func fakeRelease(t *testing.T) []string {
	t.Helper()
	version := releaseVersion(t)
	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	dir := filepath.Join(proxy, "github.com", "rtlint", "rtlint", "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := modzip.CreateFromDir(zf, module.Version{Path: "github.com/rtlint/rtlint", Version: version}, testutil.Root()); err != nil {
		t.Fatalf("zipping the module: %v", err)
	}
	zf.Close()
	gomod, _ := os.ReadFile(filepath.Join(testutil.Root(), "go.mod"))
	info, _ := json.Marshal(map[string]any{"Version": version, "Time": time.Now().UTC().Format(time.RFC3339)})
	for name, data := range map[string][]byte{"list": []byte(version + "\n"), version + ".mod": gomod, version + ".info": info} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+","+localProxy(t),
		"GONOSUMDB=github.com/rtlint/rtlint", // this fake release is not in the checksum database
		"GOMODCACHE="+filepath.Join(tmp, "modcache"),
		"GOPATH="+filepath.Join(tmp, "gopath"),
		"GOFLAGS=-modcacherw", "GOWORK=off", "GOBIN=",
	)
}

// userModule copies the integration module (findings in findings/) to a
// new directory with a go.mod of its own.
func userModule(t *testing.T) string {
	t.Helper()
	user := filepath.Join(t.TempDir(), "user")
	copyDir(t, integrationDir(), user)
	if err := os.WriteFile(filepath.Join(user, "go.mod"), []byte("module example.com/user\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return user
}

// sh runs script with bash -e in dir.
func sh(t *testing.T, dir string, env []string, script string) result {
	t.Helper()
	cmd := exec.Command("bash", "-e", "-c", script)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	if exit, ok := err.(*exec.ExitError); ok {
		r.code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

// wantFindings checks that out holds the integration module's lockthread
// finding, cited.
func wantFindings(t *testing.T, what string, r result) {
	t.Helper()
	out := r.stdout + r.stderr
	line := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "findings.go:24:2: lockthread: runtime.LockOSThread without a deferred") {
			line = strings.TrimSpace(l)
		}
	}
	if line == "" || !citation.MatchString(line) {
		t.Errorf("%s: no cited lockthread finding (exit %d)\n%s", what, r.code, out)
	}
}

// TestSnippets runs the install and run commands of README.md and
// docs/install.md and docs/integrations.md as written: the checkout routes
// on this working tree, the release routes on this working tree served as
// the current release (see fakeRelease). Only the repository URL of `git
// clone` is replaced, by a local clone's.
func TestSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("installs rtlint and runs the go command; skipped with -short")
	}
	t.Run("README", func(t *testing.T) {
		// The first line of the README, run in a snapshot of the checkout.
		readme, _ := os.ReadFile(filepath.Join(testutil.Root(), "README.md"))
		_, rest, _ := strings.Cut(string(readme), "```sh\n")
		first, _, _ := strings.Cut(rest, "\n")
		first, _, _ = strings.Cut(first, "   #")
		checkout := filepath.Join(t.TempDir(), "rtlint")
		snapshot(t, testutil.Root(), checkout)
		copyDir(t, filepath.Join(testutil.Root(), "example"), filepath.Join(checkout, "example"))
		env := append(os.Environ(), "GOPATH="+t.TempDir(), "GOMODCACHE="+goEnv(t, "GOMODCACHE"), "GOBIN=", "GOFLAGS=-modcacherw")
		r := sh(t, checkout, env, first)
		if r.code != 3 || !strings.Contains(r.stderr, "pool/pool.go:") || !citation.MatchString(strings.Split(strings.TrimSpace(r.stderr), "\n")[0]) {
			t.Errorf("%s: exit %d, want 3 with cited findings on the example\n%s", first, r.code, r.stderr)
		}
	})
	t.Run("install-release", func(t *testing.T) {
		env := fakeRelease(t)
		r := sh(t, t.TempDir(), env, snippet(t, "docs/install.md", "install-release"))
		if r.code != 0 || !strings.HasPrefix(r.stdout, "rtlint "+releaseVersion(t)+", built with go") {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		user := userModule(t)
		wantFindings(t, "rtlint ./...", sh(t, user, env, `"$(go env GOPATH)/bin/rtlint" ./...`))
		r = sh(t, user, env, snippet(t, "docs/install.md", "vet"))
		if r.code == 0 {
			t.Errorf("go vet found nothing\n%s", r.stderr)
		}
		wantFindings(t, "go vet", r)
	})
	t.Run("install-checkout", func(t *testing.T) {
		// git clone of a local clone of this working tree.
		git := need(t, "git", "apt-get install -y git")
		origin := filepath.Join(t.TempDir(), "rtlint")
		snapshot(t, testutil.Root(), origin)
		gitEnv := append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t.invalid", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t.invalid", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
		if r := sh(t, origin, gitEnv, git+" init -q && "+git+" add -A && "+git+" commit -q -m snapshot"); r.code != 0 {
			t.Fatalf("git: %s", r.stderr)
		}
		script := strings.Replace(snippet(t, "docs/install.md", "install-checkout"), "https://github.com/rtlint/rtlint", origin, 1)
		env := append(gitEnv, "GOPATH="+t.TempDir(), "GOMODCACHE="+goEnv(t, "GOMODCACHE"), "GOBIN=", "GOFLAGS=-modcacherw")
		r := sh(t, t.TempDir(), env, script)
		// A build in a git checkout is stamped with a pseudo-version.
		if r.code != 0 || !regexp.MustCompile(`^rtlint (\(devel\)|v0\.0\.0-\d{14}-[0-9a-f]{12}), built with go`).MatchString(r.stdout) {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("tool-release", func(t *testing.T) {
		env := fakeRelease(t)
		user := userModule(t)
		r := sh(t, user, env, snippet(t, "docs/install.md", "tool-release"))
		if r.code == 0 {
			t.Errorf("the go vet line of the snippet found nothing\n%s", r.stderr)
		}
		wantFindings(t, "go tool rtlint / go vet", r)
		mod, _ := os.ReadFile(filepath.Join(user, "go.mod"))
		if !strings.Contains(string(mod), "tool github.com/rtlint/rtlint/cmd/rtlint") || !strings.Contains(string(mod), "github.com/rtlint/rtlint "+releaseVersion(t)) {
			t.Errorf("go.mod after the snippet:\n%s", mod)
		}
		// SARIF from the module tool carries the release's version.
		r = sh(t, user, env, "go tool rtlint -sarif ./findings")
		var log struct {
			Runs []struct {
				Tool    struct{ Driver struct{ Version string } }
				Results []any
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || r.code != 0 || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
			t.Fatalf("go tool rtlint -sarif: exit %d, %v\n%s", r.code, err, r.stderr)
		}
		if v := log.Runs[0].Tool.Driver.Version; v != releaseVersion(t) {
			t.Errorf("SARIF driver version %q, want %s", v, releaseVersion(t))
		}
	})
	t.Run("tool-checkout", func(t *testing.T) {
		user := userModule(t)
		env := append(os.Environ(), "RTLINT_CHECKOUT="+testutil.Root(), "GOFLAGS=-modcacherw", "GOWORK=off", "GOPROXY="+localProxy(t))
		r := sh(t, user, env, snippet(t, "docs/install.md", "tool-checkout"))
		if r.code != 3 {
			t.Errorf("exit %d, want 3 (findings)", r.code)
		}
		wantFindings(t, "go tool rtlint", r)
	})
	t.Run("github-actions", func(t *testing.T) {
		// The workflow's run step, in the user's module.
		workflow := snippet(t, "docs/integrations.md", "github-actions")
		m := regexp.MustCompile(`(?m)^\s+- run: (go run \S+ -sarif \./\.\.\. > rtlint\.sarif)$`).FindStringSubmatch(workflow)
		if m == nil {
			t.Fatalf("no run step in the workflow:\n%s", workflow)
		}
		user := userModule(t)
		r := sh(t, user, fakeRelease(t), m[1])
		if r.code != 0 {
			t.Fatalf("%s: exit %d\n%s", m[1], r.code, r.stderr)
		}
		log, _ := os.ReadFile(filepath.Join(user, "rtlint.sarif"))
		validSARIF(t, sarifSchema(t), string(log))
	})
	t.Run("golangci-main", func(t *testing.T) {
		// The custom golangci-lint's main, as the plugin test builds it.
		built, err := os.ReadFile(filepath.Join(testutil.Testdata(), "golangci", "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		if doc := snippet(t, "docs/integrations.md", "golangci-main"); doc != string(built) {
			t.Errorf("docs/integrations.md's main differs from testdata/golangci/main.go, which the plugin test builds:\n%s", doc)
		}
	})
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// TestReadme keeps README.md the front page: under 10 KB, its first lines
// the two commands a newcomer needs (install and run; the test suite),
// each link to docs/ pointing at a file that exists.
func TestReadme(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testutil.Root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= 10*1024 {
		t.Errorf("README.md is %d bytes; the manuals belong in docs/", len(b))
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 5 || lines[2] != "```sh" || !strings.Contains(lines[3], "go install ./cmd/rtlint") || !strings.HasPrefix(lines[4], "./test.sh") {
		t.Errorf("README.md does not open with the install-and-run and test commands:\n%s", strings.Join(lines[:min(6, len(lines))], "\n"))
	}
	for _, m := range regexp.MustCompile(`\]\(((?:docs/|bench/|CONTRIBUTING)[^)#]*)`).FindAllStringSubmatch(string(b), -1) {
		if _, err := os.Stat(filepath.Join(testutil.Root(), m[1])); err != nil {
			t.Errorf("README.md links to %s: %v", m[1], err)
		}
	}
}
