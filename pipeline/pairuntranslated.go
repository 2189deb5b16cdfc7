package pipeline

import (
	"github.com/paraline/paraline/align"
	"github.com/paraline/paraline/lang"
)

// minKeptFunction, minKeptShare and minKeptRun say when a sentence of one
// version of a page is a sentence of the other version left untranslated,
// a label inside it translated ("More information on available mailing
// lists can be found in Списки рассылки." on the Russian page, "... in
// Mailing lists." on the English one): it keeps, in their order, at least
// minKeptShare of the other sentence's words, minKeptRun of them in a row
// at least, and among them minKeptFunction function words of the other
// sentence's language, outside quotes and not in capitals (see
// lang.KeptProse). A translation keeps names, commands, numbers, keywords
// and the titles and messages it quotes ("Клавиша «clear to end of
// line»."), not the prose around them.
//
// Chosen leaving one dev site out, over minKeptFunction 2-4, minKeptShare
// 0.2-0.7 and minKeptRun 1-5, on the pairs of the WARC runs that some
// setting would take (81, read one by one: 58 English sentences left
// untranslated, 23 translations). The 8 folds all pick 3 function words;
// for the share, 7 folds pick 0.3 and the one without debian-faq 0.4; 0.4
// is taken, as two translations that quote a value or an address keep
// 0.28 and 0.29 ("Разделите возможные значения ..., например так:
// Choices: yes, no, maybe."). The run is 1 to 4 alike on the dev sites (5
// misses one sentence); on the clean pairs of the filter sets
// (scripts/cvclean), 1 takes translations of command syntax whose
// keywords are function words ("if КОМАНДЫ; then КОМАНДЫ; ... fi"), 2 to
// 4 none: 3 is taken. On its held-out site the choice takes 0
// translations and 51 of the 58 (gimp-help 17 of 22, developers-reference
// 23 of 24, maint-guide 6 of 6, debian-faq 5 of 6; the other sites have
// none). At 2 function words, translations of titles and bibliography
// entries go ("Авторские права © 1996-2021 Software in the Public
// Interest", "Приложение C. How to Contribute").
const (
	minKeptFunction = 3
	minKeptShare    = 0.4
	minKeptRun      = 3
)

// leftUntranslated marks the sentences of sents, one version of a page
// pair, that are a sentence of other, the other version's sentences in
// language ol, left untranslated (see minKeptFunction; an exact copy
// counts too): nil when there are none. The other version holds the
// original of such a sentence: aligned, the two would give a pair of one
// language.
func leftUntranslated(sents, other []Sentence, ol string) []bool {
	var left []bool
	var words []int // the number of words of each sentence of other, by need
	for i, s := range sents {
		if len(other) == 0 || lang.FunctionWords(s.Text, ol) < minKeptFunction {
			continue
		}
		if words == nil {
			words = make([]int, len(other))
			for j, o := range other {
				words[j] = lang.KeptProse(o.Text, "", ol).Words
			}
		}
		n := lang.KeptProse(s.Text, "", ol).Words
		for j, o := range other {
			if words[j] == 0 || float64(words[j])*minKeptShare > float64(n) {
				continue // s cannot keep minKeptShare of o's words
			}
			if k := lang.KeptProse(o.Text, s.Text, ol); k.Function >= minKeptFunction && k.Run >= minKeptRun && float64(k.Kept) >= minKeptShare*float64(k.Words) {
				if left == nil {
					left = make([]bool, len(sents))
				}
				left[i] = true
				break
			}
		}
	}
	return left
}

// removeUntranslated takes out of pr's beads those that hold a sentence
// marked in srcLeft or tgtLeft (see leftUntranslated), and their
// sentences out of SrcSents and TgtSents into SrcUntranslated and
// TgtUntranslated: the sentence left untranslated and, beside it, its
// original in the other version, which the aligner paired with it (the
// two stand at the same place of their pages, so the aligner keeps its
// course through them). A bead that holds other sentences too goes whole:
// cut, it would pair a paragraph with part of its translation. The
// sentences and beads left keep their order.
func removeUntranslated(pr *PairResult, srcLeft, tgtLeft []bool) {
	if srcLeft == nil && tgtLeft == nil {
		return
	}
	srcOut := make([]bool, len(pr.SrcSents))
	tgtOut := make([]bool, len(pr.TgtSents))
	var beads []align.Bead
	for _, b := range pr.Beads {
		if !anyMarked(srcLeft, b.Src) && !anyMarked(tgtLeft, b.Tgt) {
			beads = append(beads, b)
			continue
		}
		for _, i := range b.Src {
			srcOut[i] = true
		}
		for _, i := range b.Tgt {
			tgtOut[i] = true
		}
	}
	var srcIdx, tgtIdx []int
	pr.SrcSents, pr.SrcUntranslated, srcIdx = splitSentences(pr.SrcSents, srcOut)
	pr.TgtSents, pr.TgtUntranslated, tgtIdx = splitSentences(pr.TgtSents, tgtOut)
	for i := range beads {
		beads[i].Src = renumber(beads[i].Src, srcIdx)
		beads[i].Tgt = renumber(beads[i].Tgt, tgtIdx)
	}
	pr.Beads = beads
}

// anyMarked reports whether one of the sentences idx is marked.
func anyMarked(marked []bool, idx []int) bool {
	for _, i := range idx {
		if i < len(marked) && marked[i] {
			return true
		}
	}
	return false
}

// splitSentences splits sents into those not out (keep) and those out,
// both in order, and returns the new index in keep of each sentence kept
// (-1 for those out).
func splitSentences(sents []Sentence, out []bool) (keep, removed []Sentence, idx []int) {
	idx = make([]int, len(sents))
	for i, s := range sents {
		if out[i] {
			removed = append(removed, s)
			idx[i] = -1
			continue
		}
		idx[i] = len(keep)
		keep = append(keep, s)
	}
	if removed == nil {
		return sents, nil, idx
	}
	return keep, removed, idx
}

// renumber maps the sentence indexes of a bead through idx.
func renumber(b []int, idx []int) []int {
	if len(b) == 0 {
		return b
	}
	out := make([]int, len(b))
	for i, j := range b {
		out[i] = idx[j]
	}
	return out
}
