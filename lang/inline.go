package lang

import (
	"strings"
	"unicode"
)

// MergeInline joins the body spans of a sentence that Segment cut at a change
// of language: a name, a command or a quoted term of another language inside
// a sentence ("пакет frozen-bubble находит", "GNU Emacs является ...") is
// part of that sentence, and splitting or dropping it would leave broken
// sentences in a corpus. It returns spans (classified by Classifier) with
// each such run of adjacent body spans on one line replaced by one body span
// in the language of most of its letters; spans still cover text exactly
// once. A piece of another language that is a sentence of its own (it
// follows a sentence end and ends one, or stands alone between them) keeps
// its own span. Detection output keeps the fine-grained spans; the pipeline
// merges before splitting sentences. The spans of a line of hidden text
// (boilerplate:hidden(html)), which a two-version run may take back as
// body, are joined alike.
func MergeInline(text string, spans []Span) []Span {
	page := pageLang(text, spans)
	out := make([]Span, 0, len(spans))
	for i := 0; i < len(spans); {
		j := i + 1
		if spans[i].Kind == Body || spans[i].Reason == reasonHidden {
			for j < len(spans) && spans[j].Kind == spans[i].Kind && spans[j].Reason == spans[i].Reason && spans[j].Start == spans[j-1].End &&
				!strings.HasSuffix(text[spans[j-1].Start:spans[j-1].End], "\n") {
				j++
			}
		}
		if j-i == 1 {
			out = append(out, spans[i])
			i = j
			continue
		}
		out = appendGroup(out, text, spans[i:j], page)
		i = j
	}
	return out
}

// pageLang returns the language of most of the letters of the body spans
// of a page, "" for none.
func pageLang(text string, spans []Span) string {
	letters := map[string]int{}
	for _, s := range spans {
		if s.Kind == Body && s.Lang != "" {
			letters[s.Lang] += countLetters(text[s.Start:s.End])
		}
	}
	return mostLetters(letters)
}

// mostLetters returns the language with the most letters (the first in
// order on a tie), "" for none.
func mostLetters(letters map[string]int) string {
	main, best := "", 0
	for l, n := range letters {
		if n > best || n == best && l < main {
			main, best = l, n
		}
	}
	return main
}

// reasonHidden is the hidden stage's reason for a line of hidden HTML text.
const reasonHidden = "boilerplate:hidden(html)"

// appendGroup appends the spans of one run of adjacent body spans on one
// line, merging those that form sentences of the run's main language: the
// page's language page when the run holds text of it (a sentence of the
// page quoting a longer term or option of another language, "Опция:
// APT::Install-Recommends"), else the language of most of its letters.
func appendGroup(out []Span, text string, g []Span, page string) []Span {
	letters := map[string]int{}
	for _, s := range g {
		if s.Lang != "" {
			letters[s.Lang] += countLetters(text[s.Start:s.End])
		}
	}
	main := mostLetters(letters)
	if letters[page] > 0 {
		main = page
	}
	if main == "" {
		return append(out, g...)
	}
	start, end := g[0].Start, g[len(g)-1].End
	var cur *Span
	for _, s := range g {
		joins := s.Lang == main || s.Lang == ""
		if !joins {
			before := strings.TrimSpace(text[start:s.Start])
			after := strings.TrimSpace(text[s.End:end])
			own := text[s.Start:s.End]
			joins = before != "" && (!endsSentence(before) || main == page && endsLabel(before)) ||
				after != "" && (!endsSentence(own) || main == page && endsLabel(own))
		}
		if !joins {
			out = append(out, s)
			cur = nil
			continue
		}
		if cur == nil {
			out = append(out, Span{Start: s.Start, End: s.End, Lang: main, Kind: g[0].Kind, Reason: g[0].Reason})
			cur = &out[len(out)-1]
		} else {
			cur.End = s.End
		}
		if s.Lang == main && s.Confidence > cur.Confidence {
			cur.Confidence = s.Confidence
		}
	}
	return out
}

// JoinLine joins the adjacent spans g of one line of text (each starts where
// the one before it ends) as MergeInline joins the body spans of a line, in
// language main when the line holds text of it: a name, a command or a
// version of another language inside that language's text ("6.1. Лучшие
// практики для debian/rules", "Поиск — документация developers-reference
// 12.18") becomes part of it. A two-version run uses it to take back a
// line of page furniture whole in the language of its side of the pair,
// which it knows, where MergeInline would have to guess it from the page
// (a page of that side whose body is mostly an untranslated sentence would
// turn the line into the other language). Spans of g must share Kind and
// Reason; the result covers the text of g exactly once.
func JoinLine(text string, g []Span, main string) []Span {
	if len(g) < 2 {
		return g
	}
	return appendGroup(nil, text, g, main)
}

// countLetters counts the letters of s.
func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// inlineInPage reports whether span spans[i], in the language of most of
// its line l but not of the page (main), is part of a sentence of the page's
// language on that line ("Опция: APT::Install-Recommends", "Клавиша «clear
// to end of line»."): a neighbouring span on the line is in main and no
// sentence ends between them (a label's colon does not end one: "Опция:
// X", "triggers-pending: пакет ..."). Dropping it would leave the
// sentence cut.
func inlineInPage(text string, spans []Span, i int, l lineInfo, main string) bool {
	s := spans[i]
	end := min(s.End, l.end)
	if s.Start < l.start || end < s.Start {
		return false
	}
	if i > 0 {
		p := spans[i-1]
		if p.Lang == main && p.Start >= l.start && p.End <= s.Start {
			if before := strings.TrimSpace(text[p.Start:p.End]); before != "" && (!endsSentence(before) || endsLabel(before)) {
				return true
			}
		}
	}
	if i+1 < len(spans) {
		n := spans[i+1]
		if n.Lang == main && n.Start >= s.End && n.Start < l.end && strings.TrimSpace(text[n.Start:min(n.End, l.end)]) != "" {
			return !endsSentence(text[s.Start:end]) || endsLabel(text[s.Start:end])
		}
	}
	return false
}

// endsLabel reports whether t ends with a colon: a label ("Опция:",
// "Default:") whose value follows on its line.
func endsLabel(t string) bool {
	return strings.HasSuffix(strings.TrimSpace(t), ":")
}
