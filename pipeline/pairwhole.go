package pipeline

import (
	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/clean"
)

// reasonPartial is the name of the pair filter that rejects a partial
// translation (one side says much more than the other).
const reasonPartial = "partial"

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
// pair filters rejected as partial translations alone when the bead is a
// whole paragraph of one version paired with a whole paragraph of the
// other (see wholeSpan). The partial filter sees one sentence pair and
// cannot tell a clause one side left out, whose sentence is then aligned
// with a longer one, from a freer translation of the same paragraph; the
// two versions can: when the paragraph boundaries of both fall on the
// bead's, nothing of either paragraph went elsewhere, and the paragraphs
// are each other's translation whatever their lengths.
func keepWholeParagraphs(beads []align.Bead, verdicts []*clean.Verdict, src, tgt []Sentence) {
	for i, b := range beads {
		if i >= len(verdicts) {
			break
		}
		v := verdicts[i]
		if v == nil || len(v.Reasons) != 1 || v.Reasons[0] != reasonPartial {
			continue
		}
		if wholeSpan(src, b.Src) && wholeSpan(tgt, b.Tgt) {
			v.Reasons, v.Details = nil, nil
		}
	}
}
