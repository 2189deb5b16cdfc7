package clean

import (
	"unicode"
)

// Lexicon is a bilingual word lexicon induced from the pairs of the corpus
// being cleaned, without a dictionary: IBM model 1 translation tables in
// both directions, trained by EM on the word stems of the pairs (most of a
// corpus's pairs are translations, so words that are translations of each
// other keep occurring together, while the pairs of a noisy minority add
// only scattered co-occurrences). The evidence, lexical and clause filters
// read it. A Lexicon is immutable once trained and safe for concurrent
// use.
type Lexicon struct {
	opts LexiconOptions
	// vocab maps a stem to its id, per side; ids below nKnown[k] are the
	// stems seen at least MinCount times.
	vocab [2]map[string]int32
	// t[0] holds p(tgt stem | src stem), t[1] p(src stem | tgt stem),
	// keyed by key(given, word); id -1 (nullID) is the empty word.
	t [2]map[uint64]float32
	// nullShare[dir][w] is the share of the occurrences of word w (of
	// side 1-dir) that the last EM iteration gave to the empty word:
	// near 1 for function words that have no counterpart.
	nullShare [2][]float32
	// pairs is the number of pairs trained on.
	pairs int
	// ev are the evidence tables of Evidence, per direction.
	ev [2]evidenceTables
}

// LexiconOptions sets how a Lexicon is trained; zero fields take the
// defaults.
type LexiconOptions struct {
	// Stem is the number of leading letters of a lower-cased word kept as
	// its stem (inflected forms share a stem). Default 5.
	Stem int
	// MinCount is the fewest pairs a stem must occur in to be learnt;
	// rarer stems are left out of training and scoring (a stem seen once
	// would be learnt as the translation of whatever stood next to it).
	// Default 2.
	MinCount int
	// Iterations of EM. Default 5.
	Iterations int
	// MaxPairs bounds the pairs trained on (and so memory and time).
	// Default DefaultLexiconPairs.
	MaxPairs int
}

func (o *LexiconOptions) defaults() {
	if o.Stem <= 0 {
		o.Stem = 5
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	if o.Iterations <= 0 {
		o.Iterations = 5
	}
	if o.MaxPairs <= 0 {
		o.MaxPairs = DefaultLexiconPairs
	}
}

// DefaultLexiconPairs is the default number of pairs a Lexicon is trained
// on (the first of the corpus).
const DefaultLexiconPairs = 30000

const nullID int32 = -1

// maxTrainWords: pairs with more known words on a side are not trained on
// (they cost the square of their length and are rarely one sentence).
const maxTrainWords = 80

func lexKey(given, word int32) uint64 { return uint64(uint32(given))<<32 | uint64(uint32(word)) }

// stems returns the stems of the words of s (maximal runs of letters,
// lower-cased, cut to n letters).
func stems(s string, n int) []string {
	var out []string
	var w []rune
	flush := func() {
		if len(w) > 0 {
			if len(w) > n {
				w = w[:n]
			}
			out = append(out, string(w))
			w = w[:0]
		}
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			w = append(w, unicode.ToLower(r))
			continue
		}
		flush()
	}
	flush()
	return out
}

// TrainLexicon induces a Lexicon from pairs (the first opts.MaxPairs).
func TrainLexicon(pairs []Pair, opts LexiconOptions) *Lexicon {
	opts.defaults()
	if len(pairs) > opts.MaxPairs {
		pairs = pairs[:opts.MaxPairs]
	}
	lx := &Lexicon{opts: opts, pairs: len(pairs)}
	// count the pairs each stem occurs in
	var df [2]map[string]int
	var toks [][2][]string
	for k := range 2 {
		df[k] = map[string]int{}
	}
	for i := range pairs {
		var tp [2][]string
		for k, s := range [2]string{pairs[i].Src, pairs[i].Tgt} {
			tp[k] = stems(s, opts.Stem)
			seen := map[string]bool{}
			for _, w := range tp[k] {
				if !seen[w] {
					seen[w] = true
					df[k][w]++
				}
			}
		}
		toks = append(toks, tp)
	}
	for k := range 2 {
		lx.vocab[k] = map[string]int32{}
		for w, n := range df[k] {
			if n >= opts.MinCount {
				lx.vocab[k][w] = int32(len(lx.vocab[k]))
			}
		}
	}
	ids := make([][2][]int32, 0, len(toks))
	for _, tp := range toks {
		var p [2][]int32
		for k := range 2 {
			for _, w := range tp[k] {
				if id, ok := lx.vocab[k][w]; ok {
					p[k] = append(p[k], id)
				}
			}
		}
		if len(p[0]) > 0 && len(p[1]) > 0 && len(p[0]) <= maxTrainWords && len(p[1]) <= maxTrainWords {
			ids = append(ids, p)
		}
	}
	for dir := range 2 {
		lx.t[dir], lx.nullShare[dir] = trainIBM1(ids, dir, opts.Iterations, len(lx.vocab[1-dir]))
	}
	lx.trainEvidence(ids)
	return lx
}

// trainIBM1 trains p(word | given) where given is side dir of each pair
// (plus the empty word) and word the other side, and the share of each
// word's occurrences given to the empty word (nWords: the size of the
// word side's vocabulary). The cells of every pair are indexed once, so
// the EM iterations run over flat slices.
func trainIBM1(ids [][2][]int32, dir, iters, nWords int) (map[uint64]float32, []float32) {
	index := map[uint64]int32{}
	var keys []uint64
	cell := func(g, w int32) int32 {
		k := lexKey(g, w)
		i, ok := index[k]
		if !ok {
			i = int32(len(keys))
			index[k] = i
			keys = append(keys, k)
		}
		return i
	}
	// cells[p] lists, for each word of pair p, the null cell and then
	// the cells of the given words
	var cells []int32
	starts := make([]int, 0, len(ids)+1)
	for _, p := range ids {
		starts = append(starts, len(cells))
		for _, w := range p[1-dir] {
			cells = append(cells, cell(nullID, w))
			for _, g := range p[dir] {
				cells = append(cells, cell(g, w))
			}
		}
	}
	starts = append(starts, len(cells))
	givenOf := make([]int32, len(keys))
	var nGiven int32
	for i, k := range keys {
		givenOf[i] = int32(uint32(k >> 32))
		nGiven = max(nGiven, givenOf[i]+1)
	}
	t := make([]float64, len(keys))
	for i := range t {
		t[i] = 1
	}
	count := make([]float64, len(keys))
	total := make([]float64, nGiven+1) // index given+1: the empty word at 0
	for range iters {
		clear(count)
		clear(total)
		for pi, p := range ids {
			c := cells[starts[pi]:starts[pi+1]]
			step := len(p[dir]) + 1
			for j := 0; j+step <= len(c); j += step {
				z := 0.0
				for _, i := range c[j : j+step] {
					z += t[i]
				}
				if z == 0 {
					continue
				}
				for _, i := range c[j : j+step] {
					x := t[i] / z
					count[i] += x
					total[givenOf[i]+1] += x
				}
			}
		}
		for i, x := range count {
			if tot := total[givenOf[i]+1]; tot > 0 {
				t[i] = x / tot
			}
		}
	}
	out := make(map[uint64]float32, len(keys))
	occ := make([]float64, nWords)
	null := make([]float64, nWords)
	for i, k := range keys {
		out[k] = float32(t[i])
		w := int32(uint32(k))
		occ[w] += count[i]
		if givenOf[i] == nullID {
			null[w] += count[i]
		}
	}
	share := make([]float32, nWords)
	for w := range share {
		if occ[w] > 0 {
			share[w] = float32(null[w] / occ[w])
		}
	}
	return out, share
}

// learntIDs returns the ids of the learnt words (stems) of each side of a
// pair, in order, repeats kept.
func (lx *Lexicon) learntIDs(src, tgt string) [2][]int32 {
	var ids [2][]int32
	for k, s := range [2]string{src, tgt} {
		for _, w := range stems(s, lx.opts.Stem) {
			if id, ok := lx.vocab[k][w]; ok {
				ids[k] = append(ids[k], id)
			}
		}
	}
	return ids
}

// bestProb returns the best translation probability of word w of side
// 1-dir given a word of the other side's ids (direction dir); an id below
// 0 (a word not learnt) is skipped.
func (lx *Lexicon) bestProb(dir int, ids []int32, w int32) float64 {
	best := 0.0
	for _, g := range ids {
		if g >= 0 {
			best = max(best, float64(lx.t[dir][lexKey(g, w)]))
		}
	}
	return best
}

// Pairs returns the number of pairs the lexicon was trained on.
func (lx *Lexicon) Pairs() int { return lx.pairs }

// Coverage returns the share of the words of each side (cov[0]: the
// source's, cov[1]: the target's) that the other side explains: a word is
// explained when its best translation probability given a word of the
// other side is at least minProb. Words seen too rarely to be learnt, and
// function words (no translation at minProb, and their occurrences in
// training given to the empty word in a share of at least null), are not
// counted. ok is false when either side has fewer than minWords words
// counted (short pairs: too little evidence).
func (lx *Lexicon) Coverage(src, tgt string, minProb, null float64, minWords int) (cov [2]float64, ok bool) {
	ids := lx.learntIDs(src, tgt)
	for dir := range 2 {
		// words of side 1-dir explained by side dir
		n, hit := 0, 0
		for _, w := range ids[1-dir] {
			best := lx.bestProb(dir, ids[dir], w)
			if best < minProb && float64(lx.nullShare[dir][w]) >= null {
				continue // a function word
			}
			n++
			if best >= minProb {
				hit++
			}
		}
		if n < max(minWords, 1) {
			return cov, false
		}
		cov[1-dir] = float64(hit) / float64(n)
	}
	return cov, true
}
