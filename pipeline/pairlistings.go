package pipeline

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/lang"
)

// reasonCode is the classifier's reason for a line of a code listing.
const reasonCode = "noise:code"

// minListingWords is the number of words (of two letters or more) a line
// of a listing needs to be taken as translated text. Chosen leaving one
// dev site out among 1-3 (sentence coverage of the WARC runs, precision
// at least 0.97 on every site): the 8 folds all pick 1; on its held-out
// site, 1 rather than 3 changes coverage by -0.0003 (debian-faq) to
// +0.0064 (aptitude), precision by -0.003 at most. A translated menu of a
// screen dump ("--- Задачи", "Выход") is as much the page's text as a
// longer message.
const minListingWords = 1

// listingKey is the text of a line as two versions of a page compare it:
// lower case, words separated by one space.
func listingKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// textKey is the text of a sentence or a line as dropUntranslated compares
// it: its words of letters and digits in lower case, one space between
// them, so that a paragraph left untranslated whose quotes, dashes or
// spaces the translator's tools changed ("the “Buffers” dialog", "the
// «Buffers» dialog") is still the same text.
func textKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
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

// codeLines returns the keys of the lines of d dropped as code: of each
// span, and of each line that codeLineRuns joins.
func codeLines(d *DocResult) map[string]bool {
	m := map[string]bool{}
	for _, s := range d.Spans {
		if s.Reason == reasonCode {
			m[listingKey(s.Text)] = true
		}
	}
	for _, g := range codeLineRuns(d) {
		if g[1]-g[0] > 1 {
			m[listingKey(lineText(d, g))] = true
		}
	}
	return m
}

// codeLineRuns returns the runs [i, j) of d's spans that are the spans of
// one line of a code listing: adjacent, none but the last ending the line.
// Segment cuts a line at each change of language, so a command whose
// placeholder was translated ("$ sudo dpkg -i gentoo_версия-редакция_i386.deb")
// is in several spans.
func codeLineRuns(d *DocResult) [][2]int {
	var out [][2]int
	for i := 0; i < len(d.Spans); {
		if d.Spans[i].Reason != reasonCode {
			i++
			continue
		}
		j := i + 1
		for j < len(d.Spans) && d.Spans[j].Reason == reasonCode && d.Spans[j].Start == d.Spans[j-1].End &&
			!strings.HasSuffix(d.Spans[j-1].Text, "\n") {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// translatedListings adds to sents (d's body sentences of language l) the
// sentences of the lines of d's code listings that were translated: a
// listing line in language l, of minListingWords words at least, that is
// not a line of the other version's listings. Code is the same in both
// versions of a page; program output, messages and comments of a listing
// that differ and read as words of the page's language are its
// translation (a screen dump of a localised program). A line cut into
// pieces of several languages is taken whole as a line of l when its
// pieces of l hold minListingWords words and it is no line of the other
// version: a message with the names it quotes ("libsdl1.2debian-all (=
// 1.2.12-1) но его невозможно установить или"), a field and its value
// ("Сопровождающий: APT Development Team <deity@lists.debian.org>"),
// where the pieces of l alone lose what the other side's line holds. A
// command whose placeholders alone were translated ("$ sudo dpkg -i
// gentoo_версия-редакция_i386.deb") has no words of l and stays code.
// Only a pair of documents can tell: a single document keeps dropping
// them. The result is in document order.
func (e *Engine) translatedListings(d *DocResult, l string, other map[string]bool, sents []Sentence) []Sentence {
	n := len(sents)
	for _, g := range codeLineRuns(d) {
		if g[1]-g[0] > 1 {
			text := lineText(d, g)
			var own strings.Builder
			for _, s := range d.Spans[g[0]:g[1]] {
				if s.Lang == l {
					own.WriteString(s.Text)
					own.WriteByte(' ')
				}
			}
			if listingWords(own.String()) < minListingWords || other[listingKey(text)] {
				continue
			}
			first, last := d.Spans[g[0]], d.Spans[g[1]-1]
			line := SpanResult{Span: first.Span, RawStart: first.RawStart, RawEnd: last.RawEnd, Text: text}
			line.Lang, line.End = l, last.End
			sents = append(sents, e.spanSentences(g[0], line, l)...)
			continue
		}
		s := d.Spans[g[0]]
		if s.Lang != l || listingWords(s.Text) < minListingWords || other[listingKey(s.Text)] {
			continue
		}
		sents = append(sents, e.spanSentences(g[0], s, l)...)
	}
	if len(sents) > n {
		sort.SliceStable(sents, func(i, j int) bool { return sents[i].RawStart < sents[j].RawStart })
	}
	return sents
}

// untranslated holds, for the key (textKey) of each piece of text of one
// version of a page in the other version's language, the places where that
// version holds it: the index of its span over the number of spans, one
// entry per occurrence.
type untranslated map[string][]float64

// spansIn returns the keys of the spans of d in language l, the other
// version's language, body or not (a run keeps only the sentences of a
// document's own language, so they are never aligned), with their places.
func spansIn(d *DocResult, l string) untranslated {
	m := untranslated{}
	for i, s := range d.Spans {
		if s.Lang == l {
			if k := textKey(s.Text); k != "" {
				m[k] = append(m[k], float64(i)/float64(len(d.Spans)))
			}
		}
	}
	return m
}

// untranslatedKeys returns spansIn(d, l) with the keys of the sentences of
// those spans: a paragraph left untranslated in the other version is one
// span there, and its sentences are sentences here.
func (e *Engine) untranslatedKeys(d *DocResult, l string) untranslated {
	m := spansIn(d, l)
	if e.text == nil {
		return m
	}
	for i, s := range d.Spans {
		if s.Lang != l || !strings.ContainsAny(s.Text, ".!?;:") {
			continue
		}
		pieces, _ := e.text.sentences(l, s.Text)
		if len(pieces) < 2 {
			continue
		}
		for _, p := range pieces {
			if k := textKey(p.text); k != "" {
				m[k] = append(m[k], float64(i)/float64(len(d.Spans)))
			}
		}
	}
	return m
}

// dropUntranslated removes from sents (the sentences of a version of a
// page with nSpans spans) the sentences that the other version of the page
// holds unchanged, as text of the sentences' language (a term, a name, an
// option left in the original in a table cell): they have no translation to
// pair with, and on one side only they push the aligner off its diagonal.
// A text the other version holds fewer times than sents is translated
// elsewhere: a column heading "Default" over a table whose Russian version
// says "По-умолчанию" and keeps the style named "Default" in a row. Then
// as many of its sentences as the other version holds it are removed,
// those whose places (span over spans) are nearest the other version's,
// in order.
func dropUntranslated(sents []Sentence, nSpans int, other untranslated) []Sentence {
	if len(other) == 0 {
		return sents
	}
	at := map[string][]int{}
	for i, s := range sents {
		if k := textKey(s.Text); k != "" && len(other[k]) > 0 {
			at[k] = append(at[k], i)
		}
	}
	drop := markHeld(len(sents), at, other, func(i int) float64 { return float64(sents[i].Span) / float64(max(nSpans, 1)) })
	out := sents[:0:0]
	for i, s := range sents {
		if !drop[i] {
			out = append(out, s)
		}
	}
	return out
}

// markHeld returns which of n items the other version holds: at lists,
// for each key the other version holds, the items of that key in order,
// and place gives an item's place (span over spans). All the items of a
// key are held when the other version holds the key as many times or
// more; else as many as it holds, those nearest its places in order (see
// nearestInOrder).
func markHeld(n int, at map[string][]int, other untranslated, place func(i int) float64) []bool {
	held := make([]bool, n)
	for key, idx := range at {
		places := other[key]
		if len(idx) <= len(places) {
			for _, i := range idx {
				held[i] = true
			}
			continue
		}
		mine := make([]float64, len(idx))
		for j, i := range idx {
			mine[j] = place(i)
		}
		for _, j := range nearestInOrder(mine, slices.Sorted(slices.Values(places))) {
			held[idx[j]] = true
		}
	}
	return held
}

// nearestInOrder chooses len(b) of the places a (len(a) > len(b), both in
// order) to match b in order, with the least sum of distances, and returns
// their indexes in a.
func nearestInOrder(a, b []float64) []int {
	n, m := len(a), len(b)
	// cost[i][j]: the least cost of matching b[:j] within a[:i].
	cost := make([][]float64, n+1)
	for i := range cost {
		cost[i] = make([]float64, m+1)
		for j := 1; j <= m; j++ {
			cost[i][j] = math.Inf(1)
		}
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= min(i, m); j++ {
			cost[i][j] = min(cost[i-1][j], cost[i-1][j-1]+math.Abs(a[i-1]-b[j-1]))
		}
	}
	out := make([]int, m)
	for i, j := n, m; j > 0; i-- {
		if cost[i][j] == cost[i-1][j] {
			continue
		}
		out[j-1] = i - 1
		j--
	}
	return out
}

// minOwnScript is the least share of a sentence's letters in the script of
// the language of its page's version for the sentence to be taken as text
// of that language (see ownLanguage). Chosen leaving one dev site out
// among 0.1-0.8 (sentence coverage of the WARC runs, precision unchanged
// at every value): 7 folds of 8 pick 0.1, the fold without gimp-help
// 0.25; the conservative 0.25 costs gimp-help 0.0015 of coverage.
const minOwnScript = 0.25

// reasonOtherLanguage is the classifier's reason for a line in a language
// other than its page's.
const reasonOtherLanguage = "boilerplate:other-language"

// ownLanguage adds to sents (d's body sentences of language l, d being the
// l version of a page pair whose other version is in o) the text of d that
// is in l though d as a whole reads as o: a Russian version mostly in
// Latin letters (a bibliography, a page translated in part) is still the
// Russian version. Its sentences labelled o whose letters are mostly in
// l's script ("[APOD02] Астрономическая картинка дня — Хаббл"), merged
// into a line of o by the page's majority, are l; its lines dropped as
// boilerplate:other-language(l) are its translated paragraphs. Nothing
// changes when l and o share a script. The result is in document order.
func (e *Engine) ownLanguage(d *DocResult, l, o string, sents []Sentence) []Sentence {
	if _, distinct := lang.ScriptShare("", l, o); !distinct || e.text == nil {
		return sents
	}
	n := len(sents)
	for _, s := range d.Sentences {
		if s.Lang != o {
			continue
		}
		if share, _ := lang.ScriptShare(s.Text, l, o); share >= minOwnScript {
			s.Lang = l
			sents = append(sents, s)
		}
	}
	for i, s := range d.Spans {
		if s.Lang != l || s.Reason != reasonOtherLanguage+"("+l+")" {
			continue
		}
		sents = append(sents, e.spanSentences(i, s, l)...)
	}
	if len(sents) > n {
		sort.SliceStable(sents, func(i, j int) bool { return sents[i].RawStart < sents[j].RawStart })
	}
	return sents
}

// isFurniture reports whether reason is the classifier's reason for a line
// of a page's furniture as its markup marks it: a landmark or a block
// named like one ("boilerplate:nav(html)", "boilerplate:sidebar(html)",
// "boilerplate:title(html)") or a block mostly of links.
func isFurniture(reason string) bool {
	if reason == "boilerplate:link-dense" {
		return true
	}
	return strings.HasPrefix(reason, "boilerplate:") && strings.HasSuffix(reason, "(html)") &&
		!strings.HasPrefix(reason, reasonOtherLanguage)
}

// furnitureKeys returns the keys (textKey) of d's lines dropped as
// furniture (see isFurniture), whatever their language, with their places
// (see untranslated): of each span and of each line whose spans
// furnitureLines joins.
func furnitureKeys(d *DocResult) untranslated {
	m := untranslated{}
	for i, s := range d.Spans {
		if isFurniture(s.Reason) {
			if k := textKey(s.Text); k != "" {
				m[k] = append(m[k], float64(i)/float64(len(d.Spans)))
			}
		}
	}
	for _, g := range furnitureLines(d) {
		if g[1]-g[0] > 1 {
			if k := textKey(lineText(d, g)); k != "" {
				m[k] = append(m[k], float64(g[0])/float64(len(d.Spans)))
			}
		}
	}
	return m
}

// furnitureLines returns the runs [i, j) of d's spans that are the spans
// of one line dropped as furniture (see isFurniture): adjacent, of one
// reason, none but the last ending the line. Segment cuts a line at each
// change of language, so a line of a page's table of contents or title
// ("6.1. Лучшие практики для debian/rules") is in several spans.
func furnitureLines(d *DocResult) [][2]int {
	var out [][2]int
	for i := 0; i < len(d.Spans); {
		if !isFurniture(d.Spans[i].Reason) {
			i++
			continue
		}
		j := i + 1
		for j < len(d.Spans) && d.Spans[j].Reason == d.Spans[i].Reason && d.Spans[j].Start == d.Spans[j-1].End &&
			!strings.HasSuffix(d.Spans[j-1].Text, "\n") {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// lineText returns the text of d's spans g[0] to g[1]-1.
func lineText(d *DocResult, g [2]int) string {
	var b strings.Builder
	for _, s := range d.Spans[g[0]:g[1]] {
		b.WriteString(s.Text)
	}
	return b.String()
}

// joinedFurniture returns the spans of line g of d (see furnitureLines)
// with the pieces of another language inside text of l joined to it (see
// lang.JoinLine): the side of a pair says the line's language, where the
// classifier had only the page to go by. first holds the index in d.Spans
// of each result's first span.
func joinedFurniture(d *DocResult, g [2]int, l string) (out []SpanResult, first []int) {
	spans := d.Spans[g[0]:g[1]]
	if len(spans) == 1 {
		return spans, []int{g[0]}
	}
	base := spans[0].Start
	text := lineText(d, g)
	ls := make([]lang.Span, len(spans))
	for k, s := range spans {
		ls[k] = s.Span
		ls[k].Start, ls[k].End = s.Start-base, s.End-base
	}
	joined := lang.JoinLine(text, ls, l)
	out, first = make([]SpanResult, 0, len(joined)), make([]int, 0, len(joined))
	k := 0
	for _, j := range joined {
		f := k
		for k < len(spans) && spans[k].End-base <= j.End {
			k++
		}
		r := SpanResult{Span: j, RawStart: spans[f].RawStart, RawEnd: spans[k-1].RawEnd, Text: text[j.Start:j.End]}
		r.Start, r.End = j.Start+base, j.End+base
		out, first = append(out, r), append(first, g[0]+f)
	}
	return out, first
}

// translatedFurniture adds to sents (d's body sentences of language l) the
// sentences of d's lines in l dropped as furniture (see isFurniture) that
// the other version of the page does not hold unchanged among its own
// furniture (other, from furnitureKeys). Furniture proper (a menu, a
// language switcher, a logo's caption) is the same text in every page of
// a language and is, in the other version, either the same text or text
// the aligner finds no partner for; a heading, a table of contents, a
// breadcrumb or a caption that markup placed in a nav, header or sidebar
// is translated between the two versions, and that is its evidence of
// being content. A single document cannot tell: it keeps dropping them.
// A text that the other version holds fewer times among its furniture is
// translated elsewhere ("(back to top)" after every section, left once in
// English in the Russian version's menu): the lines nearest the other
// version's places stay furniture, the others are taken back.
// A line's pieces of another language inside its text of l are taken
// back with it (see joinedFurniture). The result is in document order.
func (e *Engine) translatedFurniture(d *DocResult, l string, other untranslated, sents []Sentence) []Sentence {
	if e.text == nil {
		return sents
	}
	type line struct {
		first int
		s     SpanResult
	}
	var lines []line
	at := map[string][]int{} // the lines of each key held by other
	for _, g := range furnitureLines(d) {
		spans, first := joinedFurniture(d, g, l)
		for k, s := range spans {
			if s.Lang != l {
				continue
			}
			key := textKey(s.Text)
			if key == "" {
				continue
			}
			if len(other[key]) > 0 {
				at[key] = append(at[key], len(lines))
			}
			lines = append(lines, line{first[k], s})
		}
	}
	// The lines the other version holds unchanged stay furniture; when it
	// holds a text fewer times, the occurrences nearest its places stay.
	stay := markHeld(len(lines), at, other, func(i int) float64 { return float64(lines[i].first) / float64(len(d.Spans)) })
	n := len(sents)
	for i, ln := range lines {
		if !stay[i] {
			sents = append(sents, e.spanSentences(ln.first, ln.s, l)...)
		}
	}
	if len(sents) > n {
		sort.SliceStable(sents, func(i, j int) bool { return sents[i].RawStart < sents[j].RawStart })
	}
	return sents
}

// spanSentences splits the text of d's span i (s) into sentences of l,
// with their raw offsets: exact for the whole span, else shifted from the
// span's start and kept inside it (an entity makes the raw text longer
// than the text).
func (e *Engine) spanSentences(i int, s SpanResult, l string) []Sentence {
	pieces, _ := e.text.sentences(l, s.Text)
	out := make([]Sentence, 0, len(pieces))
	for _, p := range pieces {
		a, b := s.RawStart, s.RawEnd
		if p.start > 0 || p.end < len(s.Text) {
			a, b = min(s.RawStart+p.start, s.RawEnd), min(s.RawStart+p.end, s.RawEnd)
		}
		out = append(out, Sentence{Lang: l, Text: p.text, RawStart: a, RawEnd: b, Span: i})
	}
	return out
}

// takeBack is what a document pair took back to the aligner of a span the
// classifier dropped (see takenBack): the whole span, or a part of it, rest
// being the text it did not take back, at raw offsets restStart, restEnd.
type takeBack struct {
	whole              bool
	rest               string
	restStart, restEnd int
}

// takenBack returns what the pair job of d took back to the aligner of the
// spans of d that the classifier dropped (not lang.Body), by span index:
// sents (the sentences of d that were aligned, PairResult's SrcSents or
// TgtSents) hold sentences of the span. A span is taken back whole when
// those sentences are its whole text (its letters and digits, in lower
// case: the splitter's repairs part glued words, "ButPressed" -> "But
// Pressed"), so that its text is in corpus.* or in a later reject; in part
// when some of its sentences were left out (dropUntranslated removed a
// sentence the other version holds unchanged), and then rest is the text
// that was not taken back, the only text its classify reject keeps. A sentence of a furniture line joined
// across spans (see joinedFurniture), or of a code line taken whole (see
// translatedListings), names the line's first span and
// covers the spans after it too, up to the next span that names sentences
// of its own. Nil when nothing was taken back.
func takenBack(d *DocResult, sents []Sentence) map[int]takeBack {
	var parts map[int][]string
	for _, s := range sents {
		if s.Span < 0 || s.Span >= len(d.Spans) || d.Spans[s.Span].Kind == lang.Body {
			continue
		}
		if parts == nil {
			parts = map[int][]string{}
		}
		parts[s.Span] = append(parts[s.Span], s.Text)
	}
	if parts == nil {
		return nil
	}
	lineEnd := make([]int, len(d.Spans)) // the end of the furniture or code line of each span
	for i := range lineEnd {
		lineEnd[i] = i + 1
	}
	for _, g := range append(furnitureLines(d), codeLineRuns(d)...) {
		for i := g[0]; i < g[1]; i++ {
			lineEnd[i] = g[1]
		}
	}
	var m map[int]takeBack
	for i, p := range parts {
		j := i + 1
		for j < lineEnd[i] && parts[j] == nil && d.Spans[j].Kind != lang.Body {
			j++
		}
		for k, tb := range coverSpans(d.Spans[i:j], p) {
			if m == nil {
				m = map[int]takeBack{}
			}
			m[i+k] = tb
		}
	}
	return m
}

// coverSpans finds the sentences sents, in order, in the letters and digits
// of spans (adjacent spans, the first of which they name) and returns what
// they cover of each span: all of its letters (whole) or some of them (the
// rest of its text), by index in spans. A span without letters is not
// taken back; a sentence not found takes nothing back.
func coverSpans(spans []SpanResult, sents []string) map[int]takeBack {
	var key strings.Builder
	var pos []textLetter
	var keyAt []int // the byte offset in key of each letter of pos, and the end
	for k, s := range spans {
		for at, r := range s.Text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				keyAt = append(keyAt, key.Len())
				key.WriteRune(unicode.ToLower(r))
				pos = append(pos, textLetter{span: k, at: at, end: at + utf8.RuneLen(r)})
			}
		}
	}
	keyAt = append(keyAt, key.Len())
	ks := key.String()
	from := 0 // a letter index
	for _, s := range sents {
		sk := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
		at := strings.Index(ks[keyAt[from]:], sk)
		if sk == "" || at < 0 {
			continue
		}
		// The letters from the one at byte keyAt[from]+at to the sentence's end.
		a, _ := slices.BinarySearch(keyAt, keyAt[from]+at)
		b, _ := slices.BinarySearch(keyAt, keyAt[from]+at+len(sk))
		for n := a; n < b; n++ {
			pos[n].covered = true
		}
		from = b
	}
	out := map[int]takeBack{}
	for n := 0; n < len(pos); {
		k := pos[n].span
		m, in := n, 0
		for ; m < len(pos) && pos[m].span == k; m++ {
			if pos[m].covered {
				in++
			}
		}
		s, letters := spans[k], pos[n:m]
		n = m
		switch {
		case in == 0:
		case in == len(letters):
			out[k] = takeBack{whole: true}
		default:
			out[k] = restOf(s, letters)
		}
	}
	return out
}

// textLetter is a letter or digit of a span's text, at bytes [at, end),
// and whether a taken-back sentence covers it.
type textLetter struct {
	span, at, end int
	covered       bool
}

// restOf returns the part of span s that the sentences did not cover
// (letters: the letters of its text in order, some of them covered). The
// characters between a covered letter and an uncovered one go to the
// covered side up to the first space between them (a sentence's closing
// punctuation), and from the last space to the covered side after an
// uncovered letter (an opening quote). Pieces of the rest are joined with a
// space; its raw offsets are the span's shifted by the rest's place in the
// text and kept inside the span, as spanSentences does for a sentence.
func restOf(s SpanResult, letters []textLetter) takeBack {
	var pieces []string
	tb := takeBack{restStart: s.RawEnd, restEnd: s.RawStart}
	for i, n := 0, len(letters); i < n; {
		if letters[i].covered {
			i++
			continue
		}
		j := i
		for j < n && !letters[j].covered {
			j++
		}
		a, b := 0, len(s.Text)
		if i > 0 {
			gap := s.Text[letters[i-1].end:letters[i].at]
			a = letters[i].at
			if k := strings.IndexFunc(gap, unicode.IsSpace); k >= 0 {
				a = letters[i-1].end + k
			}
		}
		if j < n {
			gap := s.Text[letters[j-1].end:letters[j].at]
			b = letters[j].at
			if k := strings.LastIndexFunc(gap, unicode.IsSpace); k >= 0 {
				b = letters[j-1].end + k
			}
		}
		t := strings.TrimLeftFunc(s.Text[a:b], unicode.IsSpace)
		a += len(s.Text[a:b]) - len(t)
		t = strings.TrimRightFunc(t, unicode.IsSpace)
		b = a + len(t)
		if t != "" {
			pieces = append(pieces, t)
			tb.restStart = min(tb.restStart, s.RawStart+a, s.RawEnd)
			tb.restEnd = max(tb.restEnd, min(s.RawStart+b, s.RawEnd))
		}
		i = j
	}
	tb.rest = strings.Join(pieces, " ")
	if tb.restEnd < tb.restStart {
		tb.restStart, tb.restEnd = s.RawStart, s.RawEnd
	}
	return tb
}
