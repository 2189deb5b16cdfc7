package docpair

import (
	"strings"
	"testing"
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 3} {
				res := run(t, Options{By: ByContent, Verifier: tt.verifier, Workers: workers}, tt.docs()...)
				if g := got(res); g != tt.want {
					t.Errorf("workers %d: pairs %q, want %q", workers, g, tt.want)
				}
				if res.OtherLanguage != tt.other {
					t.Errorf("workers %d: OtherLanguage = %d, want %d", workers, res.OtherLanguage, tt.other)
				}
			}
		})
	}
}
