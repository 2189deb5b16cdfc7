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

// mergeParagraphs joins into one bead the beads that pair a paragraph of
// one version whole with a paragraph of the other whole, when the aligner
// cut the pair into several beads and some of them failed the pair
// filters for overridable reasons alone (partial, numbers: a clause or a
// footnote mark that went from one sentence to the next) or left a
// sentence unaligned. Cut at sentence boundaries the translation did not
// keep, the pieces are not translations of each other; the paragraphs
// are (see keepWholeParagraphs). The beads of the group must lie in one
// span a side and cover both spans whole, and judge gives the verdict of
// the joined pair: it may fail overridable filters only when every
// sentence was aligned, and none when one was left unaligned (that
// sentence may be one the other version does not translate: the joined
// pair must not then be a partial translation). On the dev sites (WARC
// runs) per-page coverage rose by 0.001 (aptitude) to 0.024 (gimp-help),
// precision unchanged. It returns the beads and verdicts, changed or not.
func mergeParagraphs(beads []align.Bead, verdicts []*clean.Verdict, src, tgt []Sentence, judge func(b align.Bead) *clean.Verdict) ([]align.Bead, []*clean.Verdict) {
	var outB []align.Bead
	var outV []*clean.Verdict
	changed := false
	for i := 0; i < len(beads); {
		j, ok, oneSided := paragraphGroup(beads, verdicts, src, tgt, i)
		if ok {
			m := align.Bead{}
			for _, b := range beads[i:j] {
				m.Src = append(m.Src, b.Src...)
				m.Tgt = append(m.Tgt, b.Tgt...)
				m.Score += b.Score
			}
			if v := judge(m); v != nil && (len(v.Reasons) == 0 || !oneSided && overridable(v.Reasons)) {
				v.Reasons, v.Details = nil, nil
				outB, outV = append(outB, m), append(outV, v)
				changed = true
				i = j
				continue
			}
		}
		if j <= i {
			j = i + 1
		}
		outB = append(outB, beads[i:j]...)
		for k := i; k < j; k++ {
			var v *clean.Verdict
			if k < len(verdicts) {
				v = verdicts[k]
			}
			outV = append(outV, v)
		}
		i = j
	}
	if !changed {
		return beads, verdicts
	}
	return outB, outV
}

// paragraphGroup returns the end of the run of beads from i that lie in
// the span of the first sentence of bead i on each side, whether they
// make a group mergeParagraphs joins (two beads or more, covering both
// spans whole, at least one with two sides, and at least one rejected for
// overridable reasons alone or with one side only, none rejected for
// another reason), and whether one has one side only.
func paragraphGroup(beads []align.Bead, verdicts []*clean.Verdict, src, tgt []Sentence, i int) (end int, ok, oneSided bool) {
	ss, ts := -1, -1
	in := func(sents []Sentence, idx []int, span *int) bool {
		for _, k := range idx {
			if *span < 0 {
				*span = sents[k].Span
			}
			if sents[k].Span != *span {
				return false
			}
		}
		return true
	}
	j := i
	for j < len(beads) && in(src, beads[j].Src, &ss) && in(tgt, beads[j].Tgt, &ts) {
		j++
	}
	if j-i < 2 || ss < 0 || ts < 0 {
		return j, false, false
	}
	var si, ti []int
	two, trigger := false, false
	for k := i; k < j; k++ {
		b := beads[k]
		si, ti = append(si, b.Src...), append(ti, b.Tgt...)
		if len(b.Src) == 0 || len(b.Tgt) == 0 {
			trigger, oneSided = true, true
			continue
		}
		two = true
		if k >= len(verdicts) || verdicts[k] == nil || len(verdicts[k].Reasons) == 0 {
			continue
		}
		if !overridable(verdicts[k].Reasons) {
			return j, false, false
		}
		trigger = true
	}
	return j, two && trigger && wholeSpan(src, si) && wholeSpan(tgt, ti), oneSided
}
