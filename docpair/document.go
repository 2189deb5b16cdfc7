package docpair

import (
	"slices"
	"strings"
	"unicode"

	"github.com/paraline/paraline/corpus"
	"github.com/paraline/paraline/lang"
)

// minBodyShare is the share of a document's body letters its main language
// needs for the document to be in that language; minDeclaredShare the
// share the language of <html lang> needs.
const (
	minBodyShare     = 0.4
	minDeclaredShare = 0.05
	minAltShare      = 0.1
)

// A prose line is a line of at least proseLetters letters and proseWords
// words (a sentence, not a menu entry, a heading or a cell of a table); it
// is in language L when more than half of its letters are (see Doc.Prose).
// The same measure as the gold of scripts/mkbisite, whose definition of a
// translation Add follows (see minProseShare).
const (
	proseLetters = 40
	proseWords   = 6
)

// htmlLang returns the language code of an <html lang> value ("ru-RU" -> "ru").
func htmlLang(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if i := strings.IndexAny(v, "-_"); i >= 0 {
		v = v[:i]
	}
	return v
}

// FromDocument returns the Doc of a document whose spans were classified
// (lang.Detector.Segment, then lang.Classifier.Classify), for the
// languages langs:
//
//   - Lang is the language of langs with the most letters of body text, when
//     it holds at least half of them, else "";
//     (of body and boilerplate when the document has no body text);
//   - the paragraphs are the whole lines that hold text other than noise,
//     boilerplate included (a table of contents, a Latin-script name inside
//     a Russian line count; site furniture repeated on every page weighs
//     little, being common), with the heading levels of HTML blocks;
//   - Alt is another language of langs with at least a tenth of them;
//   - ID, URL and Links are the document's;
//   - Shares are the shares of the letters of the whole text (body,
//     boilerplate and noise such as code) per language of langs;
//   - Prose are the shares of the letters of the prose lines of the whole
//     text (lines of at least proseLetters letters and proseWords words)
//     that lie in lines mostly (more than half of their letters) in each
//     language of langs;
//   - Letters and ProseLetters are the letters Shares and Prose are of;
//   - Words are the most frequent short words of the body spans in Lang
//     (see sampleWords), for Options.Verifier.
//
// Shares and Prose measure the whole text as the gold of scripts/mkbisite
// measures the visible text of a page, the reference definition of a
// translation (see minURLShare): on the -url pages of the dev sites they
// differ from the gold's measures by 0.0012 and 0.0038 per page on average.
// Leaving out the noise (code, English in a translation) raised the share
// of Russian above the gold's (mean gap 0.0026, 50 pages over 0.01 against
// 23), and the prose of the body alone strayed from it (mean gap 0.048):
// the classifier takes some translated paragraphs of a mostly English page
// for boilerplate in another language.
//
// The Doc keeps no reference to d's text.
func FromDocument(d *corpus.Document, spans []lang.Span, langs []string) Doc {
	return fromDocument(d, spans, langs, true)
}

// fromDocument is FromDocument; without features it leaves out the
// fingerprint (Features, Links), which only Pair needs.
func fromDocument(d *corpus.Document, spans []lang.Span, langs []string, features bool) Doc {
	letters := map[string]int{} // body letters per language
	shown := map[string]int{}   // letters of body and boilerplate per language
	all := map[string]int{}     // letters of the whole text per language
	total, shownTotal, allTotal := 0, 0, 0
	spanLetters := make([]int, len(spans))
	var paras []Para
	lastLine := -1
	headings := headingLines(d)
	for i, s := range spans {
		if s.Start >= s.End || s.End > len(d.Text) {
			continue
		}
		n := 0
		for _, r := range d.Text[s.Start:s.End] {
			if unicode.IsLetter(r) {
				n++
			}
		}
		spanLetters[i] = n
		allTotal += n
		if s.Lang != "" {
			all[s.Lang] += n
		}
		if s.Kind == lang.Noise {
			continue // code: in the shares of the text, not in its paragraphs
		}
		shownTotal += n
		if s.Lang != "" {
			shown[s.Lang] += n
		}
		if s.Kind == lang.Body {
			total += n
			if s.Lang != "" {
				letters[s.Lang] += n
			}
		}
		start := strings.LastIndexByte(d.Text[:s.Start], '\n') + 1
		if start <= lastLine {
			continue // the line is in already
		}
		end := strings.IndexByte(d.Text[start:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += start
		}
		lastLine = start
		paras = append(paras, Para{Text: d.Text[start:end], Heading: headings[start]})
	}
	if total == 0 { // no body: a page of links or headings only
		letters, total = shown, shownTotal
	}
	best, bestN := "", 0
	for _, l := range langs {
		if letters[l] > bestN {
			best, bestN = l, letters[l]
		}
	}
	if total == 0 || float64(bestN) < minBodyShare*float64(total) {
		best = ""
	}
	// The page says its language: take it when its text has a fair share
	// of that language (a Russian page of English screen dumps).
	// Not the language of the originals (langs[0]) over a body in another
	// language of langs: a translation often keeps its original's
	// template, <html lang="en"> and all.
	if hl := htmlLang(d.HTMLLang); hl != "" && hl != best && slices.Contains(langs, hl) && float64(letters[hl]) >= minDeclaredShare*float64(total) && !(hl == langs[0] && best != "") {
		best = hl
	}
	alt := ""
	for _, l := range langs {
		// A language without letters is no second language, even on a
		// page without letters whose <html lang> names its language.
		if l != best && best != "" && letters[l] > 0 && float64(letters[l]) >= minAltShare*float64(total) {
			alt = l
		}
	}
	shares := make(map[string]float64, len(langs))
	for _, l := range langs {
		if allTotal > 0 && all[l] > 0 {
			shares[l] = float64(all[l]) / float64(allTotal)
		}
	}
	prose, proseTotal := proseLetterCounts(d.Text, spans, spanLetters)
	var proseShares map[string]float64
	for _, l := range langs {
		if prose[l] > 0 {
			if proseShares == nil {
				proseShares = make(map[string]float64, len(langs))
			}
			proseShares[l] = float64(prose[l]) / float64(proseTotal)
		}
	}
	doc := Doc{ID: d.ID, URL: d.URL, Lang: best, Alt: alt, Shares: shares, Letters: allTotal,
		Prose: proseShares, ProseLetters: proseTotal}
	if features {
		doc.Links, doc.Features = docLinks(d.Links), NewFeatures(paras)
		if best != "" {
			var body strings.Builder
			for _, s := range spans {
				if s.Kind == lang.Body && s.Lang == best && s.Start < s.End && s.End <= len(d.Text) {
					body.WriteString(d.Text[s.Start:s.End])
					body.WriteByte(' ')
				}
			}
			doc.Words = lang.TopWords(body.String(), sampleWords, sampleLetters, minSampleWords)
		}
	}
	return doc
}

// A Doc's Words are the sampleWords most frequent words of at most
// sampleLetters letters of its body in its language, when the body has
// minSampleWords words or more.
const (
	sampleWords    = 40
	sampleLetters  = 5
	minSampleWords = 20
)

// headingLines maps the start offset of each heading line of an HTML
// document to its level.
func headingLines(d *corpus.Document) map[int]int {
	var m map[int]int
	for _, b := range d.Blocks {
		if b.Heading > 0 {
			if m == nil {
				m = map[int]int{}
			}
			m[b.Start] = b.Heading
		}
	}
	return m
}

// docLinks returns a copy of the links of a document that Add may use:
// every link, its text kept only when it is short enough to name a
// language (a switcher), so that the Doc stays small.
func docLinks(links []corpus.Link) []corpus.Link {
	out := make([]corpus.Link, 0, len(links))
	for _, l := range links {
		if l.Href == "" {
			continue
		}
		c := corpus.Link{Href: l.Href, Rel: l.Rel, HrefLang: l.HrefLang}
		if len(l.Text) <= 40 && isLangName(l.Text) {
			c.Text = l.Text
		}
		out = append(out, c)
	}
	return out
}

// isLangName reports whether text names a language of langNames.
func isLangName(text string) bool {
	for code := range langNames {
		if isSwitcherText(text, code) {
			return true
		}
	}
	return false
}

// proseLetterCounts returns the letters of the prose lines of text that
// lie in lines mostly in each language, and the letters of all its prose
// lines (see Doc.Prose); letters are the letters of each span.
func proseLetterCounts(text string, spans []lang.Span, letters []int) (map[string]int, int) {
	var prose map[string]int
	total, lineStart := 0, -1
	var line proseLine // the letters of the current line
	for i, s := range spans {
		if s.Start >= s.End || s.End > len(text) {
			continue
		}
		if start := strings.LastIndexByte(text[:s.Start], '\n') + 1; start > lineStart {
			total += line.count(&prose)
			end := strings.IndexByte(text[start:], '\n')
			if end < 0 {
				end = len(text)
			} else {
				end += start
			}
			line, lineStart = proseLine{text: text[start:end]}, start
		}
		line.add(s.Lang, letters[i])
	}
	return prose, total + line.count(&prose)
}

// proseLine gathers the letters per language of the spans of one line (see
// Doc.Prose).
type proseLine struct {
	text    string
	letters int
	n       int // languages in byLang
	byLang  [4]struct {
		lang    string
		letters int
	} // the first languages of the line (more are counted as none)
}

// add counts n letters of language l ("" for none).
func (p *proseLine) add(l string, n int) {
	p.letters += n
	if l == "" || n == 0 {
		return
	}
	for i := range p.n {
		if p.byLang[i].lang == l {
			p.byLang[i].letters += n
			return
		}
	}
	if p.n < len(p.byLang) {
		p.byLang[p.n].lang, p.byLang[p.n].letters = l, n
		p.n++
	}
}

// count adds the letters of the line to prose under the language that holds
// more than half of them, when the line is prose; it returns the letters
// of the line when it is prose, else 0.
func (p *proseLine) count(prose *map[string]int) int {
	if p.letters < proseLetters || !hasWords(p.text, proseWords) {
		return 0
	}
	for _, c := range p.byLang[:p.n] {
		if 2*c.letters > p.letters {
			if *prose == nil {
				*prose = map[string]int{}
			}
			(*prose)[c.lang] += p.letters
		}
	}
	return p.letters
}

// hasWords reports whether s holds at least n words (runs of non-space).
func hasWords(s string, n int) bool {
	in := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			if n--; n == 0 {
				return true
			}
		}
	}
	return n <= 0
}
