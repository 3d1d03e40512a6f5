package driver

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/testutil"
)

// TestUnifiedDiff checks the diff -diff prints against patch(1): applied
// to the original, each diff must give the changed text exactly.
func TestUnifiedDiff(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		testutil.SkipUnlessCI(t, "no patch program")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var lines []string
	for i := range 60 {
		lines = append(lines, strings.Repeat("x", i%7)+" line "+string(rune('a'+i%26))+"\n")
	}
	before := strings.Join(lines, "")
	for i := range 200 {
		changed := append([]string(nil), lines...)
		for range 1 + rng.IntN(4) {
			j := rng.IntN(len(changed))
			switch rng.IntN(3) {
			case 0:
				changed[j] = "changed\n"
			case 1:
				changed = append(changed[:j], changed[j+1:]...)
			case 2:
				changed = append(changed[:j], append([]string{"inserted\n"}, changed[j:]...)...)
			}
		}
		after := strings.Join(changed, "")
		if i%10 == 0 {
			after = strings.TrimSuffix(after, "\n") // no final newline
		}
		d := unifiedDiff("f.go", before, after)
		if before == after {
			if d != "" {
				t.Fatalf("diff of equal texts: %q", d)
			}
			continue
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f.go"), []byte(before), 0o666); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("patch", "-p1", "--quiet")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("case %d: patch: %v\n%s\ndiff:\n%s", i, err, out, d)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "f.go"))
		if string(got) != after {
			t.Fatalf("case %d: patched text differs\ndiff:\n%s\ngot:\n%s\nwant:\n%s", i, d, got, after)
		}
	}
}
