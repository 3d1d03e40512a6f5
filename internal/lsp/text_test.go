package lsp

import (
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestPositions(t *testing.T) {
	src := []byte("package p\n\n// héllo 😀 x\nvar s = \"😀\"\n")
	for _, tc := range []struct {
		off  int
		want protocol.Position
	}{
		{0, protocol.Position{Line: 0, Character: 0}},
		{10, protocol.Position{Line: 1, Character: 0}},
		{strings.Index(string(src), "😀"), protocol.Position{Line: 2, Character: 9}},
		{strings.Index(string(src), " x"), protocol.Position{Line: 2, Character: 11}},
		{len(src), protocol.Position{Line: 4, Character: 0}},
	} {
		got := positionOf(src, tc.off)
		if got != tc.want {
			t.Errorf("positionOf(%d) = %+v, want %+v", tc.off, got, tc.want)
		}
		back, err := offsetOf(src, got)
		if err != nil || back != tc.off {
			t.Errorf("offsetOf(%+v) = %d, %v, want %d", got, back, err, tc.off)
		}
	}
	// A character past the end of the line clamps to it.
	if off, _ := offsetOf(src, protocol.Position{Line: 0, Character: 99}); off != 9 {
		t.Errorf("clamped offset %d, want 9", off)
	}
	d := &document{text: src}
	err := d.applyChange(protocol.TextDocumentContentChangeEvent{
		Range: &protocol.Range{Start: protocol.Position{Line: 2, Character: 9}, End: protocol.Position{Line: 2, Character: 11}},
		Text:  "🙂",
	})
	if err != nil || !strings.Contains(string(d.text), "héllo 🙂 x") {
		t.Errorf("range change: %q, %v", d.text, err)
	}
	for _, uri := range []string{"file:///tmp/a%20b/c.go", "file:///tmp/x.go"} {
		p, err := uriToPath(uri)
		if err != nil || pathToURI(p) != uri {
			t.Errorf("uri round trip %s -> %s -> %s (%v)", uri, p, pathToURI(p), err)
		}
	}
	if _, err := uriToPath("untitled:Untitled-1"); err == nil {
		t.Errorf("untitled: URI accepted")
	}
}

// TestEditInPlace: an edit of a document no analysis shares is made in
// its text, without a copy; one shared with an analysis's snapshot leaves
// the snapshot's text as it was.
func TestEditInPlace(t *testing.T) {
	s := &server{docs: map[string]*document{}}
	d := &document{text: make([]byte, 0, 64)}
	d.text = append(d.text, "package p\n\nvar x = 1\n"...)
	s.docs["/p.go"] = d
	before := &d.text[0]
	at := func(line, char int) protocol.Position {
		return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(char)}
	}
	change := func(from, to protocol.Position, text string) {
		t.Helper()
		if err := d.applyChange(protocol.TextDocumentContentChangeEvent{Range: &protocol.Range{Start: from, End: to}, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	change(at(2, 8), at(2, 9), "12345") // grow
	change(at(2, 4), at(2, 5), "")      // shrink
	if string(d.text) != "package p\n\nvar  = 12345\n" || &d.text[0] != before {
		t.Errorf("in-place edits: %q, copied: %v", d.text, &d.text[0] != before)
	}

	snap := s.snapshotLocked()
	change(at(2, 4), at(2, 4), "y")
	if string(snap["/p.go"].text) != "package p\n\nvar  = 12345\n" || string(d.text) != "package p\n\nvar y = 12345\n" {
		t.Errorf("edit of a shared text: snapshot %q, document %q", snap["/p.go"].text, d.text)
	}
	s.releaseLocked(snap)
	if d.shared {
		t.Errorf("an edited document still shared after the analysis")
	}
	snap = s.snapshotLocked()
	s.releaseLocked(snap)
	if d.shared {
		t.Errorf("a document still shared after the analysis")
	}
}
