// Package spawn starts goroutines but uses no channel. What golifecycle
// could say here is that a goroutine's loop has no way out; with no
// channel, nothing in the package starts it once per event, so it is a
// review-tier observation (a daemon may be meant to run as long as the
// process), and outside review mode the package is not even modeled.
package spawn

import "time"

func probe(addr string) {}

// Poll starts a poller per address, each looping for ever: review tier (a
// fixed pool over a slice, no channel evidence), not a finding.
func Poll(addrs []string) {
	for _, a := range addrs {
		go func() {
			for {
				probe(a)
				time.Sleep(time.Second)
			}
		}()
	}
}

// PollOnce ends its loop after a few tries: fine.
func PollOnce(addrs []string) {
	for _, a := range addrs {
		go func() {
			for i := 0; ; i++ {
				if i == 3 {
					return // the loop has a way out
				}
				probe(a)
			}
		}()
	}
}

// Fire starts one goroutine per call, which ends when f returns: fine.
func Fire(f func()) {
	go f()
}
