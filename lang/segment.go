package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minForeignLetters is the fewest letters a run of another script needs to
// become a span of its own inside a line; shorter runs (an initial, a unit,
// "W.H.С.") stay with the text around them.
const minForeignLetters = 3

// Segment cuts text into spans of one language. Spans cover text exactly
// once, in order; no span holds text of two lines; each line's newline
// belongs to the line's last span, and runs of blank lines form one span with
// an empty language, as does a line without letters.
//
// Inside a line, Segment cuts where the script changes; a script only one of
// the detector's languages uses is that language. Within a script shared by
// several languages it labels the line word by word (see wordRuns), so that a
// sentence, a clause or a few words of another language become their own
// span. Finally, unsure spans take the language that dominates the sure
// spans of their script in the document, when one does (see smooth).
//
// Segment does not classify: every span has Kind Body until Classify runs.
// It is deterministic and safe for concurrent use.
func (d *Detector) Segment(text string) []Span {
	var spans []Span
	for pos := 0; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += pos
			next = end + 1
		}
		line := text[pos:end]
		if isBlank(line) {
			if n := len(spans); n > 0 && spans[n-1].Lang == "" && isBlank(text[spans[n-1].Start:spans[n-1].End]) {
				spans[n-1].End = next
			} else {
				spans = append(spans, Span{Start: pos, End: next})
			}
		} else {
			spans = d.segmentLine(spans, line, pos)
			spans[len(spans)-1].End = next
		}
		pos = next
	}
	if d.lingua != nil {
		d.smooth(text, spans)
	}
	return spans
}

// Thresholds of smooth.
const (
	sureConfidence   = 0.8 // a span this sure votes for its page's language
	unsureConfidence = 0.6 // a span less sure than this may take the page's language
	pageMajority     = 0.6 // share of the sure bytes of a script the page's language needs
)

// smooth gives unsure spans (short lines such as "Dear Sergey Viktorovich,"
// or "• Add Comment") the language that dominates the sure spans of their
// script in the document, when one does. Pages mixing many languages of one
// script have no dominant language and are left as detected.
func (d *Detector) smooth(text string, spans []Span) {
	votes := map[script]map[string]int{}
	total := map[script]int{}
	scripts := make([]script, len(spans))
	for i, s := range spans {
		if s.Lang == "" {
			continue
		}
		sc := scriptOfLang(s.Lang)
		scripts[i] = sc
		if len(d.byScript[sc]) < 2 || s.Confidence < sureConfidence {
			continue
		}
		if votes[sc] == nil {
			votes[sc] = map[string]int{}
		}
		votes[sc][s.Lang] += s.Len()
		total[sc] += s.Len()
	}
	top := map[script]string{}
	for sc, v := range votes {
		best, n := "", 0
		for l, k := range v {
			if k > n || k == n && l < best {
				best, n = l, k
			}
		}
		if float64(n) >= pageMajority*float64(total[sc]) {
			top[sc] = best
		}
	}
	for i := range spans {
		s := &spans[i]
		t, ok := top[scripts[i]]
		if !ok || s.Lang == "" || s.Lang == t || s.Confidence >= unsureConfidence {
			continue
		}
		s.Lang = t
		s.Confidence = d.confidence(text[s.Start:s.End], t)
	}
}

func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// piece is a part of a line written in one script.
type piece struct {
	start, end int // offsets into the line
	s          script
	letters    int
}

// segmentLine appends the spans of one non-blank line (without its newline).
func (d *Detector) segmentLine(spans []Span, line string, base int) []Span {
	pieces := scriptPieces(line)
	if len(pieces) == 0 {
		return append(spans, Span{Start: base, End: base + len(line)})
	}
	for _, p := range pieces {
		cands := d.byScript[p.s]
		if len(cands) <= 1 || d.lingua == nil {
			lang, conf := "", 0.0
			if len(cands) > 0 {
				lang, conf = cands[0], 1
			}
			spans = appendSpan(spans, Span{Start: base + p.start, End: base + p.end, Lang: lang, Confidence: conf}, base)
			continue
		}
		for _, b := range blocks(line, p) {
			for _, r := range d.wordRuns(line, b) {
				spans = appendSpan(spans, Span{Start: base + r.start, End: base + r.end, Lang: r.lang, Confidence: r.conf}, base)
			}
		}
	}
	return spans
}

// appendSpan appends s, merging it into the last span when both are parts of
// one line (the last span starts at or after lineStart) with the same language;
// the confidence becomes the length-weighted mean.
func appendSpan(spans []Span, s Span, lineStart int) []Span {
	if n := len(spans); n > 0 && spans[n-1].Start >= lineStart && spans[n-1].End == s.Start && spans[n-1].Lang == s.Lang && s.Lang != "" {
		p := &spans[n-1]
		l1, l2 := float64(p.Len()), float64(s.Len())
		p.Confidence = (p.Confidence*l1 + s.Confidence*l2) / (l1 + l2)
		p.End = s.End
		return spans
	}
	return append(spans, s)
}

// scriptPieces cuts a line where the script of its letters changes. Text
// without letters belongs to the piece before it (or the first piece), and
// opening brackets and quotes go with the letters they open. Runs shorter than
// minForeignLetters join their neighbours. A line without letters gives nil.
func scriptPieces(line string) []piece {
	var ps []piece
	cur := scriptNone
	lastBreak := 0 // where a new piece would start: after the last space or closing mark
	for i, r := range line {
		s := scriptOf(r)
		if s == scriptNone {
			if unicode.IsSpace(r) || !isOpening(r) {
				lastBreak = i + utf8.RuneLen(r)
			}
			continue
		}
		if s != cur {
			if cur == scriptNone {
				ps = append(ps, piece{start: 0, s: s})
			} else {
				cut := lastBreak
				if cut <= ps[len(ps)-1].start {
					cut = i
				}
				ps[len(ps)-1].end = cut
				ps = append(ps, piece{start: cut, s: s})
			}
			cur = s
		}
		ps[len(ps)-1].letters++
		lastBreak = i + utf8.RuneLen(r)
	}
	if len(ps) == 0 {
		return nil
	}
	ps[len(ps)-1].end = len(line)
	// Absorb short foreign runs into the piece before them (or after, at the start).
	out := ps[:0]
	for _, p := range ps {
		n := len(out)
		switch {
		case n > 0 && (p.s == out[n-1].s || p.letters < minForeignLetters):
			out[n-1].end = p.end
			if p.s == out[n-1].s {
				out[n-1].letters += p.letters
			}
		case n > 0 && out[n-1].letters < minForeignLetters:
			p.start = out[n-1].start
			out[n-1] = p
		default:
			out = append(out, p)
		}
	}
	// Absorbing may leave neighbours of one script; join them.
	ps = out
	out = ps[:1]
	for _, p := range ps[1:] {
		if n := len(out); p.s == out[n-1].s {
			out[n-1].end = p.end
			out[n-1].letters += p.letters
		} else {
			out = append(out, p)
		}
	}
	return out
}

func isOpening(r rune) bool {
	switch r {
	case '(', '[', '{', '«', '"', '\'', '„', '“', '‘', '‹', '¿', '¡':
		return true
	}
	return unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r)
}

// wordCount counts runs of letters.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		l := unicode.IsLetter(r)
		if l && !in {
			n++
		}
		in = l
	}
	return n
}
