package lsp

import (
	"context"
	"time"
)

// scheduleLocked asks for dir to be analyzed after delay. A change pushes
// a pending analysis back (debounce: typing defers it); otherwise an
// analysis already due sooner stays due.
func (s *server) scheduleLocked(dir string, delay time.Duration, change bool) {
	at := time.Now().Add(delay)
	if t, ok := s.pending[dir]; ok && !change && t.Before(at) {
		at = t
	}
	s.pending[dir] = at
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// scheduleImportersLocked schedules the packages that import the one in
// dir, as of their last analysis: an unsaved edit of an imported package
// (which they see through the go command's overlay) can change what they
// compile to.
func (s *server) scheduleImportersLocked(dir string, delay time.Duration, change bool) {
	for importer, deps := range s.deps {
		if deps[dir] {
			s.scheduleLocked(importer, delay, change)
		}
	}
}

// loop analyzes pending packages, one at a time, until ctx is done.
func (s *server) loop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for ctx.Err() == nil {
		s.mu.Lock()
		now := time.Now()
		var due string
		var next time.Time
		for dir, at := range s.pending {
			if !at.After(now) {
				if due == "" || dir < due {
					due = dir
				}
			} else if next.IsZero() || at.Before(next) {
				next = at
			}
		}
		var snap map[string]*document
		if due != "" {
			delete(s.pending, due)
			snap = s.snapshotLocked()
		}
		s.mu.Unlock()

		if due != "" {
			s.analyze(ctx, due, snap)
			s.mu.Lock()
			s.releaseLocked(snap)
			s.mu.Unlock()
			continue
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = time.Until(next)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
		case <-s.wake:
		case <-timer.C:
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
}

// snapshotLocked returns the open documents as they are now, for an
// analysis. The texts are shared, not copied: an edit meanwhile copies.
func (s *server) snapshotLocked() map[string]*document {
	snap := make(map[string]*document, len(s.docs))
	for path, d := range s.docs {
		d.shared = true
		snap[path] = &document{uri: d.uri, version: d.version, text: d.text}
	}
	return snap
}

// releaseLocked ends an analysis's share of the documents' texts: the
// documents not edited meanwhile may be edited in place again.
func (s *server) releaseLocked(snap map[string]*document) {
	for path, then := range snap {
		if d := s.docs[path]; d != nil && sameText(d.text, then.text) {
			d.shared = false
		}
	}
}
