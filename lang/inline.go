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
// merges before splitting sentences.
func MergeInline(text string, spans []Span) []Span {
	out := make([]Span, 0, len(spans))
	for i := 0; i < len(spans); {
		j := i + 1
		if spans[i].Kind == Body {
			for j < len(spans) && spans[j].Kind == Body && spans[j].Start == spans[j-1].End &&
				!strings.HasSuffix(text[spans[j-1].Start:spans[j-1].End], "\n") {
				j++
			}
		}
		if j-i == 1 {
			out = append(out, spans[i])
			i = j
			continue
		}
		out = appendGroup(out, text, spans[i:j])
		i = j
	}
	return out
}

// appendGroup appends the spans of one run of adjacent body spans on one
// line, merging those that form sentences of the run's main language.
func appendGroup(out []Span, text string, g []Span) []Span {
	letters := map[string]int{}
	for _, s := range g {
		if s.Lang != "" {
			letters[s.Lang] += countLetters(text[s.Start:s.End])
		}
	}
	main, best := "", 0
	for l, n := range letters {
		if n > best || n == best && l < main {
			main, best = l, n
		}
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
			joins = before != "" && !endsSentence(before) || after != "" && !endsSentence(own)
		}
		if !joins {
			out = append(out, s)
			cur = nil
			continue
		}
		if cur == nil {
			out = append(out, Span{Start: s.Start, End: s.End, Lang: main, Kind: Body})
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
