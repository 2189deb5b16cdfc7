package split

import (
	"os"
	"strings"
	"testing"
)

// benchText repeats the English prose fixture to about 1 MB.
func benchText(b *testing.B, name string) string {
	b.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(data)+"\n\n", (1<<20)/len(data)+1)
}

func BenchmarkSplitEnglish(b *testing.B) {
	text := benchText(b, "testdata/prose_en.txt")
	s := New("en")
	var buf []Sentence
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = s.AppendSplit(buf[:0], text)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		New("en")
	}
}
