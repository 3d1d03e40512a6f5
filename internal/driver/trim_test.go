package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTrim checks the result cache's bounds: entries unused for longer
// than the maximum age go first, then the least recently used until the
// size fits; recent entries within the size stay.
func TestTrim(t *testing.T) {
	dir := t.TempDir()
	c := &Cache{dir: dir}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	write := func(key string, size int, age time.Duration) string {
		p := c.path(key)
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := write("aa0000", 100, 8*24*time.Hour)
	lru := write("bb0000", 400, 2*time.Hour)
	mid := write("cc0000", 400, time.Hour)
	fresh := write("dd0000", 400, time.Minute)
	stamp := filepath.Join(dir, trimStamp)
	if err := os.WriteFile(stamp, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}

	removed, err := c.Trim(7*24*time.Hour, 1000, now)
	if err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if removed != 2 || exists(old) || exists(lru) || !exists(mid) || !exists(fresh) || !exists(stamp) {
		t.Errorf("removed %d: old %v, lru %v, mid %v, fresh %v, stamp %v; want the old and the least recently used gone",
			removed, exists(old), exists(lru), exists(mid), exists(fresh), exists(stamp))
	}

	// A read marks an entry used: it outlives an older unused one.
	if err := os.Chtimes(mid, now.Add(-3*time.Hour), now.Add(-3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	c.touch(mid)
	if removed, _ := c.Trim(7*24*time.Hour, 500, time.Now()); removed != 1 || !exists(mid) || exists(fresh) {
		t.Errorf("after a read of mid: removed %d, mid %v, fresh %v; want fresh (now least recently used) gone", removed, exists(mid), exists(fresh))
	}
}

func TestLimits(t *testing.T) {
	t.Setenv("RTLINT_CACHE_MAXAGE", "72h")
	t.Setenv("RTLINT_CACHE_MAXSIZE", "512MB")
	age, size, err := Limits()
	if err != nil || age != 72*time.Hour || size != 512<<20 {
		t.Errorf("Limits = %v, %d, %v", age, size, err)
	}
	for _, bad := range [][2]string{{"RTLINT_CACHE_MAXAGE", "soon"}, {"RTLINT_CACHE_MAXSIZE", "big"}, {"RTLINT_CACHE_MAXSIZE", "-1"}} {
		t.Run(bad[0]+"="+bad[1], func(t *testing.T) {
			t.Setenv(bad[0], bad[1])
			if _, _, err := Limits(); err == nil || !strings.Contains(err.Error(), bad[0]) {
				t.Errorf("Limits: %v, want an error naming %s", err, bad[0])
			}
		})
	}
}
