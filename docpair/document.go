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
//   - Shares are the shares of the letters of body and boilerplate per
//     language of langs;
//   - ID, URL and Links are the document's.
//
// The Doc keeps no reference to d's text.
func FromDocument(d *corpus.Document, spans []lang.Span, langs []string) Doc {
	letters := map[string]int{} // body letters per language
	all := map[string]int{}     // letters of body and boilerplate per language
	total, allTotal := 0, 0
	var paras []Para
	lastLine := -1
	headings := headingLines(d)
	for _, s := range spans {
		if s.Kind == lang.Noise || s.Start >= s.End || s.End > len(d.Text) {
			continue
		}
		n := 0
		for _, r := range d.Text[s.Start:s.End] {
			if unicode.IsLetter(r) {
				n++
			}
		}
		allTotal += n
		if s.Lang != "" {
			all[s.Lang] += n
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
		letters, total = all, allTotal
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
		if l != best && best != "" && float64(letters[l]) >= minAltShare*float64(total) {
			alt = l
		}
	}
	shares := make(map[string]float64, len(langs))
	for _, l := range langs {
		if allTotal > 0 && all[l] > 0 {
			shares[l] = float64(all[l]) / float64(allTotal)
		}
	}
	return Doc{ID: d.ID, URL: d.URL, Lang: best, Alt: alt, Shares: shares, Letters: allTotal, Links: docLinks(d.Links), Features: NewFeatures(paras)}
}

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
