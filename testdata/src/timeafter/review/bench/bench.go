// Package bench is benchmark code: a starving timeout here is a
// review-tier observation.
package bench

import "time"

func Run(events <-chan int, flush func()) {
	for {
		select {
		case <-events:
		case <-time.After(time.Second): // want `time\.After in a loop starts a new timer on every iteration, so the timeout restarts whenever another case wins first`
			flush()
		}
	}
}
