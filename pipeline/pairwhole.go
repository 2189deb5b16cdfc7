package pipeline

import (
	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
)

// overridable reports whether reasons, the filters that rejected a bead,
// are all filters a bead of whole paragraphs overrides (see
// keepWholeParagraphs): partial (one side says much more than the other)
// and numbers (the numbers of the two sides differ: a footnote mark "[66]"
// the translation moved to the next sentence).
func overridable(reasons []string) bool {
	if len(reasons) == 0 {
		return false
	}
	for _, r := range reasons {
		if r != "partial" && r != "numbers" {
			return false
		}
	}
	return true
}

// wholeSpan reports whether the sentences idx of sents are all the
// sentences of one span of their document, in that span's order, and no
// other: a paragraph, a heading or a list item whole.
func wholeSpan(sents []Sentence, idx []int) bool {
	if len(idx) == 0 {
		return false
	}
	span := sents[idx[0]].Span
	n := 0
	for _, s := range sents {
		if s.Span == span {
			n++
		}
	}
	if n != len(idx) {
		return false
	}
	for _, i := range idx {
		if sents[i].Span != span {
			return false
		}
	}
	return true
}

// keepWholeParagraphs takes back the beads of a document pair that the
// pair filters rejected as partial translations or for their numbers
// alone (see overridable) when the bead is a whole paragraph of one
// version paired with a whole paragraph of the other (see wholeSpan).
// Those filters see one sentence pair and cannot tell a clause or a
// footnote mark that went to a neighbouring sentence from a freer
// translation of the same text; the two versions can: when the paragraph
// boundaries of both fall on the bead's, nothing of either paragraph went
// elsewhere, and the paragraphs are each other's translation whatever
// their lengths and marks.
func keepWholeParagraphs(beads []align.Bead, verdicts []*clean.Verdict, src, tgt []Sentence) {
	for i, b := range beads {
		if i >= len(verdicts) {
			break
		}
		v := verdicts[i]
		if v == nil || !overridable(v.Reasons) {
			continue
		}
		if wholeSpan(src, b.Src) && wholeSpan(tgt, b.Tgt) {
			v.Reasons, v.Details = nil, nil
		}
	}
}
