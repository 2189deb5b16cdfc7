package docpair

import (
	"net/url"
	"testing"
	"unicode/utf8"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// FuzzFeatures checks that fingerprints and address keys never panic and
// keep their limits on any input.
func FuzzFeatures(f *testing.F) {
	f.Add("Version 0.8.13 (2020), see https://ex.org/a?b=1 or a@b.org", "https://en.ex.org/en/a.en.html?lang=en")
	f.Add("Привет, aptitude 1.2 ch01", "site/ru/index.html")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, text, addr string) {
		ft := NewFeatures([]Para{{Text: text}, {Text: text, Heading: 1}})
		if len(ft.toks) > maxTokens || len(ft.toks) != len(ft.cnts) || len(ft.lens) > maxLens {
			t.Fatalf("features out of limits: %d tokens, %d counts, %d lens", len(ft.toks), len(ft.cnts), len(ft.lens))
		}
		for i := 1; i < len(ft.toks); i++ {
			if ft.toks[i-1] >= ft.toks[i] {
				t.Fatal("tokens not sorted and unique")
			}
		}
		u := location(addr, addr)
		normURL(u)
		langKeys(u, "en")
		langKeys(u, "ru")
		resolve(u, text)
		if pu, err := url.Parse(addr); err == nil {
			resolve(pu, addr)
		}
	})
}

// FuzzShares checks that the shares of a Doc stay shares on any text: each
// from 0 to 1, summing to 1 at most, of no more letters than the text has.
func FuzzShares(f *testing.F) {
	f.Add("Фильтр читает слой 2 раза и создаёт новый слой с 16 битами.\nThe filter reads the layer.", 7)
	f.Add("", 1)
	f.Add("a\n\nb c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n", 3)
	f.Fuzz(func(t *testing.T, text string, cut int) {
		// Spans of at most cut bytes, the kinds and languages in turn.
		var spans []lang.Span
		step := max(1, cut%64)
		kinds := []lang.Kind{lang.Body, lang.Boilerplate, lang.Noise}
		langs := []string{"en", "ru", ""}
		for i, k := 0, 0; i < len(text); i, k = i+step, k+1 {
			spans = append(spans, lang.Span{Start: i, End: min(i+step, len(text)), Lang: langs[k%3], Kind: kinds[k%len(kinds)]})
		}
		d := FromDocument(&corpus.Document{ID: "x", Text: text}, spans, []string{"en", "ru"})
		for _, m := range []map[string]float64{d.Shares, d.Prose} {
			sum := 0.0
			for l, v := range m {
				if v <= 0 || v > 1 {
					t.Fatalf("share of %s = %v", l, v)
				}
				sum += v
			}
			if sum > 1+1e-9 {
				t.Fatalf("shares sum to %v", sum)
			}
		}
		if d.ProseLetters > d.Letters || d.Letters > utf8.RuneCountInString(text) {
			t.Fatalf("%d prose letters, %d letters, text of %d runes", d.ProseLetters, d.Letters, utf8.RuneCountInString(text))
		}
	})
}

// FuzzAddressCodes checks that reading the language codes of any address,
// and the keys of each, never panics and finds only known codes.
func FuzzAddressCodes(f *testing.F) {
	for _, s := range []string{"https://ex.org/de/x", "https://de.ex.org/a.fr.html?lang=pt-BR", "file:///a/b_uk.html", "%", "http://[::1]/en-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := url.Parse(s)
		if err != nil {
			return
		}
		for _, c := range addressCodes(u) {
			if !lang.IsCode(c) {
				t.Fatalf("addressCodes(%q) gave %q, no language code", s, c)
			}
			langKeys(u, c)
		}
	})
}
