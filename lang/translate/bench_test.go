package translate

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/paraline/paraline/lang/translate/translatetest"
)

// benchTexts returns n distinct sentences of 40 to 90 characters.
func benchTexts(n int) []string {
	words := []string{"the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "while", "translation", "costs", "money"}
	texts := make([]string, n)
	for i := range texts {
		s := fmt.Sprintf("Sentence %d:", i)
		for j := 0; len(s) < 40+i%51; j++ {
			s += " " + words[(i+j*7)%len(words)]
		}
		texts[i] = s + "."
	}
	return texts
}

// BenchmarkGoogleV2 translates 100,000 sentences through the fake v2
// server answering each request after 200 ms, with the default
// concurrency, packing and cache, then runs again: the second run must
// make no request. "default-quota" keeps the default characters-per-minute
// limiter (5,000,000, under Google's 6,000,000 quota), which then bounds
// the wall time; "no-quota" shows the engine alone.
//
//	go test -run '^$' -bench GoogleV2 -benchtime 1x ./lang/translate/
func BenchmarkGoogleV2(b *testing.B) {
	texts := benchTexts(100_000)
	chars := 0
	for _, t := range texts {
		chars += len(t)
	}
	for _, bc := range []struct {
		name string
		cpm  int
	}{{"default-quota", 0}, {"no-quota", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var wall time.Duration
			var requests int
			for i := 0; i < b.N; i++ {
				srv := translatetest.NewV2()
				srv.Latency = 200 * time.Millisecond
				cache, err := OpenCache(filepath.Join(b.TempDir(), "cache.db"))
				if err != nil {
					b.Fatal(err)
				}
				opts := Options{Cache: cache, CharsPerMinute: bc.cpm}
				e := newV2Engine(b, srv, Config{}, opts)
				start := time.Now()
				got, err := e.Translate(context.Background(), "en", "es", texts)
				wall += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if got[len(got)-1] != translatetest.Decoded("es", texts[len(texts)-1]) {
					b.Fatalf("wrong output %q", got[len(got)-1])
				}
				requests += srv.Requests()
				first := srv.Requests()
				b.StopTimer()
				e2 := newV2Engine(b, srv, Config{}, opts)
				if _, err := e2.Translate(context.Background(), "en", "es", texts); err != nil {
					b.Fatal(err)
				}
				if n := srv.Requests() - first; n != 0 {
					b.Fatalf("second run made %d requests", n)
				}
				if v := srv.Violations(); len(v) > 0 {
					b.Fatalf("limits broken: %v", v)
				}
				b.ReportMetric(float64(srv.Requests()-first), "second-run-requests")
				if err := cache.Close(); err != nil {
					b.Fatal(err)
				}
				srv.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
			b.ReportMetric(float64(len(texts)*b.N)/wall.Seconds(), "sentences/s")
			b.ReportMetric(wall.Seconds()/float64(b.N), "wall-s/op")
			b.ReportMetric(float64(chars), "chars/op")
		})
	}
}
