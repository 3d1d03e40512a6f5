// Package worker leaks goroutines in the ways the rtlint leaks tests look
// for. Each blocking line carries a LEAK: marker and each go statement a
// GO: marker that the tests find the line numbers by.
package worker

import (
	"context"
	"errors"
	"net"
	"sync"

	leaksdep "example.com/leaksdep"
)

// Gate holds the abandoned senders back until their callers have given
// up, so that every one of them is abandoned.
var Gate = make(chan struct{})

func compute() int {
	<-Gate
	return 1
}

// Fetch abandons its sender when ctx is done first.
func Fetch(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { // GO:sender
		ch <- compute() // LEAK:sender
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Total is what the consumers added up.
var Total int

// Consume hands items to n consumers and never closes their channel.
func Consume(n int, items []int) {
	ch := make(chan int)
	var mu sync.Mutex
	for range n {
		go func() { // GO:consumer
			for v := range ch { // LEAK:consumer
				mu.Lock()
				Total += v
				mu.Unlock()
			}
		}()
	}
	for _, it := range items {
		ch <- it
	}
}

// WaitAll runs the jobs and waits for one more than it starts.
func WaitAll(jobs []func()) {
	var wg sync.WaitGroup
	wg.Add(len(jobs) + 1)
	for _, j := range jobs {
		go func() {
			defer wg.Done()
			j()
		}()
	}
	go func() { // GO:waiter
		wg.Wait() // LEAK:waiter
	}()
}

var mu sync.Mutex

// Update forgets to unlock on failure.
func Update(fail bool) error {
	mu.Lock() // LEAK:mutex
	if fail {
		return errors.New("update failed")
	}
	mu.Unlock()
	return nil
}

// StartUpdaters starts n goroutines that call Update.
func StartUpdaters(n int) {
	for range n {
		go Update(false) // GO:mutex
	}
}

// Borrow starts n goroutines that take a token from p.
func Borrow(p *leaksdep.Pool, n int) {
	for range n {
		go func() { // GO:dep
			p.Get() // LEAK:dep
		}()
	}
}

// Serve accepts one connection on ln in a goroutine.
func Serve(ln net.Listener) {
	go func() { // GO:accept
		conn, err := ln.Accept() // LEAK:accept
		if err == nil {
			conn.Close()
		}
	}()
}
