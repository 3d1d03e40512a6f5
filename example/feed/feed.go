// Package feed polls upstream sources and fans their items out to
// subscribers. Like package pool, it carries the mistakes rtlint reports.
package feed

import (
	"context"
	"os"
	"time"
)

// An Item is one entry of a feed.
type Item struct{ Title string }

// A Poller fetches a source on demand and fans its items out in batches.
type Poller struct {
	fetch   func(context.Context) ([]Item, error)
	refresh chan struct{}
	quit    chan struct{}
	Updates chan []Item
	items   chan Item
}

// NewPoller starts polling and returns the poller.
func NewPoller(fetch func(context.Context) ([]Item, error)) *Poller {
	p := &Poller{fetch: fetch, refresh: make(chan struct{}), quit: make(chan struct{}), Updates: make(chan []Item, 16), items: make(chan Item)}
	go p.loop()
	go p.batch()
	return p
}

// Refresh asks for a poll now.
func (p *Poller) Refresh() { p.refresh <- struct{}{} }

// loop polls on request.
func (p *Poller) loop() {
	for {
		select {
		case <-p.quit:
			return
		case <-p.refresh:
			p.poll()
		}
	}
}

// batch collects items and sends them on every 30 seconds, with a fresh
// timer on every iteration: while items keep coming, the 30 seconds never
// pass and no batch is ever sent (timeafter).
func (p *Poller) batch() {
	var pending []Item
	for {
		select {
		case <-p.quit:
			return
		case it := <-p.items:
			pending = append(pending, it)
		case <-time.After(30 * time.Second):
			p.Updates <- pending
			pending = nil
		}
	}
}

func (p *Poller) poll() {
	items, _ := p.fetch(context.Background())
	for _, it := range items {
		p.items <- it
	}
}

// Stop ends polling. With Close below, a caller that calls both (a
// shutdown hook and a deferred Close) panics on the second close
// (doubleclose).
func (p *Poller) Stop() {
	close(p.quit)
}

// Close also ends polling.
func (p *Poller) Close() error {
	close(p.quit)
	return nil
}

// Archive writes each batch to its own file; the files stay open until
// every batch is written (deferloop).
func Archive(batches map[string][]Item) error {
	for name, items := range batches {
		f, err := os.Create(name)
		if err != nil {
			return err
		}
		defer f.Close()
		for _, it := range items {
			if _, err := f.WriteString(it.Title + "\n"); err != nil {
				return err
			}
		}
	}
	return nil
}
