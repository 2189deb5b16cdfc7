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
	// the English one lost a line, so content alone prefers the German
	// page, which a detector that knows only English and Russian calls
	// English.
	en := doc("a.html", "", "en", strings.Join(strings.Split(siteEN[0], "\n")[:3], "\n"))
	en.Words = "the to a of and is in for"
	de := doc("b.html", "", "en", "Installation von aptitude 0.8.13\nFühren Sie apt-get install aptitude als root aus.\nSiehe https://wiki.debian.org/Aptitude für Hilfe.\nVersion 0.8.13 erschien 2020.")
	de.Words = "und die der von zu das ist mit"
	ru := doc("c.html", "", "ru", siteRU[0])
	others := []Doc{doc("d.html", "", "en", siteEN[1]), doc("e.html", "", "ru", siteRU[1])}
	tests := []struct {
		name     string
		verifier LangVerifier
		docs     []Doc
		want     string
		other    int
	}{
		{"without verifier the German page wins", nil, []Doc{en, de, ru, others[0], others[1]},
			"b.html>c.html(content) d.html>e.html(content)", 0},
		{"verified English wins", fakeVerifier{}, []Doc{en, de, ru, others[0], others[1]},
			"a.html>c.html(content) d.html>e.html(content)", 1},
		{"a page in doubt still pairs when nothing else can", fakeVerifier{}, []Doc{de, ru, others[0], others[1]},
			"b.html>c.html(content) d.html>e.html(content)", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 3} {
				res := run(t, Options{By: ByContent, Verifier: tt.verifier, Workers: workers}, tt.docs...)
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
