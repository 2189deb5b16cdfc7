package align

import (
	"hash/fnv"
	"math"
	"slices"
	"sync"
	"unicode/utf8"
)

// feature classes: each has a reliability (how often a feature of the class
// in one sentence is found again in its translation when it occurs on both
// sides of the document) and, for scoring without document context, a prior
// match probability and chance rate.
type class uint8

const (
	clNum    class = iota // numbers
	clPh                  // placeholders, tags, URLs, paths, options
	clPunct               // punctuation that survives translation
	clEnd                 // sentence-final punctuation class
	clMarked              // identifiers, acronyms, foreign-script words
	clWord                // other words, compared verbatim
	clCog                 // cognates (transliterated spelling key)
	clDict                // dictionary translations
	clTrans               // words of a machine translation of the source
	numClasses
)

var classParams = [numClasses]struct{ rel, pm0, df0 float64 }{
	clNum:    {0.95, 0.9, 0.02},
	clPh:     {0.95, 0.9, 0.05},
	clPunct:  {0.85, 0.8, 0.15},
	clEnd:    {0.8, 0.7, 0.3},
	clMarked: {0.9, 0.8, 0.01},
	clWord:   {0.85, 0.05, 0.01},
	clCog:    {0.6, 0.1, 0.02},
	clDict:   {0.6, 0.3, 0.05},
	clTrans:  {0.8, 0.4, 0.02},
}

// ratioPrior is the weight, in characters on each side, of the prior
// length ratio 1 in the estimate of a document pair's length ratio.
const ratioPrior = 200.0

// priorWeight is the number of observations the class prior of a feature
// counts for in featureWeights.
const priorWeight = 1.0

// Weight limits of one feature, in nats.
const (
	maxMatchWeight = 5.0
	minMissWeight  = -3.0
)

// feat is a lexical feature of one sentence before interning.
type feat struct {
	key uint64
	cl  class
}

// featureSet holds the features of one sentence: tokens must each find a
// partner on the other side; cover holds the keys the sentence offers to
// the other side's dictionary tokens.
type featureSet struct {
	toks  []feat
	cover []uint64
}

// dictView is a Dict oriented for one alignment: src maps source words to
// the keys of their translations, tgt maps target words back.
type dictView struct {
	src, tgt         map[string][]uint64
	srcSide, tgtSide byte
}

func orientDict(d *Dict, swap bool) *dictView {
	if d == nil {
		return nil
	}
	if swap {
		return &dictView{src: d.rev, tgt: d.fwd, srcSide: 'T', tgtSide: 'F'}
	}
	return &dictView{src: d.fwd, tgt: d.rev, srcSide: 'F', tgtSide: 'T'}
}

// extractor turns sentences into feature sets; it keeps scratch buffers,
// so each goroutine needs its own.
type extractor struct {
	dict  *dictView
	toks  []token
	lem   []string
	hashb []byte
}

func featKey(cl byte, text string, buf []byte) (uint64, []byte) {
	buf = append(buf[:0], cl)
	buf = append(buf, text...)
	h := fnv.New64a()
	h.Write(buf)
	return h.Sum64(), buf
}

// features returns the feature set of s; side is 0 for source, 1 for
// target. The lists are appended to those of fs (pass a reset featureSet to
// reuse its memory).
func (x *extractor) features(fs featureSet, s string, side int) featureSet {
	x.toks = tokenize(x.toks[:0], s)
	var k uint64
	for _, t := range x.toks {
		var cl class
		var tag byte
		switch t.kind {
		case tkNumber:
			cl, tag = clNum, 'n'
		case tkPlaceholder, tkTag, tkURL, tkPath, tkOption:
			cl, tag = clPh, 'p'
		case tkPunct:
			cl, tag = clPunct, '.'
		case tkEnd:
			cl, tag = clEnd, 'e'
		case tkWord:
			cl, tag = clWord, 'w'
			if t.marked {
				cl = clMarked
			}
		}
		k, x.hashb = featKey(tag, t.text, x.hashb)
		fs.toks = append(fs.toks, feat{k, cl})
		if t.kind != tkWord || t.marked {
			continue
		}
		if ck := cognateKey(t.text, t.script); ck != "" {
			k, x.hashb = featKey('c', ck, x.hashb)
			fs.toks = append(fs.toks, feat{k, clCog})
		}
		if x.dict == nil || utf8.RuneCountInString(t.text) < 3 {
			continue
		}
		m, sideByte := x.dict.src, x.dict.srcSide
		if side == 1 {
			m, sideByte = x.dict.tgt, x.dict.tgtSide
		}
		norm, keys := lookup(m, t.text, t.script, x.lem)
		if norm == "" || len(keys) == 0 {
			continue
		}
		fs.toks = append(fs.toks, feat{wordKey(sideByte, norm), clDict})
		fs.cover = append(fs.cover, keys...)
	}
	return fs
}

// transWords appends to fs the words of s as translation features: stems
// of Cyrillic words, lower-cased other words. Both the machine translation
// of a source sentence and the target sentences get them.
func (x *extractor) transWords(fs *featureSet, s string) {
	x.toks = tokenize(x.toks[:0], s)
	var k uint64
	for _, t := range x.toks {
		if t.kind != tkWord || utf8.RuneCountInString(t.text) < 2 {
			continue
		}
		w := t.text
		if t.script == scCyrillic {
			w = ruStem(w)
		}
		k, x.hashb = featKey('t', w, x.hashb)
		fs.toks = append(fs.toks, feat{k, clTrans})
	}
}

// Scorer holds the evidence of one document pair: feature weights learnt
// from how often each feature occurs on each side, and the length ratio of
// the two texts. It scores candidate beads and sentence pairs. A Scorer is
// immutable once built and safe for concurrent use.
type Scorer struct {
	dict *dictView
	ids  map[uint64]uint32
	cls  []class
	// per feature id and number k-1 of sentences on the other side of the
	// bead: weight when matched, when missed
	wM, wU   [3][]float32
	ratio    float64 // target length / source length
	variance float64 // length variance per character (Gale-Church s²)
	lenW     float64 // weight of the length term
	lexW     float64 // weight of the lexical term
	// the interned documents (for Align)
	src, tgt docSide
}

// docSide is one document as interned, per-sentence sorted feature lists.
type docSide struct {
	toks   []uint32
	tokOff []int32
	cov    []uint32
	covOff []int32
	cum    []float64 // prefix sums of sentence lengths in runes
	// pen[k-1][i] is the weight of sentence i's features that the other
	// document lacks, in a bead with k sentences on the other side
	pen [3][]float32
}

func (d *docSide) n() int { return len(d.cum) - 1 }

func (d *docSide) tok(i int) []uint32 { return d.toks[d.tokOff[i]:d.tokOff[i+1]] }
func (d *docSide) cover(i int) []uint32 {
	return d.cov[d.covOff[i]:d.covOff[i+1]]
}

// NewScorer builds a Scorer for the document pair src, tgt (one sentence per
// element). The documents supply the statistics that weight the evidence:
// a feature seen on both sides as often is strong evidence, one seen often
// on one side only carries almost none. With empty documents the class
// defaults are used, so NewScorer(nil, nil, opts) gives a context-free pair
// scorer. Features of PairScore's sentences that the documents lack get the
// class defaults too.
func NewScorer(src, tgt []string, opts *Options) *Scorer {
	o := opts.withDefaults()
	s := &Scorer{
		ids:      map[uint64]uint32{},
		variance: o.LengthVariance,
		lenW:     1,
		lexW:     o.LexicalWeight,
	}
	s.dict = orientDict(o.Dict, dictSwapped(o, src, tgt))
	x := &extractor{dict: s.dict}
	var a, b []int32 // per id: sentences of src, tgt holding it
	seen := []uint32{}
	intern := func(fs featureSet, counts *[]int32, toks, cov *[]uint32) {
		seen = seen[:0]
		for _, f := range fs.toks {
			id, ok := s.ids[f.key]
			if !ok {
				id = uint32(len(s.cls))
				s.ids[f.key] = id
				s.cls = append(s.cls, f.cl)
				a, b = append(a, 0), append(b, 0)
			} else if classParams[f.cl].rel > classParams[s.cls[id]].rel {
				s.cls[id] = f.cl
			}
			*toks = append(*toks, id)
			seen = append(seen, id)
		}
		for _, key := range fs.cover {
			id, ok := s.ids[key]
			if !ok {
				id = uint32(len(s.cls))
				s.ids[key] = id
				s.cls = append(s.cls, clDict)
				a, b = append(a, 0), append(b, 0)
			}
			*cov = append(*cov, id)
			seen = append(seen, id)
		}
		slices.Sort(seen)
		c := *counts
		for i, id := range seen {
			if i == 0 || id != seen[i-1] {
				c[id]++
			}
		}
	}
	trans := o.SrcTranslations
	if len(trans) != len(src) {
		trans = nil
	}
	build := func(sents []string, side int, d *docSide) {
		d.tokOff = make([]int32, 1, len(sents)+1)
		d.covOff = make([]int32, 1, len(sents)+1)
		d.cum = make([]float64, 1, len(sents)+1)
		var fs featureSet
		for i, t := range sents {
			fs = x.features(featureSet{toks: fs.toks[:0], cover: fs.cover[:0]}, t, side)
			switch {
			case trans != nil && side == 0:
				x.transWords(&fs, trans[i])
			case trans != nil:
				x.transWords(&fs, t)
			}
			start, cstart := len(d.toks), len(d.cov)
			if side == 0 {
				intern(fs, &a, &d.toks, &d.cov)
			} else {
				intern(fs, &b, &d.toks, &d.cov)
			}
			slices.Sort(d.toks[start:])
			cv := d.cov[cstart:]
			slices.Sort(cv)
			d.cov = d.cov[:cstart+len(slices.Compact(cv))]
			d.tokOff = append(d.tokOff, int32(len(d.toks)))
			d.covOff = append(d.covOff, int32(len(d.cov)))
			d.cum = append(d.cum, d.cum[len(d.cum)-1]+float64(utf8.RuneCountInString(t)+1))
		}
	}
	// a and b are appended to inside intern; the closures see the updates.
	build(src, 0, &s.src)
	build(tgt, 1, &s.tgt)

	n, m := len(src), len(tgt)
	for k := range s.wM {
		s.wM[k] = make([]float32, len(s.cls))
		s.wU[k] = make([]float32, len(s.cls))
		for id, cl := range s.cls {
			s.wM[k][id], s.wU[k][id] = featureWeights(cl, int(a[id]), int(b[id]), n, m, k+1)
		}
	}
	// The length ratio of the texts, shrunk towards 1 by ratioPrior
	// characters so a short document's missing sentence cannot skew it.
	s.ratio = (s.tgt.cum[m] + ratioPrior) / (s.src.cum[n] + ratioPrior)
	oneSided := func(id uint32) bool { return a[id] == 0 || b[id] == 0 }
	s.src.prune(s.wU, oneSided)
	s.tgt.prune(s.wU, oneSided)
	return s
}

// isEnd reports whether feature id is a sentence-final class.
func (s *Scorer) isEnd(id uint32) bool { return s.cls[id] == clEnd }

// featureWeights returns the log-likelihood ratios of finding a feature of
// class cl in the k partner sentences (match) or not (miss), given that a
// source and b target sentences out of n and m contain it: the chance of
// finding it in k unrelated sentences grows with k.
func featureWeights(cl class, a, b, n, m, k int) (float32, float32) {
	p := classParams[cl]
	pm, df := p.pm0, p.df0
	if n+m > 0 {
		// The class prior counts as priorWeight observations, so a feature
		// seen once on one side and never on the other still says that its
		// sentence is probably unaligned, while one seen often on one side
		// only is just not carried over by this translator.
		lo, hi := min(a, b), max(a, b)
		pm = p.rel * (float64(lo) + priorWeight*p.pm0) / (float64(hi) + priorWeight)
		df = max(float64(a+b)/float64(n+m), 0.5/float64(n+m))
	}
	df = min(df, 0.99)
	miss := math.Pow(1-df, float64(k)) // chance of a miss in k unrelated sentences
	wm := math.Min(math.Max(math.Log(pm/(1-miss)), 0), maxMatchWeight)
	wu := math.Max(math.Min(math.Log((1-pm)/miss), 0), minMissWeight)
	return float32(wm), float32(wu)
}

// prune removes the features that can never be matched in this document
// pair (those seen on one side only) from the lists: their weight in a bead
// is the same wherever the sentence goes, so it is summed once per sentence
// into pen (per number of sentences on the other side).
func (d *docSide) prune(wU [3][]float32, oneSided func(uint32) bool) {
	n := len(d.tokOff) - 1
	for k := range d.pen {
		d.pen[k] = make([]float32, n)
	}
	var o, co int32
	for i := 0; i < n; i++ {
		ts, te := d.tokOff[i], d.tokOff[i+1]
		cs, ce := d.covOff[i], d.covOff[i+1]
		d.tokOff[i] = o
		for _, id := range d.toks[ts:te] {
			if oneSided(id) {
				for k := range d.pen {
					d.pen[k][i] += wU[k][id]
				}
				continue
			}
			d.toks[o] = id
			o++
		}
		d.covOff[i] = co
		for _, id := range d.cov[cs:ce] {
			if !oneSided(id) {
				d.cov[co] = id
				co++
			}
		}
	}
	d.tokOff[n] = o
	d.covOff[n] = co
	d.toks = slices.Clip(d.toks[:o])
	d.cov = slices.Clip(d.cov[:co])
}

// penalty returns the summed weights of the pruned features of sentences
// [i0,i1) when the other side of the bead has k sentences.
func (d *docSide) penalty(i0, i1, k int) float64 {
	var sum float32
	p := d.pen[min(k, 3)-1]
	for i := i0; i < i1; i++ {
		sum += p[i]
	}
	return float64(sum)
}

// dictSwapped reports whether the dictionary's From side is the target of
// the alignment: by the language codes when both are known, else by which
// orientation finds more source words in the dictionary.
func dictSwapped(o Options, src, tgt []string) bool {
	d := o.Dict
	if d == nil {
		return false
	}
	if d.From != "" && d.To != "" && o.SrcLang != "" {
		return o.SrcLang == d.To || o.TgtLang == d.From && o.SrcLang != d.From
	}
	hits := func(m map[string][]uint64, sents []string) int {
		n := 0
		var toks []token
		var buf []string
		for i, s := range sents {
			if i == 200 {
				break
			}
			toks = tokenize(toks[:0], s)
			for _, t := range toks {
				if t.kind == tkWord {
					if norm, _ := lookup(m, t.text, t.script, buf); norm != "" {
						n++
					}
				}
			}
		}
		return n
	}
	return hits(d.rev, src)+hits(d.fwd, tgt) > hits(d.fwd, src)+hits(d.rev, tgt)
}

// lexical returns the lexical log-likelihood ratio of aligning source
// features st (with cover sc) to target features tt (with cover tc) when
// the source side has ns sentences and the target side nt; every list is
// sorted.
func (s *Scorer) lexical(st, sc, tt, tc []uint32, ns, nt int) float64 {
	// source features are looked for in nt target sentences and back
	wMs, wUs := s.wM[min(nt, 3)-1], s.wU[min(nt, 3)-1]
	wMt, wUt := s.wM[min(ns, 3)-1], s.wU[min(ns, 3)-1]
	var sum float32
	i, j, ps, pt := 0, 0, 0, 0
	for i < len(st) || j < len(tt) {
		switch {
		case i < len(st) && j < len(tt) && st[i] == tt[j]:
			sum += (wMs[st[i]] + wMt[st[i]]) / 2
			i++
			j++
		case j == len(tt) || i < len(st) && st[i] < tt[j]:
			// a source feature without a target token: look in the target cover
			id := st[i]
			for pt < len(tc) && tc[pt] < id {
				pt++
			}
			if pt < len(tc) && tc[pt] == id {
				sum += wMs[id]
			} else {
				sum += wUs[id]
			}
			i++
		default:
			id := tt[j]
			for ps < len(sc) && sc[ps] < id {
				ps++
			}
			if ps < len(sc) && sc[ps] == id {
				sum += wMt[id]
			} else {
				sum += wUt[id]
			}
			j++
		}
	}
	return float64(sum)
}

// lengthLogP returns the Gale-Church log probability of lengths ls and lt
// (runes) being translations, given the document's length ratio.
func (s *Scorer) lengthLogP(ls, lt float64) float64 {
	if ls+lt == 0 {
		return 0
	}
	mean := (ls*s.ratio + lt) / 2
	d := (lt - ls*s.ratio) / math.Sqrt(s.variance*mean+1)
	return logTail(math.Abs(d))
}

// logTail returns log P(|Z| >= d) for a standard normal Z, d >= 0, by
// linear interpolation in a table (math.Erfc and math.Log are slow for the
// millions of calls of a large alignment).
func logTail(d float64) float64 {
	x := d * tailSteps
	if x >= tailSize-1 {
		return logTailExact(d)
	}
	t := tailTable()
	k := int(x)
	f := x - float64(k)
	return t[k]*(1-f) + t[k+1]*f
}

// The logTail table covers [0, tailSize/tailSteps) in steps of 1/tailSteps.
const (
	tailSteps = 64
	tailSize  = 12 * tailSteps
)

var tailTable = sync.OnceValue(func() []float64 {
	t := make([]float64, tailSize)
	for k := range t {
		t[k] = logTailExact(float64(k) / tailSteps)
	}
	return t
})

// logTailExact is logTail computed with math.Erfc, or its asymptotic
// expansion where Erfc underflows.
func logTailExact(d float64) float64 {
	if d < 5 {
		return math.Log(math.Erfc(d / math.Sqrt2))
	}
	return -d*d/2 - math.Log(d) + math.Log(math.Sqrt(2/math.Pi)) + math.Log(1-1/(d*d))
}

// PairScore returns the evidence that target sentence tgt translates source
// sentence src: the sum of the length log probability and the weighted
// lexical log-likelihood ratio, using this Scorer's document statistics for
// features it has seen and class defaults for others. Higher is better;
// about 0 is neutral and strongly negative means unrelated.
func (s *Scorer) PairScore(src, tgt string) float64 {
	x := &extractor{dict: s.dict}
	a := x.features(featureSet{}, src, 0)
	b := x.features(featureSet{}, tgt, 1)
	lex := s.lexicalKeys(a, b)
	ls := float64(utf8.RuneCountInString(src) + 1)
	lt := float64(utf8.RuneCountInString(tgt) + 1)
	return s.lenW*s.lengthLogP(ls, lt) + s.lexW*lex
}

// lexicalKeys is lexical over un-interned feature sets.
func (s *Scorer) lexicalKeys(a, b featureSet) float64 {
	weights := func(f feat) (float64, float64) {
		if id, ok := s.ids[f.key]; ok && len(s.src.tokOff) > 1 {
			return float64(s.wM[0][id]), float64(s.wU[0][id])
		}
		wm, wu := featureWeights(f.cl, 0, 0, 0, 0, 1)
		return float64(wm), float64(wu)
	}
	count := func(fs featureSet) map[uint64]int {
		c := map[uint64]int{}
		for _, f := range fs.toks {
			c[f.key]++
		}
		return c
	}
	inCover := func(fs featureSet, key uint64) bool { return slices.Contains(fs.cover, key) }
	ca, cb := count(a), count(b)
	sum := 0.0
	side := func(fs, other featureSet, theirs map[uint64]int, half bool) {
		used := map[uint64]int{}
		for _, f := range fs.toks {
			wm, wu := weights(f)
			switch {
			case used[f.key] < theirs[f.key]:
				used[f.key]++
				if !half {
					sum += wm // a shared token counts once, from the source side
				}
			case inCover(other, f.key):
				sum += wm
			default:
				sum += wu
			}
		}
	}
	side(a, b, cb, false)
	side(b, a, ca, true)
	return sum
}
