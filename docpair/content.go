package docpair

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// Candidate generation: a token found in more than maxPosting documents of
// the target language is too common to propose candidates (it still counts
// in the score), so the work per document is bounded whatever the crawl
// size; each document keeps its topK candidates by partial score.
const (
	maxPosting = 200
	topK       = 12
)

// minShared is the fewest distinct tokens two documents must share to
// score above 0: one common word is no evidence.
const minShared = 2

// untranslatedShare is the share of hashed paragraphs two documents may
// have in common before they are taken as one text in two places rather
// than a translation.
const untranslatedShare = 0.8

// scorer holds the statistics of the documents' tokens.
type scorer struct {
	docs []entry
	w    []float32 // weight per token number
	dfT  []int32   // documents of the target side holding the token
	norm []float64 // per document: sum of weights of its tokens
	// baseline scores by the Jaccard similarity of token sets.
	baseline bool
}

// cand is a candidate partner with its partial score.
type cand struct {
	doc int32
	v   float32
}

// better orders candidates: higher score first, then lower index.
func better(v float32, doc int32, c cand) bool { return v > c.v || v == c.v && doc < c.doc }

// posting is a document holding a token, with the token's count.
type posting struct {
	doc int32
	n   uint8
}

// newScorer numbers the tokens of docs densely (in place: the hashes of
// each entry's Features are replaced), counts document frequencies per
// side and weighs each token by its rarity. A token found on one side only
// weighs nothing: it cannot be evidence of a translation.
func newScorer(docs []entry, baseline bool) *scorer {
	ids := map[uint32]int32{}
	var df [][2]int32
	var bigram []bool
	var alts []int32 // per token: documents counted on both sides
	nSide := [2]int{}
	for i := range docs {
		d := &docs[i]
		if d.side < 0 {
			continue
		}
		nSide[d.side]++
		for k, h := range d.f.toks {
			id, ok := ids[h]
			if !ok {
				id = int32(len(df))
				ids[h] = id
				df = append(df, [2]int32{})
				bigram = append(bigram, h&bigramBit != 0)
				alts = append(alts, 0)
			}
			d.f.toks[k] = uint32(id)
			df[id][d.side]++
			if d.canBe(1) && d.side == 0 {
				df[id][1]++ // a Tgt version too (canBe)
				alts[id]++
			}
		}
		sortTokens(&d.f)
	}
	ids = nil
	s := &scorer{docs: docs, w: make([]float32, len(df)), dfT: make([]int32, len(df)), norm: make([]float64, len(docs)), baseline: baseline}
	n := float64(nSide[0] + nSide[1])
	for t, c := range df {
		s.dfT[t] = c[1]
		// Found on both sides, in two documents at least.
		if c[0] > 0 && c[1] > 0 && c[0]+c[1]-alts[t] >= 2 {
			s.w[t] = float32(math.Log(1 + n/float64(c[0]+c[1]-alts[t])))
			if baseline {
				s.w[t] = 1
				if bigram[t] {
					s.w[t] = 0 // numbers and words only
				}
			}
		}
	}
	for i := range docs {
		d := &docs[i]
		if d.side < 0 {
			continue
		}
		var sum float64
		for k, t := range d.f.toks {
			if baseline {
				sum += float64(s.w[t])
				continue
			}
			sum += float64(s.w[t]) * tf(d.f.cnts[k])
		}
		s.norm[i] = sum
	}
	return s
}

// canBe reports whether e can pair by content as a version of side: a
// document of its language, or one in Src with a fair share of Tgt text
// as a Tgt version (a translation that kept much of its original: Src is
// taken as the language of the originals).
func (e *entry) canBe(side int8) bool { return e.side == side || side == 1 && e.side == 0 && e.alt }

// tf dampens a token's count: 1 + ln(c).
func tf(c uint8) float64 { return tfTable[c] }

// tfTable holds tf for every count (a constant table, never written after
// it is built).
var tfTable = func() (t [256]float64) {
	for c := 1; c < 256; c++ {
		t[c] = 1 + math.Log(float64(c))
	}
	return t
}()

// sortTokens sorts f's token numbers, keeping each count with its token.
func sortTokens(f *Features) {
	type tc struct {
		t uint32
		c uint8
	}
	l := make([]tc, len(f.toks))
	for i := range l {
		l[i] = tc{f.toks[i], f.cnts[i]}
	}
	slices.SortFunc(l, func(a, b tc) int { return cmp.Compare(a.t, b.t) })
	for i := range l {
		f.toks[i], f.cnts[i] = l[i].t, l[i].c
	}
}

// sim returns the weighted overlap of the tokens of documents a and b,
// 0 to 1: the weights of the tokens they share (counting each as often as
// the document holding it less often) over the geometric mean of the
// weights of each document's tokens.
func (s *scorer) sim(a, b int) float64 {
	fa, fb := &s.docs[a].f, &s.docs[b].f
	if s.norm[a] == 0 || s.norm[b] == 0 {
		return 0
	}
	var shared float64
	n := 0
	i, j := 0, 0
	for i < len(fa.toks) && j < len(fb.toks) {
		switch {
		case fa.toks[i] < fb.toks[j]:
			i++
		case fa.toks[i] > fb.toks[j]:
			j++
		default:
			if s.w[fa.toks[i]] > 0 {
				n++
			}
			if s.baseline {
				shared += float64(s.w[fa.toks[i]])
			} else {
				shared += float64(s.w[fa.toks[i]]) * tf(min(fa.cnts[i], fb.cnts[j]))
			}
			i++
			j++
		}
	}
	if s.baseline {
		return shared / (s.norm[a] + s.norm[b] - shared)
	}
	if n < minShared {
		return 0
	}
	return shared / math.Sqrt(s.norm[a]*s.norm[b])
}

// score is the content score of a candidate pair: the token overlap
// (sim), and how well the sequences of paragraph lengths match (lenSim),
// as a weighted sum; 0 when the token overlap is 0.
func (s *scorer) score(a, b int) float64 {
	t := s.sim(a, b)
	if s.baseline || t == 0 {
		return t
	}
	l := lenSim(s.docs[a].f.lens, s.docs[b].f.lens)
	return (1-lenWeight)*t + lenWeight*max(0, 2*l-1)
}

// lenWeight is the weight of the paragraph-length evidence in score.
const lenWeight = 0.4

// lenBand is how far apart (in paragraphs) lenSim lets two sequences drift.
const lenBand = 6

// lenSim compares two sequences of paragraph lengths, 0 to 1: the best
// monotonic matching of paragraphs (some left out, within lenBand of the
// diagonal), each matched pair counting the ratio of the shorter length to
// the longer, over the longer sequence. Unrelated texts score about 0.5.
func lenSim(x, y []uint16) float64 { return lenSimRatio(x, y, 1) }

// lenSimRatio is lenSim with the lengths of y divided by rho (the length
// ratio of the two languages).
func lenSimRatio(x, y []uint16, rho float64) float64 {
	n, m := len(x), len(y)
	if n == 0 || m == 0 {
		return 0
	}
	prev := make([]float64, m+1)
	cur := make([]float64, m+1)
	for i := 1; i <= n; i++ {
		lo, hi := max(1, i-lenBand), min(m, i+lenBand)
		for j := range cur {
			cur[j] = 0
		}
		for j := 1; j <= m; j++ {
			best := max(prev[j], cur[j-1])
			if j >= lo && j <= hi {
				a, b := float64(x[i-1])+1, float64(y[j-1])/rho+1
				best = max(best, prev[j-1]+min(a, b)/max(a, b))
			}
			cur[j] = best
		}
		prev, cur = cur, prev
	}
	return prev[m] / float64(max(n, m))
}

// untranslated reports whether documents a and b share most of their
// hashed paragraphs: the same text, not a translation. The share is that
// of the paragraphs of the document with fewer, estimated on the bottom-k
// samples: the hashes up to the largest that both samples hold in full.
func (s *scorer) untranslated(a, b int) bool {
	return s.sameShare(a, b) >= untranslatedShare
}

// sameShare returns the share of hashed paragraphs documents a and b have
// in common (see untranslated), 0 when the one with fewer has none.
func (s *scorer) sameShare(a, b int) float64 {
	fa, fb := &s.docs[a].f, &s.docs[b].f
	if fa.nParaHashes > fb.nParaHashes {
		fa, fb = fb, fa
	}
	if len(fa.paras) == 0 {
		return 0
	}
	limit := uint32(math.MaxUint32)
	for _, f := range []*Features{fa, fb} {
		if f.nParaHashes > len(f.paras) && len(f.paras) > 0 {
			limit = min(limit, f.paras[len(f.paras)-1])
		}
	}
	shared, n := 0, 0
	j := 0
	for _, h := range fa.paras {
		if h > limit {
			break
		}
		n++
		for j < len(fb.paras) && fb.paras[j] < h {
			j++
		}
		if j < len(fb.paras) && fb.paras[j] == h {
			shared++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(shared) / float64(n)
}

// scored proposes content pairs between the Src and Tgt documents not yet
// taken: for each Src document, the Tgt documents sharing its rarer tokens
// (an inverted index), the topK by partial score, scored in full; every
// one scored above 0 is returned, before keep applies minScore and the
// best-score ratio.
func (s *scorer) scored(taken []bool, workers int) []edge {
	// Inverted index over the free Tgt documents, tokens of df <= maxPosting.
	start := make([]int32, len(s.w)+1)
	for i := range s.docs {
		d := &s.docs[i]
		if !d.canBe(1) || taken[i] {
			continue
		}
		for _, t := range d.f.toks {
			if s.w[t] > 0 && s.dfT[t] <= maxPosting {
				start[t+1]++
			}
		}
	}
	for t := 1; t < len(start); t++ {
		start[t] += start[t-1]
	}
	post := make([]posting, start[len(start)-1])
	fill := slices.Clone(start[:len(start)-1])
	var tgts []int32
	for i := range s.docs {
		d := &s.docs[i]
		if !d.canBe(1) || taken[i] {
			continue
		}
		tgts = append(tgts, int32(i))
		for k, t := range d.f.toks {
			if s.w[t] > 0 && s.dfT[t] <= maxPosting {
				post[fill[t]] = posting{int32(i), d.f.cnts[k]}
				fill[t]++
			}
		}
	}
	fill = nil
	var srcs []int32
	for i := range s.docs {
		if s.docs[i].canBe(0) && !taken[i] {
			srcs = append(srcs, int32(i))
		}
	}
	if len(srcs) == 0 || len(tgts) == 0 {
		return nil
	}
	out := make([][]edge, len(srcs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < max(1, workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc := make([]float32, len(s.docs))
			var touched []int32
			best := make([]cand, 0, topK)
			for k := range next {
				a := srcs[k]
				fa := &s.docs[a].f
				touched = touched[:0]
				for i, t := range fa.toks {
					if s.w[t] == 0 || s.dfT[t] > maxPosting {
						continue
					}
					for _, p := range post[start[t]:start[t+1]] {
						// A Src document with a Tgt share pairs as a Tgt
						// version with an original in Src alone.
						da, db := &s.docs[a], &s.docs[p.doc]
						if p.doc == a || db.side == 0 && da.alt {
							continue
						}
						if acc[p.doc] == 0 {
							touched = append(touched, p.doc)
						}
						acc[p.doc] += s.w[t] * float32(tf(min(fa.cnts[i], p.n)))
					}
				}
				// Keep the topK by partial overlap over the partner's
				// weight, as sim does (ties: the first document).
				best = best[:0]
				for _, b := range touched {
					v := acc[b] / float32(math.Sqrt(max(s.norm[b], 1e-9)))
					if len(best) == topK && !better(v, b, best[topK-1]) {
						continue
					}
					if len(best) < topK {
						best = append(best, cand{})
					}
					k := len(best) - 1
					for k > 0 && better(v, b, best[k-1]) {
						best[k] = best[k-1]
						k--
					}
					best[k] = cand{b, v}
				}
				var es []edge
				for _, c := range best {
					b := c.doc
					if sc := s.score(int(a), int(b)); sc > 0 {
						es = append(es, edge{a: a, b: b, prio: 3, score: sc, method: MethodContent})
					}
				}
				for _, b := range touched {
					acc[b] = 0
				}
				out[k] = es
			}
		}()
	}
	for k := range srcs {
		next <- k
	}
	close(next)
	wg.Wait()
	var all []edge
	for _, es := range out {
		all = append(all, es...)
	}
	return all
}

// keep returns the candidate pairs of scored (see scored) that pass
// minScore and the best-score ratio (see sureScore), in the same order.
func (s *scorer) keep(scored []edge, minScore float64) []edge {
	// The best score of each document as a Src and as a Tgt version, over
	// every candidate scored (taken or not by the assignment to come).
	bestA := make([]float64, len(s.docs))
	bestB := make([]float64, len(s.docs))
	for _, e := range scored {
		bestA[e.a] = max(bestA[e.a], e.score)
		bestB[e.b] = max(bestB[e.b], e.score)
	}
	var edges []edge
	for _, e := range scored {
		if e.score < minScore || e.score < sureScore && (e.score < bestRatio*bestA[e.a] || e.score < bestRatio*bestB[e.b]) {
			continue
		}
		edges = append(edges, e)
	}
	return edges
}

// A content pair scoring under sureScore must reach bestRatio of the best
// score of each of its two documents (over every candidate scored, taken or
// not): a page whose own version is missing, its best match taken by
// another page, must not fall back on a page far below it. A candidate
// pair under the ratio is found again, if at all, by the other passes.
// Swept on the -random and -orphans dev sets of scripts/mkbisite (sureScore
// 0.5; ratio off, 0.7, 0.8, 0.85, 0.9, 1): 0.8 keeps every -random site
// within 0.001 of no ratio and lifts the mean -orphans F1 from 0.937 to
// 0.952 (doublecmd 0.957 -> 1, developers-reference 0.923 -> 1); 0.85 and
// above cost aptitude-random 0.018 to 0.02 (its near-duplicate "Long
// Description" pages), though 1 gives -orphans 0.980.
const (
	sureScore = 0.5
	bestRatio = 0.8
)

// Pairing by paragraph lengths alone, for the pages left that share no
// token (a Russian page of prose without a number or a Latin word): only
// among at most maxLengthPairs candidate pairs (it compares every left
// page with every other), pages of minLengthParas paragraphs or more,
// mutual best matches whose length similarity reaches minLengthSim and
// beats the second best by lengthMargin on both sides.
const (
	maxLengthPairs = 4_000_000
	minLengthParas = 5
	minLengthSim   = 0.9
	lengthMargin   = 0.05
)

// byLength proposes pairs of the pages not taken by their sequences of
// paragraph lengths (see the constants above), the target lengths divided
// by rho.
func (s *scorer) byLength(taken []bool, rho float64) []edge {
	var srcs, tgts []int
	for i := range s.docs {
		d := &s.docs[i]
		if taken[i] || d.f.nParas < minLengthParas {
			continue
		}
		if d.canBe(0) {
			srcs = append(srcs, i)
		}
		if d.canBe(1) {
			tgts = append(tgts, i)
		}
	}
	if len(srcs) == 0 || len(tgts) == 0 || len(srcs)*len(tgts) > maxLengthPairs {
		return nil
	}
	type best struct {
		k         int // index into the other list, -1 for none
		v, second float64
	}
	bs := make([]best, len(srcs))
	bt := make([]best, len(tgts))
	for i := range bs {
		bs[i].k = -1
	}
	for j := range bt {
		bt[j].k = -1
	}
	note := func(b *best, k int, v float64) {
		switch {
		case v > b.v:
			b.second, b.v, b.k = b.v, v, k
		case v > b.second:
			b.second = v
		}
	}
	for i, a := range srcs {
		fa := &s.docs[a].f
		for j, b := range tgts {
			fb := &s.docs[b].f
			if a == b || s.docs[b].side == 0 && s.docs[a].alt {
				continue
			}
			if r := float64(min(fa.nParas, fb.nParas)) / float64(max(fa.nParas, fb.nParas)); r < 0.8 {
				continue
			}
			v := lenSimRatio(fa.lens, fb.lens, rho)
			note(&bs[i], j, v)
			note(&bt[j], i, v)
		}
	}
	var edges []edge
	for i, b := range bs {
		if b.k < 0 || b.v < minLengthSim || b.v-b.second < lengthMargin {
			continue
		}
		t := bt[b.k]
		if t.k != i || t.v-t.second < lengthMargin {
			continue
		}
		edges = append(edges, edge{a: int32(srcs[i]), b: int32(tgts[b.k]), prio: 4, score: b.v, method: MethodContent})
	}
	return edges
}

// lengthRatio returns the median ratio of the letters and digits of the
// target document to those of the source over pairs, or 1 when there are
// fewer than 10 pairs: how much longer the target language writes.
func (s *scorer) lengthRatio(pairs []edge) float64 {
	var r []float64
	for _, e := range pairs {
		a, b := s.docs[e.a].f.chars, s.docs[e.b].f.chars
		if a > 0 && b > 0 {
			r = append(r, float64(b)/float64(a))
		}
	}
	if len(r) < 10 {
		return 1
	}
	slices.Sort(r)
	return r[len(r)/2]
}
