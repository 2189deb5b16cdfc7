package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// TestHTMLSpanOffsetsCutTheMarkup checks, on HTML pages (UTF-8, and
// windows-1251 declared in a <meta>), that the spans of a document cover
// its raw bytes exactly once, in order, and that each span's raw bytes are
// the markup its text came from: read as HTML on their own, they give the
// span's text.
func TestHTMLSpanOffsetsCutTheMarkup(t *testing.T) {
	for _, name := range []string{"article.html", "cp1251-meta.html"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata/html", name)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			e, err := NewEngine(context.Background(), Options{Inputs: []string{path}, NoRepeat: true})
			if err != nil {
				t.Fatal(err)
			}
			var res *DocResult
			if err := e.Each(context.Background(), func(r *DocResult) error { res = r; return nil }); err != nil {
				t.Fatal(err)
			}
			if res == nil || res.Err != nil || len(res.Spans) < 5 {
				t.Fatalf("too few spans: %+v", res)
			}
			pos := 0
			for i, s := range res.Spans {
				if s.RawStart != pos || s.RawEnd < s.RawStart {
					t.Fatalf("span %d: raw [%d,%d), want start %d", i, s.RawStart, s.RawEnd, pos)
				}
				pos = s.RawEnd
				piece := raw[s.RawStart:s.RawEnd]
				d, err := corpus.DecodeHTML(piece, "", res.Encoding)
				tail := ""
				if errors.Is(err, corpus.ErrEmpty) && s.Reason == "boilerplate:hidden(html)" {
					// Hidden text only: a page needs visible text too.
					tail = " visible"
					d, err = corpus.DecodeHTML(append(slices.Clip(piece), "<p>visible</p>"...), "", res.Encoding)
				}
				if err != nil {
					t.Fatalf("span %d %q: decode %q: %v", i, s.Text, piece, err)
				}
				if got, want := strings.Join(strings.Fields(d.Text), " "), strings.Join(strings.Fields(s.Text), " ")+tail; got != want {
					t.Errorf("span %d: markup %q reads as %q, span text is %q", i, piece, got, want)
				}
			}
			if pos != len(raw) {
				t.Errorf("spans end at %d, file has %d bytes", pos, len(raw))
			}
		})
	}
}
