package clean

import "math"

// evidenceTables are, for one direction dir of a Lexicon (the words of
// side 1-dir explained by side dir), what explaining a word is worth: how
// often the word's own partner explains it (hit) and how often any
// sentence of side dir does (bg), both counted over the training pairs.
type evidenceTables struct {
	hit, bg []float32 // smoothed shares, per word id of side 1-dir
}

// evidenceProb is the translation probability at which a word counts as
// explained in the evidence tables.
const evidenceProb = 0.1

// trainEvidence fills lx.ev from the training pairs ids.
func (lx *Lexicon) trainEvidence(ids [][2][]int32) {
	n := float64(len(ids))
	for dir := range 2 {
		nw := len(lx.vocab[1-dir])
		// by[g]: the words of side 1-dir that g explains
		by := make([][]int32, len(lx.vocab[dir]))
		for k, p := range lx.t[dir] {
			g, w := int32(uint32(k>>32)), int32(uint32(k))
			if g != nullID && float64(p) >= evidenceProb {
				by[g] = append(by[g], w)
			}
		}
		occ := make([]float64, nw)
		hit := make([]float64, nw)
		bg := make([]float64, nw)
		stamp := make([]int32, nw)
		seen := make([]int32, nw)
		for pi, p := range ids {
			mark := int32(pi + 1)
			for _, g := range p[dir] {
				for _, w := range by[g] {
					if stamp[w] != mark {
						stamp[w] = mark
						bg[w]++
					}
				}
			}
			for _, w := range p[1-dir] {
				if seen[w] == mark {
					continue
				}
				seen[w] = mark
				occ[w]++
				if stamp[w] == mark {
					hit[w]++
				}
			}
		}
		t := evidenceTables{hit: make([]float32, nw), bg: make([]float32, nw)}
		for w := range nw {
			t.hit[w] = float32((hit[w] + 0.5) / (occ[w] + 1))
			t.bg[w] = float32((bg[w] + 0.5) / (n + 1))
		}
		lx.ev[dir] = t
	}
}

// Evidence returns, for each side of a pair (0: the source's words, 1:
// the target's), the log-likelihood ratio that the other side is its
// translation rather than a sentence of the corpus taken at random, summed
// over the side's learnt words, and the number of those words. A word
// explained by the other side (a translation at probability 0.1 or more)
// adds log(hit/bg), one left unexplained log((1-hit)/(1-bg)), where hit is
// the share of the word's training pairs whose other side explains it and
// bg the share of all training pairs whose other side would: words that
// everything explains (topic words of a small corpus, function words) add
// nearly nothing, specific words a lot either way.
func (lx *Lexicon) Evidence(src, tgt string) (llr [2]float64, n [2]int) {
	ids := lx.learntIDs(src, tgt)
	for dir := range 2 {
		ev := lx.ev[dir]
		if ev.hit == nil {
			continue
		}
		for _, w := range ids[1-dir] {
			best := lx.bestProb(dir, ids[dir], w)
			a, b := float64(ev.hit[w]), float64(ev.bg[w])
			if best >= evidenceProb {
				llr[1-dir] += math.Log(a / b)
			} else {
				llr[1-dir] += math.Log((1 - a) / (1 - b))
			}
			n[1-dir]++
		}
	}
	return llr, n
}
