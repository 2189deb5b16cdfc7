package lang

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/pemistahl/lingua-go"
)

// A Verifier tells whether a text in the script of one of a run's
// languages is in that language or in another language of the same script
// that the run does not name. A Detector decides a language that is alone
// in its script among the run's languages by script, with no model (every
// Latin letter of an en,ru run is English): on a site published in several
// languages, its German, Spanish or Lithuanian pages are then "English",
// and pairing by content takes them for the originals of the Russian
// pages, whose numbers and names they share. A Verifier checks such a
// language against every language lingua-go knows in its script.
//
// The models, one per language of the script, are loaded on first use:
// lingua-go's full models for a script of at most maxHighAccuracy languages
// (Cyrillic: 8, about 150 MB), its low-accuracy trigram models for a larger
// one (Latin: 49), whose full models would take several GB. On the short
// function words of a sample the trigram models are weak: they took a
// Russian page's words for Serbian (0.98), which the full models put at
// Russian 0.78. A Verifier is safe for concurrent use.
type Verifier struct {
	check map[string]bool // the codes checked: alone in their script among the run's languages
	once  sync.Once
	det   map[script]lingua.LanguageDetector
}

// maxHighAccuracy is the most languages of a script whose full models a
// Verifier loads (see Verifier).
const maxHighAccuracy = 8

// NewVerifier returns a Verifier for the languages of a run (ISO 639-1
// codes, see ParseLangs). It checks a language whose script no other
// language of the run uses and that shares its script with a language
// lingua-go knows; the others IsLang takes on trust.
func NewVerifier(langs []string) *Verifier {
	v := &Verifier{check: map[string]bool{}}
	count := map[script]int{}
	for _, c := range langs {
		count[scriptOfLang(strings.ToLower(c))]++
	}
	for _, c := range langs {
		c = strings.ToLower(c)
		s := scriptOfLang(c)
		if count[s] == 1 && len(siblings(s)) > 1 && slices.Contains(siblings(s), c) {
			v.check[c] = true
		}
	}
	return v
}

// siblings returns the ISO 639-1 codes of the languages lingua-go knows
// that are written in script s, sorted.
func siblings(s script) []string {
	var out []string
	for _, l := range lingua.AllLanguages() {
		c := strings.ToLower(l.IsoCode639_1().String())
		if scriptOfLang(c) == s {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// Checks reports whether IsLang checks code (see NewVerifier); the case
// of code does not matter, as in NewVerifier.
func (v *Verifier) Checks(code string) bool { return v != nil && v.check[strings.ToLower(code)] }

// minVerifyWords is the least number of words a sample needs for IsLang
// to judge it: fewer say too little of a language.
const minVerifyWords = 8

// IsLang reports whether sample, a text in the script of code, is in the
// language code rather than in another language of its script: false when
// another language scores at least twice as likely as code. It returns
// true when code is not checked (see Checks), when the sample holds fewer
// than minVerifyWords words, or when no language scores above 0 (words of
// one or two letters hold no trigram of the models) or lingua-go gives no
// answer: no evidence against code. The best sample is a page's most
// frequent words (see TopWords): function words tell languages apart best.
func (v *Verifier) IsLang(sample, code string) bool {
	if !v.Checks(code) || len(strings.Fields(sample)) < minVerifyWords {
		return true
	}
	v.once.Do(v.build)
	vals := v.confidenceValues(v.det[scriptOfLang(code)], sample)
	if len(vals) == 0 || vals[0].Value() == 0 || isCode(vals[0].Language(), code) {
		return true
	}
	for _, cv := range vals[1:] {
		if isCode(cv.Language(), code) {
			// Rounded to 1e-6 so that lingua-go's order-dependent float
			// sums (noise in the last bits) change a verdict from one
			// run to the next only for a value within that noise of a
			// rounding boundary.
			return math.Round(cv.Value()*1e6) > math.Round(0.5*vals[0].Value()*1e6)
		}
	}
	return false
}

// confidenceValues calls lingua-go, turning a panic inside it into no
// answer (nil), as Detector does, so that odd input cannot crash a run.
func (v *Verifier) confidenceValues(det lingua.LanguageDetector, sample string) (vals []lingua.ConfidenceValue) {
	defer func() {
		if recover() != nil {
			vals = nil
		}
	}()
	return det.ComputeLanguageConfidenceValues(sample)
}

// isCode reports whether l is the language of ISO 639-1 code.
func isCode(l lingua.Language, code string) bool {
	return strings.EqualFold(l.IsoCode639_1().String(), code)
}

// build loads the models of the languages that share a script with a
// checked language.
func (v *Verifier) build() {
	v.det = map[script]lingua.LanguageDetector{}
	for c := range v.check {
		s := scriptOfLang(c)
		if v.det[s] != nil {
			continue
		}
		var langs []lingua.Language
		for _, sc := range siblings(s) {
			langs = append(langs, lingua.GetLanguageFromIsoCode639_1(lingua.GetIsoCode639_1FromValue(sc)))
		}
		b := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...)
		if len(langs) > maxHighAccuracy {
			b = b.WithLowAccuracyMode()
		}
		v.det[s] = b.Build()
	}
}

// TopWords returns the n most frequent short words of text (runs of
// letters and their combining marks, of at most maxLetters letters,
// lower-cased), the most frequent first, ties in order of first
// appearance, joined by spaces; "" when text holds fewer than minWords
// words of any length. Short words are the
// function words that tell languages apart best, and leave out the names
// of code ("mytimer", "suspendduration") whose letter sequences a model
// may take for another language.
func TopWords(text string, n, maxLetters, minWords int) string {
	type wc struct {
		w     string
		count int
	}
	idx := map[string]int{}
	var words []wc
	total := 0
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		total++
		if letterCount(f) > maxLetters {
			continue
		}
		w := strings.ToLower(f)
		if i, ok := idx[w]; ok {
			words[i].count++
			continue
		}
		idx[w] = len(words)
		words = append(words, wc{w, 1})
	}
	if total < minWords {
		return ""
	}
	sort.SliceStable(words, func(i, j int) bool { return words[i].count > words[j].count })
	var b strings.Builder
	for i := 0; i < len(words) && i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[i].w)
	}
	return b.String()
}

// letterCount returns the number of letters of s, its combining marks left
// out.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// IsCode reports whether code is the ISO 639-1 code of a language
// lingua-go knows ("de", "uk"), in lower case.
func IsCode(code string) bool {
	return len(code) == 2 && code == strings.ToLower(code) && lingua.GetIsoCode639_1FromValue(code) != lingua.UnknownIsoCode639_1
}
