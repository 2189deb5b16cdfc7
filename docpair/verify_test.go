package docpair

import (
	"slices"
	"strings"
	"testing"

	"github.com/paraline/paraline/lang"
)

// fakeVerifier takes words beginning with "und" for German: a stand-in for
// lang.Verifier, which the lang package tests.
type fakeVerifier struct{}

func (fakeVerifier) Checks(code string) bool { return code == "en" }
func (fakeVerifier) IsLang(words, code string) bool {
	return !strings.HasPrefix(words, "und ")
}

func TestVerifierThirdLanguage(t *testing.T) {
	// The German version shares every number and name of the Russian one;
	// the English one lost a year, so content alone prefers the German
	// page, which a detector that knows only English and Russian calls
	// English.
	// Each case gets documents of its own: a Pairer owns what it is given.
	en := func() Doc {
		d := doc("a.html", "", "en", strings.Replace(siteEN[0], " in 2020", "", 1))
		d.Words = "the to a of and is in for"
		return d
	}
	de := func() Doc {
		d := doc("b.html", "", "en", "Installation von aptitude 0.8.13\nFühren Sie apt-get install aptitude als root aus.\nSiehe https://wiki.debian.org/Aptitude für Hilfe.\nVersion 0.8.13 erschien 2020.")
		d.Words = "und die der von zu das ist mit"
		return d
	}
	ru := func() Doc { return doc("c.html", "", "ru", siteRU[0]) }
	others := func() []Doc { return []Doc{doc("d.html", "", "en", siteEN[1]), doc("e.html", "", "ru", siteRU[1])} }
	tests := []struct {
		name     string
		verifier LangVerifier
		docs     func() []Doc
		want     string
		other    int
	}{
		{"without verifier the German page wins", nil, func() []Doc { return append([]Doc{en(), de(), ru()}, others()...) },
			"b.html>c.html(content) d.html>e.html(content)", 0},
		{"verified English wins", fakeVerifier{}, func() []Doc { return append([]Doc{en(), de(), ru()}, others()...) },
			"a.html>c.html(content) d.html>e.html(content)", 1},
		{"a page in doubt pairs with what is left", fakeVerifier{}, func() []Doc { return []Doc{en(), de(), ru(), doc("g.html", "", "ru", siteRU[0])} },
			"a.html>c.html(content) b.html>g.html(content)", 1},
		{"a page no other page contests is not checked", fakeVerifier{}, func() []Doc { return append([]Doc{de(), ru()}, others()...) },
			"b.html>c.html(content) d.html>e.html(content)", 0},
		{"no document", fakeVerifier{}, func() []Doc { return nil }, "", 0},
		{"one language", fakeVerifier{}, func() []Doc { return []Doc{en(), de(), doc("d.html", "", "en", siteEN[1])} }, "", 0},
		{"a nil *lang.Verifier checks nothing", (*lang.Verifier)(nil), func() []Doc { return append([]Doc{en(), de(), ru()}, others()...) },
			"b.html>c.html(content) d.html>e.html(content)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The addresses name no language: pairing by content decides
			// in auto mode too, and the baseline's scores order the
			// candidates alike.
			for _, mode := range []Options{{By: ByContent}, {By: ByAuto}, {Baseline: true}} {
				for _, workers := range []int{1, 3} {
					opts := mode
					opts.Verifier, opts.Workers = tt.verifier, workers
					res := run(t, opts, tt.docs()...)
					if g := got(res); g != tt.want {
						t.Errorf("%+v: pairs %q, want %q", mode, g, tt.want)
					}
					if res.OtherLanguage != tt.other {
						t.Errorf("%+v: OtherLanguage = %d, want %d", mode, res.OtherLanguage, tt.other)
					}
				}
			}
		})
	}
}

func TestContested(t *testing.T) {
	e := func(a, b int32, score float64) edge { return edge{a: a, b: b, score: score} }
	tests := []struct {
		name     string
		scored   []edge
		minScore float64
		n        int
		want     []bool
	}{
		{"none", nil, 0.3, 2, []bool{false, false}},
		{"two Src candidates within the margin", []edge{e(0, 2, 0.6), e(1, 2, 0.77)}, 0.3, 3, []bool{true, true, false}},
		{"two Tgt candidates within the margin", []edge{e(0, 1, 0.8), e(0, 2, 0.7)}, 0.3, 3, []bool{false, true, true}},
		{"the second beyond the margin", []edge{e(0, 2, 0.9), e(1, 2, 0.6)}, 0.3, 3, []bool{false, false, false}},
		{"the second under minScore", []edge{e(0, 2, 0.5), e(1, 2, 0.29)}, 0.3, 3, []bool{false, false, false}},
		{"only the candidates within the margin", []edge{e(0, 3, 0.9), e(1, 3, 0.8), e(2, 3, 0.5)}, 0.3, 4, []bool{true, true, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := contested(tt.scored, tt.minScore, tt.n); !slices.Equal(got, tt.want) {
				t.Errorf("contested = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestThirdLanguageAddress(t *testing.T) {
	// The English version of the second page is missing; its German
	// version, which a detector of English and Russian calls English,
	// shares the Russian page's numbers and names.
	deText := "Installation von aptitude 0.8.13\nFühren Sie apt-get install aptitude als root aus.\nSiehe https://wiki.debian.org/Aptitude für Hilfe.\nVersion 0.8.13 erschien 2020."
	tests := []struct {
		name, enURL, ruURL, deURL, ru2URL string
		want                              string
	}{
		{"path segment", "https://ex.org/en/a", "https://ex.org/ru/a", "https://ex.org/de/b", "https://ex.org/ru/b",
			"en/a>ru/a(url)"},
		{"file suffix", "https://ex.org/a.en.html", "https://ex.org/a.ru.html", "https://ex.org/b.de.html", "https://ex.org/b.ru.html",
			"en/a>ru/a(url)"},
		{"query", "https://ex.org/p?id=1&lang=en", "https://ex.org/p?id=1&lang=ru", "https://ex.org/p?id=2&lang=de", "https://ex.org/p?id=2&lang=ru",
			"en/a>ru/a(url)"},
		// no address of the crawl names a language: "de" is a folder
		{"a code alone", "https://ex.org/x/a", "https://ex.org/y/a", "https://ex.org/de/b", "https://ex.org/z/b",
			"de/b>ru/b(content) en/a>ru/a(content)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := []Doc{
				doc("en/a", tt.enURL, "en", siteEN[1]),
				doc("ru/a", tt.ruURL, "ru", siteRU[1]),
				doc("de/b", tt.deURL, "en", deText),
				doc("ru/b", tt.ru2URL, "ru", siteRU[0]),
			}
			res := run(t, Options{}, docs...)
			if g := got(res); g != tt.want {
				t.Errorf("pairs %q, want %q", g, tt.want)
			}
		})
	}
}
