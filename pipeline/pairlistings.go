package pipeline

import (
	"sort"
	"strings"
	"unicode"
)

// reasonCode is the classifier's reason for a line of a code listing.
const reasonCode = "noise:code"

// minListingWords is the number of words (of two letters or more) a line
// of a listing needs to be taken as translated text.
const minListingWords = 3

// listingKey is the text of a line as two versions of a page compare it:
// lower case, words separated by one space.
func listingKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// listingWords counts the words of s: tokens between spaces of two letters
// or more and nothing but letters once the punctuation around them is
// trimmed ("continue?" is a word, "space-orbit", "[Y/n/?]" are not).
func listingWords(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, unicode.IsPunct)
		letters := 0
		for _, r := range f {
			if !unicode.IsLetter(r) {
				letters = 0
				break
			}
			letters++
		}
		if letters >= 2 {
			n++
		}
	}
	return n
}

// codeLines returns the keys of the lines of d dropped as code.
func codeLines(d *DocResult) map[string]bool {
	m := map[string]bool{}
	for _, s := range d.Spans {
		if s.Reason == reasonCode {
			m[listingKey(s.Text)] = true
		}
	}
	return m
}

// translatedListings adds to sents (d's body sentences of language l) the
// sentences of the lines of d's code listings that were translated: a
// listing line in language l, of minListingWords words at least, that is
// not a line of the other version's listings. Code is the same in both
// versions of a page; program output, messages and comments of a listing
// that differ and read as words of the page's language are its
// translation (a screen dump of a localised program). Only a pair of
// documents can tell: a single document keeps dropping them. The result is
// in document order.
func (e *Engine) translatedListings(d *DocResult, l string, other map[string]bool, sents []Sentence) []Sentence {
	n := len(sents)
	for i, s := range d.Spans {
		if s.Reason != reasonCode || s.Lang != l || listingWords(s.Text) < minListingWords || other[listingKey(s.Text)] {
			continue
		}
		pieces, _ := e.text.sentences(l, s.Text)
		for _, p := range pieces {
			// Raw offsets of a piece: exact for the whole line, else
			// shifted from the line's start and kept inside the line (an
			// entity makes the raw text longer than the text).
			a, b := s.RawStart, s.RawEnd
			if p.start > 0 || p.end < len(s.Text) {
				a, b = min(s.RawStart+p.start, s.RawEnd), min(s.RawStart+p.end, s.RawEnd)
			}
			sents = append(sents, Sentence{Lang: l, Text: p.text, RawStart: a, RawEnd: b, Span: i})
		}
	}
	if len(sents) > n {
		sort.SliceStable(sents, func(i, j int) bool { return sents[i].RawStart < sents[j].RawStart })
	}
	return sents
}

// spansIn returns the keys of the spans of d in language l, the other
// version's language, body or not (a run keeps only the sentences of a
// document's own language, so they are never aligned).
func spansIn(d *DocResult, l string) map[string]bool {
	m := map[string]bool{}
	for _, s := range d.Spans {
		if s.Lang == l {
			if k := listingKey(s.Text); k != "" {
				m[k] = true
			}
		}
	}
	return m
}

// untranslatedKeys returns spansIn(d, l) with the keys of the sentences of
// those spans: a paragraph left untranslated in the other version is one
// span there, and its sentences are sentences here.
func (e *Engine) untranslatedKeys(d *DocResult, l string) map[string]bool {
	m := spansIn(d, l)
	if e.text == nil {
		return m
	}
	for _, s := range d.Spans {
		if s.Lang != l || !strings.ContainsAny(s.Text, ".!?;:") {
			continue
		}
		pieces, _ := e.text.sentences(l, s.Text)
		if len(pieces) < 2 {
			continue
		}
		for _, p := range pieces {
			if k := listingKey(p.text); k != "" {
				m[k] = true
			}
		}
	}
	return m
}

// dropUntranslated removes from sents the sentences that the other version
// of the page holds unchanged, as text of the sentences' language (a term,
// a name, an option left in the original in a table cell): they have no
// translation to pair with, and on one side only they push the aligner
// off its diagonal.
func dropUntranslated(sents []Sentence, other map[string]bool) []Sentence {
	if len(other) == 0 {
		return sents
	}
	out := sents[:0:0]
	for _, s := range sents {
		if !other[listingKey(s.Text)] {
			out = append(out, s)
		}
	}
	return out
}
