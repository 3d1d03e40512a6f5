package closeowner

import "testing"

type chanLogger struct{ lines chan string }

func (l *chanLogger) Warnf(s string) { l.lines <- s }

// Test files are not checked: a test stops its servers before the deferred
// close, and a panic there fails loudly.
func TestLogger(t *testing.T) {
	l := &chanLogger{lines: make(chan string, 10)}
	defer close(l.lines) // fine: a test
	for {
		select {
		case w := <-l.lines:
			if w == "done" {
				return
			}
		}
	}
}
