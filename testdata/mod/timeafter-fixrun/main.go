// Command fixrun exercises every loop shape timeafter fixes; its output
// must be the same before and after the fixes are applied.
package main

import (
	"fmt"
	"time"
	tm "time"
)

// drain receives until the channel stays quiet for d.
func drain(ch <-chan int, d time.Duration) []int {
	var got []int
	for {
		select {
		case v := <-ch:
			got = append(got, v)
		case <-time.After(d):
			return got
		}
	}
}

// restart shows that the timeout restarts with every event: events come
// every millisecond for a while, the timeout is much longer, and it fires
// only once the events stop.
func restart() (events int) {
	ch := make(chan int)
	go func() {
		for i := 0; i < 20; i++ {
			ch <- i
			time.Sleep(time.Millisecond)
		}
	}()
	for {
		select {
		case <-ch:
			events++
		case <-tm.After(300 * tm.Millisecond):
			return events
		}
	}
}

// labeled stops at the first timeout.
func labeled(ch <-chan int) (n int, stamp bool) {
Loop:
	for {
		select {
		case <-ch:
			n++
		case t := <-time.After(10 * time.Millisecond):
			stamp = !t.IsZero()
			break Loop
		}
	}
	return n, stamp
}

type config struct{ wait time.Duration }

// perItem sends each item or drops it after a timeout; the inner loop is
// left after one select, the outer loop repeats it.
func perItem(items []int, c config) (sent, dropped int) {
	out := make(chan int, 2)
	for _, it := range items {
		for {
			select {
			case out <- it:
				sent++
			case <-time.After(c.wait):
				dropped++
			}
			break
		}
	}
	return sent, dropped
}

// countdown waits with <-time.After in a loop.
func countdown(n int) int {
	steps := 0
	for n > 0 {
		<-time.After(time.Millisecond)
		n--
		steps++
	}
	return steps
}

// twoLoops has two timers in one function.
func twoLoops(a, b <-chan int) (x, y int) {
	for {
		select {
		case <-a:
			x++
			continue
		case <-time.After(5 * time.Millisecond):
		}
		break
	}
	for {
		select {
		case <-b:
			y++
			continue
		case <-time.After(5 * time.Millisecond):
		}
		break
	}
	return x, y
}

func filled(n int) chan int {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		ch <- i
	}
	return ch
}

func main() {
	fmt.Println("drain", drain(filled(5), 20*time.Millisecond))
	fmt.Println("restart", restart())
	fmt.Println(labeled(filled(3)))
	fmt.Println(perItem([]int{1, 2, 3, 4, 5}, config{wait: 5 * time.Millisecond}))
	fmt.Println("countdown", countdown(3))
	fmt.Println(twoLoops(filled(2), filled(4)))
	done := make(chan []int)
	go func() { done <- drain(filled(3), 10*time.Millisecond) }()
	fmt.Println("goroutine", <-done)
}
