package align

import (
	"bytes"
	"sync"
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

// ruEndingSet holds ruEndings; every ending is of Cyrillic letters (two
// bytes each) and at most ruEndingMax of them.
var ruEndingSet = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(ruEndings))
	for _, e := range ruEndings {
		m[e] = true
	}
	return m
})

// ruEndingMax is the length in runes of the longest of ruEndings.
const ruEndingMax = 6

// ruStem returns a crude stem of a lower-case Russian word: the longest
// ending of ruEndings is removed when at least three letters remain, and the
// result is cut to ruStemMax runes. Words of up to three letters are kept.
func ruStem(w string) string {
	return string(appendRuStem(nil, []byte(w)))
}

// appendRuStem appends the stem of w (see ruStem) to dst.
func appendRuStem(dst, w []byte) []byte {
	start := len(dst)
	for k := 0; k < len(w); k++ {
		if w[k] == 0xd1 && k+1 < len(w) && w[k+1] == 0x91 { // ё -> е
			dst = append(dst, 0xd0, 0xb5)
			k++
			continue
		}
		dst = append(dst, w[k])
	}
	st := dst[start:]
	n := utf8.RuneCount(st)
	if n > 3 {
		// the longest ending (two bytes a rune) that leaves three runes
		set := ruEndingSet()
		for l := min(ruEndingMax, n-3); l > 0; l-- {
			if 2*l <= len(st) && set[string(st[len(st)-2*l:])] {
				st = st[:len(st)-2*l]
				break
			}
		}
	}
	return dst[:start+len(truncRunes(st, ruStemMax))]
}

// truncRunes returns the first n runes of s.
func truncRunes(s []byte, n int) []byte {
	i := 0
	for k := 0; k < len(s); {
		if i == n {
			return s[:k]
		}
		_, w := utf8.DecodeRune(s[k:])
		k += w
		i++
	}
	return s
}

// enLemmas appends to dst the lemma candidates of a lower-case English
// word, the word itself first: plural, past, gerund and adverb forms are
// undone with the usual spelling rules. Callers take the first candidate a
// dictionary knows.
func enLemmas(dst []string, w string) []string {
	buf, ends := appendLemmas(nil, nil, []byte(w))
	start := 0
	for _, e := range ends {
		dst = append(dst, string(buf[start:e]))
		start = e
	}
	return dst
}

// appendLemmas appends the lemma candidates of w (see enLemmas) to buf,
// one after the other, and the end offset of each in buf to ends.
func appendLemmas(buf []byte, ends []int, w []byte) ([]byte, []int) {
	add := func(parts ...[]byte) {
		for _, p := range parts {
			buf = append(buf, p...)
		}
		ends = append(ends, len(buf))
	}
	add(w)
	n := len(w)
	if n < 4 {
		return buf, ends
	}
	has := func(suf string) bool { return bytes.HasSuffix(w, []byte(suf)) }
	y, e := []byte("y"), []byte("e")
	switch {
	case has("ies"):
		add(w[:n-3], y)
	case has("sses"), has("xes"), has("ches"), has("shes"), has("oes"):
		add(w[:n-2])
	case has("s") && !has("ss") && !has("us") && !has("is"):
		add(w[:n-1])
	case has("ied"):
		add(w[:n-3], y)
	case has("ed"):
		add(w[:n-2])
		add(w[:n-1])
		if n > 4 && w[n-3] == w[n-4] {
			add(w[:n-3])
		}
	case has("ing") && n > 5:
		add(w[:n-3])
		add(w[:n-3], e)
		if w[n-4] == w[n-5] {
			add(w[:n-4])
		}
	case has("ly") && n > 5:
		add(w[:n-2])
	case has("er") && n > 5:
		add(w[:n-2])
		add(w[:n-1])
	}
	return buf, ends
}
