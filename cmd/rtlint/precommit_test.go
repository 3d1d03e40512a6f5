package main_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/testutil"
)

// TestPreCommit installs the hook of .pre-commit-hooks.yaml with the real
// pre-commit into a temporary git repository of a Go module, configured
// and installed with the snippets of docs/integrations.md as written, and
// commits: a clean change passes, a change with a finding is blocked and
// the finding, with its citation, is shown.
//
// The hook repository is a snapshot of this working tree committed to a
// temporary git repository and tagged as the current release, so the test
// checks what would be pushed; only the repository URL of the documented
// configuration is replaced, by that repository's path.
// pre-commit builds the hook with the go command on PATH (language_version:
// system) and `go install ./...`; GOPROXY lists the local module cache
// first, so the build needs no network when the dependencies are there.
func TestPreCommit(t *testing.T) {
	preCommit := need(t, "pre-commit", "apt-get install -y pre-commit")
	git := need(t, "git", "apt-get install -y git")

	tmp := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		"GIT_AUTHOR_NAME=rtlint test", "GIT_AUTHOR_EMAIL=test@rtlint.invalid",
		"GIT_COMMITTER_NAME=rtlint test", "GIT_COMMITTER_EMAIL=test@rtlint.invalid",
		"GIT_CONFIG_GLOBAL="+filepath.Join(tmp, "gitconfig"), "GIT_CONFIG_NOSYSTEM=1",
		"GOPROXY="+localProxy(t),
	)
	sh := func(dir string, name string, args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out), code
	}
	must := func(dir string, name string, args ...string) string {
		t.Helper()
		out, code := sh(dir, name, args...)
		if code != 0 {
			t.Fatalf("%s %v: exit %d\n%s", name, args, code, out)
		}
		return out
	}

	// The hook repository: this working tree, without tests' data.
	hookRepo := filepath.Join(tmp, "rtlint")
	snapshot(t, testutil.Root(), hookRepo)
	must(hookRepo, git, "init", "-q")
	must(hookRepo, git, "add", "-A")
	must(hookRepo, git, "commit", "-q", "-m", "snapshot")
	must(hookRepo, git, "tag", releaseVersion(t))

	// The user's project.
	proj := filepath.Join(tmp, "project")
	os.MkdirAll(filepath.Join(proj, "clean"), 0o755)
	write := func(rel, text string) {
		if err := os.WriteFile(filepath.Join(proj, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/project\n\ngo 1.26\n")
	clean, _ := os.ReadFile(filepath.Join(integrationDir(), "clean", "clean.go"))
	write("clean/clean.go", string(clean))
	config := snippet(t, "docs/integrations.md", "pre-commit-config")
	if !strings.Contains(config, "https://github.com/rtlint/rtlint") {
		t.Fatalf("the documented configuration names no repository:\n%s", config)
	}
	write(".pre-commit-config.yaml", strings.Replace(config, "https://github.com/rtlint/rtlint", hookRepo, 1))
	must(proj, git, "init", "-q")
	install := strings.Fields(snippet(t, "docs/integrations.md", "pre-commit-install"))
	if len(install) != 2 || install[0] != "pre-commit" {
		t.Fatalf("the documented install step is not one pre-commit command: %q", install)
	}
	must(proj, preCommit, install[1:]...)

	must(proj, git, "add", "-A")
	out, code := sh(proj, git, "commit", "-m", "clean code")
	if code != 0 || !strings.Contains(out, "rtlint") || !strings.Contains(out, "Passed") {
		t.Fatalf("clean commit: exit %d, want it to pass the rtlint hook\n%s", code, out)
	}

	os.MkdirAll(filepath.Join(proj, "findings"), 0o755)
	findings, _ := os.ReadFile(filepath.Join(integrationDir(), "findings", "findings.go"))
	write("findings/findings.go", string(findings))
	must(proj, git, "add", "-A")
	out, code = sh(proj, git, "commit", "-m", "findings")
	if code == 0 || !strings.Contains(out, "Failed") {
		t.Fatalf("commit with findings: exit %d, want it blocked\n%s", code, out)
	}
	line := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "findings.go:24:2: lockthread: runtime.LockOSThread without a deferred") {
			line = l
		}
	}
	t.Logf("the blocked commit:\n%s", out)
	if line == "" || !citation.MatchString(strings.TrimSpace(line)) {
		t.Errorf("the blocked commit does not show the cited finding\n%s", out)
	}
	if log := must(proj, git, "log", "--oneline"); strings.Contains(log, "findings") {
		t.Errorf("the commit with findings went through:\n%s", log)
	}
}

// snapshot copies the module at root to dir: sources, go.mod, go.sum and
// the hook definition, without .git, testdata and nested modules.
func snapshot(t *testing.T, root, dir string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if rel != "." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && rel != "." {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if !d.Type().IsRegular() || d.Name() == ".git" {
			// In a git worktree .git is a file naming the repository: a
			// copy would make the snapshot's commit land on this branch.
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// localProxy is a GOPROXY that serves modules from the local module cache
// first, then from the configured proxy.
func localProxy(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOPROXY").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	proxy := "file://" + filepath.ToSlash(filepath.Join(lines[0], "cache", "download"))
	if len(lines) > 1 && lines[1] != "" && lines[1] != "off" {
		proxy += "," + lines[1]
	}
	return proxy
}
