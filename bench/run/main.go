// Command run times rtlint against go vet and staticcheck on the same
// packages on the same machine, alternating the tools run by run, and
// prints the median wall time, CPU time (user+system, children included)
// and peak resident memory of each, with the ratios the targets are
// stated in. It is the timing half of bench/bench.sh, which builds the
// binaries and prepares the modules.
//
// Peak RSS is the kernel's ru_maxrss for the process and its waited-for
// descendants: the largest single process of the tree (for go vet, the
// largest vet tool process, not the sum of those running at once).
//
// Cold runs start from an empty build cache (GOCACHE) and empty result
// caches; warm runs share one build cache, filled by a first run of every
// tool that is not counted. go vet caches its results per package in the
// build cache, staticcheck in its own, rtlint standalone in its own
// (RTLINT_CACHE): a warm run on unchanged code is mostly cache reads, as it
// is for users. rtlint-fresh and
// staticcheck-fresh run with the warm build cache and no result cache:
// the like-for-like comparison of analysis work.
//
// Usage:
//
//	run -rtlint BIN -staticcheck BIN [-runs 3] [-cold] [-tools ...] name=dir:pattern...
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

type sample struct {
	wall, cpu time.Duration
	rssKB     int64
	exit      int
}

type target struct{ name, dir, pattern string }

func main() {
	rtlint := flag.String("rtlint", "", "rtlint binary")
	staticcheck := flag.String("staticcheck", "", "staticcheck binary")
	runs := flag.Int("runs", 3, "warm runs per tool and target (the median is reported)")
	cold := flag.Bool("cold", false, "also time one run of each tool from empty caches")
	tools := flag.String("tools", "rtlint,vettool,govet,staticcheck,rtlint-fresh,staticcheck-fresh", "tools to time, comma-separated")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: run -rtlint BIN -staticcheck BIN [-runs N] [-cold] [-tools list] name=dir:pattern...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *rtlint == "" || *staticcheck == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var targets []target
	for _, arg := range flag.Args() {
		name, rest, ok1 := strings.Cut(arg, "=")
		dir, pattern, ok2 := strings.Cut(rest, ":")
		if !ok1 || !ok2 {
			fmt.Fprintf(os.Stderr, "run: %q is not name=dir:pattern\n", arg)
			os.Exit(2)
		}
		targets = append(targets, target{name, dir, pattern})
	}
	cmds := map[string]func(pattern string) []string{
		"rtlint":      func(p string) []string { return []string{*rtlint, p} },
		"vettool":     func(p string) []string { return []string{"go", "vet", "-vettool=" + *rtlint, p} },
		"govet":       func(p string) []string { return []string{"go", "vet", p} },
		"staticcheck": func(p string) []string { return []string{*staticcheck, p} },
		// staticcheck with the warm build cache but an empty result cache:
		// it analyzes, as rtlint standalone does on every run.
		"staticcheck-fresh": func(p string) []string { return []string{*staticcheck, p} },
		// rtlint with its result cache off: it analyzes every package.
		"rtlint-fresh": func(p string) []string { return []string{*rtlint, p} },
	}
	names := strings.Split(*tools, ",")
	for _, n := range names {
		if cmds[n] == nil {
			fmt.Fprintf(os.Stderr, "run: unknown tool %q\n", n)
			os.Exit(2)
		}
	}

	scratch, err := os.MkdirTemp("", "rtlint-bench")
	if err != nil {
		fmt.Fprintln(os.Stderr, "run:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(scratch)
	warmCache := filepath.Join(scratch, "gocache")
	warmSC := filepath.Join(scratch, "sccache")
	warmRT := filepath.Join(scratch, "rtcache")

	for _, t := range targets {
		fmt.Printf("== %s (%s in %s)\n", t.name, t.pattern, t.dir)
		results := map[string][]sample{}
		coldRes := map[string]sample{}
		if *cold {
			for _, n := range names {
				if strings.HasSuffix(n, "-fresh") {
					continue // the same as cold
				}
				gc, sc, rt := filepath.Join(scratch, "cold-go"), filepath.Join(scratch, "cold-sc"), filepath.Join(scratch, "cold-rt")
				for _, d := range []string{gc, sc, rt} {
					os.RemoveAll(d)
				}
				coldRes[n] = measure(t.dir, cmds[n](t.pattern), gc, sc, rt)
				for _, d := range []string{gc, sc, rt} {
					os.RemoveAll(d)
				}
				fmt.Printf("   cold %-11s %v\n", n, coldRes[n])
			}
		}
		for _, n := range names { // fill the warm caches; not counted
			if !strings.HasSuffix(n, "-fresh") {
				measure(t.dir, cmds[n](t.pattern), warmCache, warmSC, warmRT)
			}
		}
		for i := range *runs {
			for j := range names {
				n := names[(i+j)%len(names)] // alternate the order
				sc, rt := warmSC, warmRT
				switch n {
				case "staticcheck-fresh":
					sc = filepath.Join(scratch, "fresh-sc")
					os.RemoveAll(sc)
				case "rtlint-fresh":
					rt = "off"
				}
				s := measure(t.dir, cmds[n](t.pattern), warmCache, sc, rt)
				results[n] = append(results[n], s)
				fmt.Printf("   warm %-11s %v\n", n, s)
			}
		}
		w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(w, "tool\tcache\twall\tcpu\tpeak RSS\texit\t")
		med := map[string]sample{}
		for _, n := range names {
			if s, ok := coldRes[n]; ok {
				fmt.Fprintf(w, "%s\tcold\t%.1fs\t%.1fs\t%d MB\t%d\t\n", n, s.wall.Seconds(), s.cpu.Seconds(), s.rssKB/1024, s.exit)
			}
			m := median(results[n])
			med[n] = m
			fmt.Fprintf(w, "%s\twarm\t%.1fs\t%.1fs\t%d MB\t%d\t\n", n, m.wall.Seconds(), m.cpu.Seconds(), m.rssKB/1024, m.exit)
		}
		w.Flush()
		ratio := func(a, b string, cache map[string]sample, label string) {
			x, okx := cache[a]
			y, oky := cache[b]
			if !okx || !oky || y.wall == 0 || y.cpu == 0 || y.rssKB == 0 {
				return
			}
			fmt.Printf("   %s %s/%s: wall %.2f, cpu %.2f, rss %.2f\n", label, a, b,
				x.wall.Seconds()/y.wall.Seconds(), x.cpu.Seconds()/y.cpu.Seconds(), float64(x.rssKB)/float64(y.rssKB))
		}
		ratio("rtlint", "staticcheck", med, "warm")
		ratio("rtlint-fresh", "staticcheck-fresh", med, "warm build cache, no result cache:")
		ratio("vettool", "govet", med, "warm")
		ratio("rtlint", "staticcheck", coldRes, "cold")
		ratio("rtlint", "govet", coldRes, "cold")
		ratio("vettool", "govet", coldRes, "cold")
		fmt.Println()
	}
}

// measure runs argv in dir with the given caches and returns its figures.
func measure(dir string, argv []string, gocache, sccache, rtcache string) sample {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+gocache, "STATICCHECK_CACHE="+sccache, "RTLINT_CACHE="+rtcache)
	t0 := time.Now()
	err := cmd.Run() // output discarded
	s := sample{wall: time.Since(t0)}
	if cmd.ProcessState == nil {
		fmt.Fprintf(os.Stderr, "run: %s: %v\n", strings.Join(argv, " "), err)
		os.Exit(1)
	}
	s.exit = cmd.ProcessState.ExitCode()
	s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rssKB = ru.Maxrss
	}
	return s
}

func median(ss []sample) sample {
	if len(ss) == 0 {
		return sample{}
	}
	med := func(get func(sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = get(s)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return sample{
		wall:  time.Duration(med(func(s sample) float64 { return float64(s.wall) })),
		cpu:   time.Duration(med(func(s sample) float64 { return float64(s.cpu) })),
		rssKB: int64(med(func(s sample) float64 { return float64(s.rssKB) })),
		exit:  ss[0].exit,
	}
}

func (s sample) String() string {
	return fmt.Sprintf("wall %6.1fs  cpu %6.1fs  rss %5d MB  exit %d", s.wall.Seconds(), s.cpu.Seconds(), s.rssKB/1024, s.exit)
}
