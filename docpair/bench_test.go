package docpair

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthCrawl makes n pairs of documents that share numbers and Latin
// names as translations do, with Zipf-distributed words.
func synthCrawl(n int) []Doc {
	rng := rand.New(rand.NewPCG(1, 2))
	words := rand.NewZipf(rng, 1.07, 2, 20000)
	names := rand.NewZipf(rng, 1.02, 50, 1000000)
	docs := make([]Doc, 0, 2*n)
	var en, ru strings.Builder
	for i := 0; i < n; i++ {
		en.Reset()
		ru.Reset()
		for p := 0; p < 4+rng.IntN(12); p++ {
			for k := 0; k < 10+rng.IntN(40); k++ {
				switch x := rng.Float64(); {
				case x < 0.05:
					num := fmt.Sprint(rng.IntN(1 << (4 + rng.IntN(16))))
					en.WriteString(num + " ")
					ru.WriteString(num + " ")
				case x < 0.12:
					nm := fmt.Sprintf("N%dx ", names.Uint64())
					en.WriteString(nm)
					ru.WriteString(nm)
				default:
					w := words.Uint64()
					fmt.Fprintf(&en, "w%dq ", w)
					fmt.Fprintf(&ru, "с%dк ", w)
				}
			}
			en.WriteString("\n")
			ru.WriteString("\n")
		}
		docs = append(docs, Doc{ID: fmt.Sprintf("e%d", i), Lang: "en", Features: NewFeatures(paraLines(en.String()))})
		docs = append(docs, Doc{ID: fmt.Sprintf("r%d", i), Lang: "ru", Features: NewFeatures(paraLines(ru.String()))})
	}
	return docs
}

func paraLines(s string) []Para {
	var out []Para
	for _, l := range strings.Split(s, "\n") {
		out = append(out, Para{Text: l})
	}
	return out
}

// BenchmarkPair pairs 2,000 generated document pairs by content (the
// fingerprints are made outside the timer).
func BenchmarkPair(b *testing.B) {
	base := synthCrawl(2000)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		docs := make([]Doc, len(base))
		for i, d := range base {
			d.Features.toks = append([]uint32(nil), d.Features.toks...) // Pair renumbers them in place
			docs[i] = d
		}
		p, _ := NewPairer(Options{Src: "en", Tgt: "ru", Workers: 2})
		for _, d := range docs {
			p.Add(d)
		}
		b.StartTimer()
		res, _ := p.Pair()
		if len(res.Pairs) < 1900 {
			b.Fatalf("only %d pairs", len(res.Pairs))
		}
	}
}

func TestSynthCrawl(t *testing.T) {
	docs := synthCrawl(300)
	p, _ := NewPairer(Options{Src: "en", Tgt: "ru", Workers: 2})
	for _, d := range docs {
		p.Add(d)
	}
	res, _ := p.Pair()
	correct := 0
	for _, pr := range res.Pairs {
		if pr.Src[1:] == pr.Tgt[1:] {
			correct++
		}
	}
	if correct < 295 || correct != len(res.Pairs) {
		t.Errorf("%d pairs, %d correct of 300", len(res.Pairs), correct)
	}
}
