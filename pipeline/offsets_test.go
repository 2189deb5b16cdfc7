package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/paraline/paraline/corpus"
)

// TestSpanOffsetsCutTheOriginal checks, on a windows-1251 page and a page
// with no-break spaces, that the spans of a document cover its raw bytes
// exactly once, in order, and that decoding and normalising the raw bytes
// between a span's offsets gives the span's text.
func TestSpanOffsetsCutTheOriginal(t *testing.T) {
	for _, name := range []string{"004_ru_cp1251.txt", "005_nbsp.txt", "001_flood_forecasting.txt"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata/site", name)
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
			if res == nil || res.Err != nil || len(res.Spans) == 0 {
				t.Fatalf("no spans: %+v", res)
			}
			pos := 0
			for i, s := range res.Spans {
				if s.RawStart != pos || s.RawEnd < s.RawStart {
					t.Fatalf("span %d: raw [%d,%d), want start %d", i, s.RawStart, s.RawEnd, pos)
				}
				pos = s.RawEnd
				d, err := corpus.DecodeNormalize(raw[s.RawStart:s.RawEnd], res.Encoding)
				if err != nil && !isBlank(s.Text) {
					t.Fatalf("span %d: decode: %v", i, err)
				}
				if err == nil && d.Text != s.Text {
					t.Errorf("span %d: raw bytes decode to %q, span text is %q", i, d.Text, s.Text)
				}
			}
			if pos != len(raw) {
				t.Errorf("spans end at %d, file has %d bytes", pos, len(raw))
			}
		})
	}
}
