// Command fixrun exercises every loop shape deferloop fixes. Lines that
// start with "# " report how many resources were open at once, which the
// fixes are meant to change; every other line must stay the same.
package main

import (
	"fmt"
	"strings"
)

// pool tracks open resources.
type pool struct{ open, peak, closed int }

type res struct {
	p    *pool
	name string
}

func (p *pool) acquire(name string) *res {
	p.open++
	p.peak = max(p.peak, p.open)
	return &res{p, name}
}

func (r *res) Close() {
	r.p.open--
	r.p.closed++
}

func (p *pool) report(what string) {
	fmt.Printf("# %s: peak %d\n", what, p.peak)
	p.peak = 0
}

// upper reads each resource, closing it with a defer.
func upper(p *pool, names []string) (out []string) {
	for _, n := range names {
		r := p.acquire(n)
		defer r.Close()
		out = append(out, strings.ToUpper(r.name))
	}
	p.report("upper")
	return out
}

// grid has labels, breaks and continues that stay inside the body.
func grid(p *pool, rows [][]int) (sum int) {
	for i, row := range rows {
		r := p.acquire(fmt.Sprint("row", i))
		defer r.Close()
	Cells:
		for _, c := range row {
			switch {
			case c < 0:
				break Cells
			case c == 0:
				continue
			}
			sum += c
		}
	}
	p.report("grid")
	return sum
}

// firstOfEach opens in an inner loop that is left after one step.
func firstOfEach(p *pool, groups [][]string) (firsts []string) {
	for _, g := range groups {
		for _, n := range g {
			r := p.acquire(n)
			defer r.Close()
			firsts = append(firsts, r.name)
			break
		}
	}
	p.report("firstOfEach")
	return firsts
}

func count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n && yield(i); i++ {
		}
	}
}

// squares ranges over a function.
func squares(p *pool, n int) (out []int) {
	for i := range count(n) {
		r := p.acquire(fmt.Sprint(i))
		defer r.Close()
		out = append(out, i*i)
	}
	p.report("squares")
	return out
}

// trace records when each deferred call runs relative to the loop. Its
// deferred literal appends to the function's result, so moving it into a
// per-iteration literal would change the result: no fix, and the output
// stays the same.
func trace(n int) (log []string) {
	for i := 0; i < n; i++ {
		defer func() { log = append(log, fmt.Sprint("deferred ", i)) }()
		log = append(log, fmt.Sprint("body ", i))
	}
	return log
}

func main() {
	p := &pool{}
	fmt.Println(upper(p, []string{"a", "b", "c"}))
	fmt.Println(grid(p, [][]int{{1, 2, -1, 5}, {0, 3}, {4}}))
	fmt.Println(firstOfEach(p, [][]string{{"x", "y"}, {"z"}, {"w", "v"}}))
	fmt.Println(squares(p, 4))
	fmt.Println("open", p.open, "closed", p.closed)
	fmt.Println("trace", trace(3))
}
