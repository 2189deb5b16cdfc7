package align

import (
	"strings"
	"unicode/utf8"
)

// Word normalisation used for dictionary look-ups: a light suffix stripper
// for Russian (inflections change the ending, rarely the stem) and a list
// of lemma candidates for English (dictionaries list lemmas only).

// ruEndings are Russian inflectional and a few derivational endings, longest
// first within each group so the longest match is taken. The list follows
// the groups of the Snowball Russian stemmer (gerunds, reflexives,
// adjectives, participles, verbs, nouns) in a flattened form.
var ruEndings = []string{
	// gerunds and reflexive forms
	"ившись", "ывшись", "вшись", "ивши", "ывши", "вши",
	// adjectives and participles
	"ующими", "ующего", "ующему", "ующих", "ующий", "ующая", "ующее", "ующие", "ующую", "ующим", "ующем",
	"ившими", "ившего", "ившему", "ивших", "ивший", "ившая", "ившее", "ившие", "ившую", "ившим", "ившем",
	"ими", "ыми", "его", "ого", "ему", "ому", "ее", "ие", "ые", "ое", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом",
	"их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
	// verbs
	"ете", "йте", "ите", "ешь", "ишь", "ила", "ыла", "ена", "ило", "ыло", "ено", "ует", "уют", "ены", "ить", "ыть",
	"ться", "тся", "ют", "ть", "ся", "сь",
	// nouns
	"иями", "ями", "ами", "иях", "ией", "ием", "ей", "ой", "ий", "ям", "ем", "ам", "ом", "ах", "ях", "ию", "ью",
	"ия", "ье", "ев", "ов", "ие", "ьи", "еи", "ии", "ой", "ы", "ь", "ю", "я", "у", "о", "е", "и", "а", "й",
}

// ruStemMax caps the length of a Russian stem in runes; long words keep
// their first ruStemMax letters, which also merges derived forms.
const ruStemMax = 7

// ruStem returns a crude stem of a lower-case Russian word: the longest
// ending of ruEndings is removed when at least three letters remain, and the
// result is cut to ruStemMax runes. Words of up to three letters are kept.
func ruStem(w string) string {
	w = strings.ReplaceAll(w, "ё", "е")
	n := utf8.RuneCountInString(w)
	if n > 3 {
		best := ""
		for _, e := range ruEndings {
			if len(e) > len(best) && strings.HasSuffix(w, e) && utf8.RuneCountInString(w)-utf8.RuneCountInString(e) >= 3 {
				best = e
			}
		}
		w = w[:len(w)-len(best)]
	}
	return truncRunes(w, ruStemMax)
}

// truncRunes returns the first n runes of s.
func truncRunes(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

// enLemmas appends to dst the lemma candidates of a lower-case English
// word, the word itself first: plural, past, gerund and adverb forms are
// undone with the usual spelling rules. Callers take the first candidate a
// dictionary knows.
func enLemmas(dst []string, w string) []string {
	dst = append(dst, w)
	n := len(w)
	if n < 4 {
		return dst
	}
	has := func(suf string) bool { return strings.HasSuffix(w, suf) }
	switch {
	case has("ies"):
		dst = append(dst, w[:n-3]+"y")
	case has("sses"), has("xes"), has("ches"), has("shes"), has("oes"):
		dst = append(dst, w[:n-2])
	case has("s") && !has("ss") && !has("us") && !has("is"):
		dst = append(dst, w[:n-1])
	case has("ied"):
		dst = append(dst, w[:n-3]+"y")
	case has("ed"):
		dst = append(dst, w[:n-2], w[:n-1])
		if n > 4 && w[n-3] == w[n-4] {
			dst = append(dst, w[:n-3])
		}
	case has("ing") && n > 5:
		dst = append(dst, w[:n-3], w[:n-3]+"e")
		if w[n-4] == w[n-5] {
			dst = append(dst, w[:n-4])
		}
	case has("ly") && n > 5:
		dst = append(dst, w[:n-2])
	case has("er") && n > 5:
		dst = append(dst, w[:n-2], w[:n-1])
	}
	return dst
}
