package lang

import (
	"os"
	"path/filepath"
	"testing"
)

// elevenLangs are the languages of the high-accuracy measurement.
var elevenLangs = []string{"en", "ru", "de", "fr", "es", "it", "uk", "bg", "pl", "nl", "pt"}

// BenchmarkSegmentClassify measures detection, segmentation and
// classification of seed-like pages (testdata/page*.txt: an English article
// in English and Russian site boilerplate). "warm" reuses one Detector, as a
// run does; "cold" builds a Detector per iteration, so every word is scored
// anew (lingua-go's models stay loaded: they are shared by all detectors).
// "segment-only" leaves out Classify.
func BenchmarkSegmentClassify(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "page*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no testdata pages: %v", err)
	}
	var docs []string
	size := 0
	lc := NewLineCounter(1 << 16)
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(t))
		size += len(t)
		lc.AddDocument(string(t))
	}
	c := &Classifier{Counter: lc}
	run := func(b *testing.B, langs []string, fresh, classify bool) {
		d, err := NewDetector(langs)
		if err != nil {
			b.Fatal(err)
		}
		for _, t := range docs { // load models outside the timer
			d.Segment(t)
		}
		b.SetBytes(int64(size))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if fresh {
				if d, err = NewDetector(langs); err != nil {
					b.Fatal(err)
				}
			}
			for _, t := range docs {
				spans := d.Segment(t)
				if classify {
					c.Classify(t, spans)
				}
			}
		}
	}
	b.Run("en,ru", func(b *testing.B) { run(b, []string{"en", "ru"}, false, true) })
	b.Run("11langs/warm", func(b *testing.B) { run(b, elevenLangs, false, true) })
	b.Run("11langs/cold", func(b *testing.B) { run(b, elevenLangs, true, true) })
	b.Run("segment-only/en,ru", func(b *testing.B) { run(b, []string{"en", "ru"}, false, false) })
	b.Run("segment-only/11langs", func(b *testing.B) { run(b, elevenLangs, false, false) })
}

// BenchmarkClassify measures the classifier's stages alone on the pages of
// testdata/site-docs, with their repetition counts.
func BenchmarkClassify(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "site-docs", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no testdata pages: %v", err)
	}
	lc := NewLineCounter(1 << 16)
	var docs []string
	var spans [][]Span
	size := 0
	d := detector(b, enRu)
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(t))
		spans = append(spans, d.Segment(string(t)))
		size += len(t)
		lc.AddDocument(string(t))
	}
	c := &Classifier{Counter: lc}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, t := range docs {
			c.Classify(t, append([]Span(nil), spans[j]...))
		}
	}
}
