package split

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a text: Text == input[Start:End], with no
// leading or trailing white space. Start and End are byte offsets.
type Sentence struct {
	Start, End int
	Text       string
}

// Splitter splits text of one language into sentences. It holds only
// immutable rules, so one Splitter is safe for concurrent use and its
// output depends on the input alone.
type Splitter struct {
	lang  string
	rules *rules
}

// New returns a Splitter for the ISO 639-1 language code lang ("en", "ru",
// ...). English and Russian have full rule sets; German, Spanish and French
// add a few abbreviations to a conservative generic rule set, which every
// other code (and "") gets. Case and region suffixes are ignored ("EN",
// "en-GB" and "eng" are "en").
func New(lang string) *Splitter {
	l := normLang(lang)
	return &Splitter{lang: l, rules: newRules(l)}
}

// Lang returns the normalised language code of s.
func (s *Splitter) Lang() string { return s.lang }

// Split splits text into sentences in document order. A blank line (a line
// holding only white space) always ends a sentence; a single line break ends
// one unless it wraps prose (see the package doc). White space between
// sentences belongs to no sentence; every other byte of text belongs to
// exactly one sentence. Split does not modify or keep text.
func (s *Splitter) Split(text string) []Sentence {
	return s.AppendSplit(nil, text)
}

// AppendSplit is like Split but appends the sentences to dst, so a caller
// can reuse one slice for many texts.
func (s *Splitter) AppendSplit(dst []Sentence, text string) (out []Sentence) {
	n := len(dst)
	defer func() {
		if recover() != nil {
			// A bug in the rules must not take the caller down: fall back
			// to one sentence per paragraph.
			out = appendParagraphs(dst[:n], text)
		}
	}()
	return s.appendSplit(dst, text)
}

// appendSplit is AppendSplit without the recovery, for tests.
func (s *Splitter) appendSplit(dst []Sentence, text string) []Sentence {
	sc := scanner{r: s.rules, text: text, out: dst}
	pos := 0
	for pos < len(text) {
		end, next := nextParagraph(text, pos)
		sc.paragraph(pos, end)
		pos = next
	}
	return sc.out
}

// appendParagraphs appends each paragraph of text, trimmed, as one sentence.
func appendParagraphs(dst []Sentence, text string) []Sentence {
	pos := 0
	for pos < len(text) {
		end, next := nextParagraph(text, pos)
		s, e := pos, end
		for s < e {
			sp, size := spaceAt(text, s)
			if !sp {
				break
			}
			s += size
		}
		e = skipSpaceBack(text, e, s)
		if s < e {
			dst = append(dst, Sentence{Start: s, End: e, Text: text[s:e]})
		}
		pos = next
	}
	return dst
}

// nextParagraph returns the end of the paragraph that starts at pos (the
// line break before the first blank line, or len(text)) and where the next
// paragraph starts (after that blank line).
func nextParagraph(text string, pos int) (end, next int) {
	for {
		k := strings.IndexByte(text[pos:], '\n')
		if k < 0 {
			return len(text), len(text)
		}
		i := pos + k
		j := i + 1
		for j < len(text) {
			if text[j] == '\n' {
				return i, j + 1
			}
			sp, size := spaceAt(text, j)
			if !sp {
				break
			}
			j += size
		}
		if j >= len(text) {
			return len(text), len(text)
		}
		pos = j
	}
}

// normLang lower-cases lang, drops a region or script suffix and maps the
// ISO 639-3 codes of the languages with data to their ISO 639-1 codes.
func normLang(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if k := strings.IndexAny(lang, "-_"); k >= 0 {
		lang = lang[:k]
	}
	switch lang {
	case "eng":
		return "en"
	case "rus":
		return "ru"
	case "deu", "ger":
		return "de"
	case "spa":
		return "es"
	case "fra", "fre":
		return "fr"
	}
	return lang
}

// spaceAt reports whether text[i:] starts with a white-space rune, and the
// rune's size.
func spaceAt(text string, i int) (bool, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f', 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r), size
}

// spaceBefore reports whether the rune ending at i is white space, and its size.
// skipSpaceBack returns i moved back over the white space before it, not
// below lo.
func skipSpaceBack(text string, i, lo int) int {
	for i > lo {
		sp, size := spaceBefore(text, i)
		if !sp {
			break
		}
		i -= size
	}
	return i
}

func spaceBefore(text string, i int) (bool, int) {
	c := text[i-1]
	if c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f', 1
	}
	r, size := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r), size
}
