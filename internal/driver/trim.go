package driver

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The result cache is bounded as the go build cache is: an entry's
// modification time is the last time a run used it (refreshed at most once
// an hour), and Trim, run at the end of a standalone run at most once a
// day, removes the entries unused for longer than the maximum age, then,
// while the directory is larger than the maximum size, the least recently
// used ones. RTLINT_CACHE_MAXAGE (a Go duration, default 168h) and
// RTLINT_CACHE_MAXSIZE (bytes, with an optional KB, MB or GB suffix;
// default 1GB) change the bounds.
const (
	defaultMaxAge  = 7 * 24 * time.Hour
	defaultMaxSize = 1 << 30
	trimInterval   = 24 * time.Hour
	touchInterval  = time.Hour
	trimStamp      = "trim.txt"
)

// touch marks the entry at p used now, unless it was marked within the
// last hour.
func (c *Cache) touch(p string) {
	now := time.Now()
	if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > touchInterval {
		_ = os.Chtimes(p, now, now)
	}
}

// Limits returns the cache bounds from the environment, or an error naming
// the malformed variable.
func Limits() (maxAge time.Duration, maxSize int64, err error) {
	maxAge, maxSize = defaultMaxAge, defaultMaxSize
	if v := os.Getenv("RTLINT_CACHE_MAXAGE"); v != "" {
		if maxAge, err = time.ParseDuration(v); err != nil || maxAge <= 0 {
			return 0, 0, fmt.Errorf("RTLINT_CACHE_MAXAGE=%q: want a positive duration such as 72h", v)
		}
	}
	if v := os.Getenv("RTLINT_CACHE_MAXSIZE"); v != "" {
		if maxSize, err = parseSize(v); err != nil || maxSize <= 0 {
			return 0, 0, fmt.Errorf("RTLINT_CACHE_MAXSIZE=%q: want a size such as 512MB", v)
		}
	}
	return maxAge, maxSize, nil
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for suffix, m := range map[string]int64{"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30} {
		if n, ok := strings.CutSuffix(strings.ToUpper(s), suffix); ok {
			s, mult = n, m
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n * mult, err
}

// MaybeTrim trims the cache if it was not trimmed in the last day.
func (c *Cache) MaybeTrim() error {
	stamp := filepath.Join(c.dir, trimStamp)
	if fi, err := os.Stat(stamp); err == nil && time.Since(fi.ModTime()) < trimInterval {
		return nil
	}
	maxAge, maxSize, err := Limits()
	if err != nil {
		return err
	}
	if _, err := c.Trim(maxAge, maxSize, time.Now()); err != nil {
		return err
	}
	return os.WriteFile(stamp, []byte(time.Now().Format(time.RFC3339)+"\n"), 0o666)
}

// Trim removes the entries unused since now-maxAge, then the least
// recently used ones until the entries take at most maxSize bytes. It
// returns how many entries it removed.
func (c *Cache) Trim(maxAge time.Duration, maxSize int64, now time.Time) (int, error) {
	type entry struct {
		path string
		size int64
		used time.Time
	}
	var entries []entry
	var total int64
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Dir(filepath.Dir(p)) != c.dir {
			return err // entries live in c.dir/xx/key
		}
		fi, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		entries = append(entries, entry{p, fi.Size(), fi.ModTime()})
		total += fi.Size()
		return nil
	})
	if err != nil {
		return 0, err
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.used.Compare(b.used) })
	removed := 0
	for _, e := range entries {
		if now.Sub(e.used) <= maxAge && total <= maxSize {
			break // the rest are newer
		}
		if os.Remove(e.path) == nil {
			removed++
			total -= e.size
		}
	}
	return removed, nil
}
