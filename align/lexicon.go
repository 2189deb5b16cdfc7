package align

import (
	"cmp"
	"math"
	"slices"
	"unicode/utf8"
)

// A Lexicon is a table of word translations learnt from the input itself,
// for aligning without a dictionary (as hunalign does when it has none):
// the document pairs are aligned once, the confident 1-1 beads kept, and
// word pairs that occur together in those beads far more often than chance
// (Dice coefficient and log-likelihood ratio over sentence co-occurrence of
// lower-cased words, Russian words stemmed and English words reduced to a
// lemma candidate) become translations. Aligning again with the Lexicon in
// Options.Lexicon adds their evidence to that of numbers, names and
// cognates. A Lexicon is oriented: its source words are those of the
// documents' Src side. It is immutable and safe for concurrent use.
//
// Learning takes one alignment of the document pairs (about the time of
// Align itself; at most until 5,000 confident beads are found) plus a
// count over those beads; aligning with a Lexicon takes about 1.8 times
// the time of aligning without (more features a sentence).
type Lexicon struct {
	// normalised source (target) word -> the feature keys of its pairs:
	// a pair is one feature that both its words carry
	src map[string][]uint64
	tgt map[string][]uint64
	// pairs are the learnt translations, in order of decreasing Dice
	pairs []LexPair
	beads int
}

// LexPair is one learnt translation: normalised words (lower-cased; Russian
// stems; English lemma candidates) and the evidence for the pair.
type LexPair struct {
	Src, Tgt string
	// Cooc is the number of confident 1-1 beads that hold both words.
	Cooc int
	// Dice is 2*Cooc over the sum of the beads holding each word.
	Dice float64
}

// DocPair is one document and its translation, one sentence per element.
type DocPair struct {
	Src, Tgt []string
}

// Learning parameters. They were chosen on the prose made by
// scripts/mkprose (seeds 1-5) and the catalog dev set, leaving one of the
// six out: strict F1 moves by less than 0.001 over lexMinScore -8..0,
// lexMinDice 0.15-0.4, lexMaxDF 0.1-0.5, lexRel 0.4-0.9, lexMaxTrans 1-5
// and lexMinG2 3.84-20 (three folds of six chose 2 translations a word).
// One translation a word (competitive linking), each pair one feature
// shared by its two words, then did as well on the six sets (mean 0.9966
// against 0.9964) and better on the other Debian prose, and aligns 20%
// faster than two a word, each word a feature and its translations a
// cover (as a Dict's words are). A second round of learning (aligning
// with the first Lexicon, learning again) gained at most 0.0005 for
// another alignment pass and is not done. lexMinBeads was chosen by
// learning from each document alone: 30 and 100 beads give 0.9910 and
// 0.9856 on the prose of seed 2, 0.9897 and 0.9868 on the catalogs.
const (
	// lexMinBeads is the fewest confident beads to learn from; with fewer,
	// LearnLexicon returns nil and alignment is as without a Lexicon.
	lexMinBeads = 30
	// lexMaxBeads bounds the beads learnt from (and so the time of the
	// learning pass and the memory of the counts): documents after the
	// one that reaches it are not aligned for learning. 2,000 costs up
	// to 0.002 of strict F1 on prose, 5,000 nothing measurable.
	lexMaxBeads = 5000
	// lexMinScore is the lowest score of a 1-1 bead learnt from.
	lexMinScore = -3.0
	// lexMinCooc is the fewest beads a word pair must share.
	lexMinCooc = 2
	// lexMinDice is the lowest Dice coefficient of a learnt pair.
	lexMinDice = 0.3
	// lexMinG2 is the lowest log-likelihood ratio statistic (G², 10.83 is
	// p = 0.001 for one degree of freedom).
	lexMinG2 = 10.83
	// lexMaxDF is the largest share of the beads a word may occur in:
	// more frequent words are function words, evidence of nothing.
	lexMaxDF = 0.2
	// lexMaxTrans is the most translations kept per word. With more than
	// one, a word's other pairs would count as missed where one is found.
	lexMaxTrans = 1
	// lexRel is the reliability of the class of learnt translations (see
	// classParams).
	lexRel = 0.6
)

// Len returns the number of word pairs of l (0 for nil).
func (l *Lexicon) Len() int {
	if l == nil {
		return 0
	}
	return len(l.pairs)
}

// Beads returns the number of confident 1-1 beads l was learnt from.
func (l *Lexicon) Beads() int {
	if l == nil {
		return 0
	}
	return l.beads
}

// Pairs returns a copy of the learnt word pairs, most associated first.
func (l *Lexicon) Pairs() []LexPair {
	if l == nil {
		return nil
	}
	return slices.Clone(l.pairs)
}

// usable returns l, or nil when it holds nothing.
func (l *Lexicon) usable() *Lexicon {
	if l == nil || len(l.pairs) == 0 {
		return nil
	}
	return l
}

// LearnLexicon aligns the document pairs of docs with opts (whose Lexicon
// is ignored), in order until 5,000 beads are kept (a bound on time and
// memory), keeps the 1-1 beads that score well and are not next to a
// sentence without counterpart, and learns from them which words translate
// which. It returns nil when the documents hold too few such beads (see
// lexMinBeads: 30) or no word pair passes the tests; a nil Lexicon in Options
// changes nothing. The result depends only on docs and opts.
func LearnLexicon(docs []DocPair, opts *Options) *Lexicon {
	var o Options
	if opts != nil {
		o = *opts
	}
	o.Lexicon = nil
	c := newLexCounter()
	for _, d := range docs {
		if len(d.Src) == 0 || len(d.Tgt) == 0 || c.n >= lexMaxBeads {
			continue
		}
		beads := Align(d.Src, d.Tgt, &o)
		for k, b := range beads {
			if len(b.Src) != 1 || len(b.Tgt) != 1 || b.Score < lexMinScore ||
				k > 0 && isNull(beads[k-1]) || k+1 < len(beads) && isNull(beads[k+1]) {
				continue
			}
			c.add(d.Src[b.Src[0]], d.Tgt[b.Tgt[0]])
		}
	}
	if c.n < lexMinBeads {
		return nil
	}
	return c.lexicon()
}

func isNull(b Bead) bool { return len(b.Src) == 0 || len(b.Tgt) == 0 }

// lexCounter counts words and word pairs over sentence pairs.
type lexCounter struct {
	x        extractor
	ids      [2]map[string]int32 // per side: word -> id
	words    [2][]string         // per side: id -> word
	df       [2][]int32          // per side and id: beads holding the word
	co       map[uint64]int32    // source id<<32 | target id -> beads holding both
	sa, ta   []int32             // scratch: the word ids of one pair
	n        int                 // beads counted
	normBuf  []byte
	lemmaBuf []byte
	ends     []int
}

func newLexCounter() *lexCounter {
	return &lexCounter{ids: [2]map[string]int32{{}, {}}, co: map[uint64]int32{}}
}

// add counts one sentence pair.
func (c *lexCounter) add(src, tgt string) {
	c.sa = c.sentenceWords(c.sa[:0], src, 0)
	c.ta = c.sentenceWords(c.ta[:0], tgt, 1)
	c.n++
	for _, a := range c.sa {
		c.df[0][a]++
	}
	for _, b := range c.ta {
		c.df[1][b]++
	}
	for _, a := range c.sa {
		for _, b := range c.ta {
			c.co[uint64(a)<<32|uint64(b)]++
		}
	}
}

// sentenceWords appends the distinct word ids of s on side to ids.
func (c *lexCounter) sentenceWords(ids []int32, s string, side int) []int32 {
	c.x.lex(s)
	for _, t := range c.x.toks {
		if t.kind != tkWord || t.marked {
			continue
		}
		text := c.x.text[t.off:t.end]
		if utf8.RuneCount(text) < 3 {
			continue
		}
		c.normBuf = c.lexNorm(c.normBuf[:0], text, t.script)
		id, ok := c.ids[side][string(c.normBuf)]
		if !ok {
			w := string(c.normBuf)
			id = int32(len(c.words[side]))
			c.ids[side][w] = id
			c.words[side] = append(c.words[side], w)
			c.df[side] = append(c.df[side], 0)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// lexNorm appends the normal form of lower-case word w to dst: the stem
// of a Cyrillic word, the shortest lemma candidate (of at least three
// bytes) of a Latin one, other words as they are.
func (c *lexCounter) lexNorm(dst, w []byte, sc script) []byte {
	return lexNormWord(dst, w, sc, &c.lemmaBuf, &c.ends)
}

func lexNormWord(dst, w []byte, sc script, buf *[]byte, ends *[]int) []byte {
	switch sc {
	case scCyrillic:
		return appendRuStem(dst, w)
	case scLatin:
		*buf, *ends = appendLemmas((*buf)[:0], (*ends)[:0], w)
		best, start := w, 0
		for _, e := range *ends {
			if cand := (*buf)[start:e]; len(cand) >= 3 && len(cand) < len(best) {
				best = cand
			}
			start = e
		}
		return append(dst, best...)
	}
	return append(dst, w...)
}

// lexicon returns the word pairs that pass the association tests, at most
// lexMaxTrans per word on each side (the most associated first).
func (c *lexCounter) lexicon() *Lexicon {
	n := float64(c.n)
	var cands []LexPair
	type idPair struct{ a, b int32 }
	var ids []idPair
	for key, k := range c.co {
		if int(k) < lexMinCooc {
			continue
		}
		a, b := int32(key>>32), int32(key&0xffffffff)
		da, db := c.df[0][a], c.df[1][b]
		if float64(da) > lexMaxDF*n || float64(db) > lexMaxDF*n {
			continue
		}
		dice := 2 * float64(k) / float64(da+db)
		if dice < lexMinDice || g2(float64(k), float64(da), float64(db), n) < lexMinG2 {
			continue
		}
		cands = append(cands, LexPair{Src: c.words[0][a], Tgt: c.words[1][b], Cooc: int(k), Dice: dice})
		ids = append(ids, idPair{a, b})
	}
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		p, q := &cands[i], &cands[j]
		if d := cmp.Compare(q.Dice, p.Dice); d != 0 {
			return d
		}
		if d := cmp.Compare(q.Cooc, p.Cooc); d != 0 {
			return d
		}
		if d := cmp.Compare(p.Src, q.Src); d != 0 {
			return d
		}
		return cmp.Compare(p.Tgt, q.Tgt)
	})
	perA := map[int32]int{}
	perB := map[int32]int{}
	l := &Lexicon{src: map[string][]uint64{}, tgt: map[string][]uint64{}, beads: c.n}
	for _, i := range order {
		p, id := cands[i], ids[i]
		if perA[id.a] >= lexMaxTrans || perB[id.b] >= lexMaxTrans {
			continue
		}
		perA[id.a]++
		perB[id.b]++
		l.pairs = append(l.pairs, p)
		key := pairKey(p.Src, p.Tgt)
		l.src[p.Src] = append(l.src[p.Src], key)
		l.tgt[p.Tgt] = append(l.tgt[p.Tgt], key)
	}
	if len(l.pairs) == 0 {
		return nil
	}
	for _, m := range []map[string][]uint64{l.src, l.tgt} {
		for w, keys := range m {
			m[w] = sortUniq(keys)
		}
	}
	return l
}

// g2 returns the log-likelihood ratio statistic of the 2x2 table of k
// beads holding both words, a and b holding each, out of n.
func g2(k, a, b, n float64) float64 {
	cells := [4]float64{k, a - k, b - k, n - a - b + k}
	rows := [2]float64{a, n - a}
	cols := [2]float64{b, n - b}
	sum := 0.0
	for i, o := range cells {
		e := rows[i/2] * cols[i%2] / n
		if o > 0 && e > 0 {
			sum += o * math.Log(o/e)
		}
	}
	return 2 * sum
}

// lexFeatures appends to fs the Lexicon features of word text (lower-case,
// of script sc) on side (0 source, 1 target): one token per learnt pair
// of the word, shared with its translation.
func (x *extractor) lexFeatures(fs featureSet, text []byte, sc script, side int) featureSet {
	m := x.lexi.src
	if side == 1 {
		m = x.lexi.tgt
	}
	x.cog = lexNormWord(x.cog[:0], text, sc, &x.tmp, &x.ends)
	for _, key := range m[string(x.cog)] {
		fs.toks = append(fs.toks, feat{key, clLex})
	}
	return fs
}

// pairKey is the feature key of a learnt pair of words.
func pairKey(src, tgt string) uint64 {
	return fnvString(fnvByte(fnvString(fnvByte(fnvOffset, 'x'), src), 0), tgt)
}
