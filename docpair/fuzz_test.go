package docpair

import (
	"net/url"
	"testing"
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
