package align

import (
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
	clLex                 // translations of a Lexicon learnt from the input
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
	clLex:    {lexRel, 0.3, 0.05},
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
	dict *dictView
	lexi *Lexicon // learnt translations, oriented as the alignment
	toks []tok
	text []byte // the texts of toks
	// scratch for cognate keys, transliterations, stems and lemmas
	cog, tmp, stem []byte
	ends           []int
	// the word cache (see addWord), made after nwords words with slots
	// entries (a power of two; 0 for the default)
	words         []wordEntry
	nwords, slots int
	// scratch of PairScore
	fa, fb         featureSet
	keys           keyTable
	idx            []int32 // per feature of a then b: its entry in keys
	coverA, coverB []uint64
	// names of each side that a translation may have localised in part
	// and words in capitals (see compTok), their texts in compBuf; the
	// scratch of localisedGain
	compA, compB []compTok
	compBuf      []byte
	missA, missB []compTok
	matched      []bool
	pat          []byte
}

// featKey hashes a feature: its class tag and its text.
func featKey(tag byte, text []byte) uint64 {
	return fnvBytes(fnvByte(fnvOffset, tag), text)
}

// features returns the feature set of s; side is 0 for source, 1 for
// target. The lists are appended to those of fs (pass a reset featureSet to
// reuse its memory).
func (x *extractor) features(fs featureSet, s string, side int) featureSet {
	x.lex(s)
	for _, t := range x.toks {
		var cl class
		switch t.kind {
		case tkNumber:
			cl = clNum
		case tkPlaceholder, tkTag, tkURL, tkPath, tkOption:
			cl = clPh
		case tkPunct:
			cl = clPunct
		case tkEnd:
			cl = clEnd
		case tkWord:
			cl = clWord
			if t.marked {
				cl = clMarked
			}
		}
		fs.toks = append(fs.toks, feat{t.key, cl})
		if t.kind != tkWord || t.marked {
			continue
		}
		if t.hasCog {
			fs.toks = append(fs.toks, feat{t.cog, clCog})
		}
		text := x.text[t.off:t.end]
		if x.dict == nil && x.lexi == nil || utf8.RuneCount(text) < 3 {
			continue
		}
		if x.lexi != nil {
			fs = x.lexFeatures(fs, text, t.script, side)
		}
		if x.dict == nil {
			continue
		}
		m, sideByte := x.dict.src, x.dict.srcSide
		if side == 1 {
			m, sideByte = x.dict.tgt, x.dict.tgtSide
		}
		norm, keys := x.lookup(m, text, t.script)
		if len(norm) == 0 || len(keys) == 0 {
			continue
		}
		fs.toks = append(fs.toks, feat{wordKeyBytes(sideByte, norm), clDict})
		fs.cover = append(fs.cover, keys...)
	}
	return fs
}

// transWords appends to fs the words of s as translation features: stems
// of Cyrillic words, lower-cased other words. Both the machine translation
// of a source sentence and the target sentences get them.
func (x *extractor) transWords(fs *featureSet, s string) {
	x.lex(s)
	for _, t := range x.toks {
		w := x.text[t.off:t.end]
		if t.kind != tkWord || utf8.RuneCount(w) < 2 {
			continue
		}
		if t.script == scCyrillic {
			x.stem = appendRuStem(x.stem[:0], w)
			w = x.stem
		}
		fs.toks = append(fs.toks, feat{featKey('t', w), clTrans})
	}
}

// Scorer holds the evidence of one document pair: feature weights learnt
// from how often each feature occurs on each side, and the length ratio of
// the two texts. It scores candidate beads and sentence pairs. A Scorer is
// immutable once built and safe for concurrent use.
type Scorer struct {
	dict *dictView
	lexi *Lexicon
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
	// defW holds the weights (match, miss) of each class without
	// document statistics.
	defW [numClasses][2]float64
	// pool holds *extractor scratch for PairScore (per P, so a word
	// cache stays near its core).
	pool sync.Pool
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
	s.lexi = o.Lexicon.usable()
	for cl := range s.defW {
		wm, wu := featureWeights(class(cl), 0, 0, 0, 0, 1)
		s.defW[cl] = [2]float64{float64(wm) * matchCount(class(cl)), float64(wu)}
	}
	// a word cache of about one slot per sentence
	x := &extractor{dict: s.dict, lexi: s.lexi, slots: 1024}
	for x.slots < len(src)+len(tgt) && x.slots < wordSlots {
		x.slots *= 2
	}
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
			s.wM[k][id] *= float32(matchCount(cl))
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

// matchCount is how many matches a matched feature of class cl counts
// for: a learnt translation is one feature shared by the two words, and
// its match is evidence from both (as a Dict's word and cover are).
func matchCount(cl class) float64 {
	if cl == clLex {
		return 2
	}
	return 1
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
	x := &extractor{}
	hits := func(m map[string][]uint64, sents []string) int {
		n := 0
		for i, s := range sents {
			if i == 200 {
				break
			}
			x.lex(s)
			for _, t := range x.toks {
				if t.kind == tkWord {
					if norm, _ := x.lookup(m, x.text[t.off:t.end], t.script); len(norm) > 0 {
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
	x, _ := s.pool.Get().(*extractor)
	if x == nil {
		x = &extractor{dict: s.dict, lexi: s.lexi}
	}
	v := s.pairScore(x, src, tgt)
	s.pool.Put(x)
	return v
}

// pairScore is PairScore with the scratch space of x.
func (s *Scorer) pairScore(x *extractor, src, tgt string) float64 {
	x.compBuf = x.compBuf[:0]
	x.fa = x.features(featureSet{toks: x.fa.toks[:0], cover: x.fa.cover[:0]}, src, 0)
	x.compA = x.collectComp(x.compA[:0])
	x.fb = x.features(featureSet{toks: x.fb.toks[:0], cover: x.fb.cover[:0]}, tgt, 1)
	x.compB = x.collectComp(x.compB[:0])
	lex := s.lexicalKeys(x, &x.fa, &x.fb)
	ls := float64(runeCount(src) + 1)
	lt := float64(runeCount(tgt) + 1)
	return s.lenW*s.lengthLogP(ls, lt) + s.lexW*lex
}

// runeCount is utf8.RuneCountInString with a fast path for Cyrillic.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case (c == 0xd0 || c == 0xd1) && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			i += 2
		default:
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
	}
	return n
}

// keyCount is an entry of the table of feature keys of PairScore: how
// often the key occurs in each sentence, and how many of the occurrences
// were already visited.
type keyCount struct {
	key          uint64
	inA, inB     int32
	usedA, usedB int32
	present      bool
}

// keyTable is a small open-addressing hash table of feature keys.
type keyTable []keyCount

// reset empties t and sizes it for n keys.
func (t *keyTable) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(*t) < size {
		*t = make(keyTable, size)
	}
	*t = (*t)[:size]
	clear(*t)
}

// get returns the index of the entry of key, adding it when absent.
func (t keyTable) get(key uint64) int32 {
	mask := uint64(len(t) - 1)
	for h := (key * 0x9e3779b97f4a7c15) >> 32 & mask; ; h = (h + 1) & mask {
		e := &t[h]
		if !e.present {
			e.key, e.present = key, true
			return int32(h)
		}
		if e.key == key {
			return int32(h)
		}
	}
}

// lexicalKeys is lexical over un-interned feature sets a and b, using x's
// scratch space. An occurrence of a key in a (its first, second...) is
// matched when b has as many occurrences of the key, and then counts once,
// from a; an unmatched one counts as matched when the other side's
// dictionary cover holds it, else as missed.
func (s *Scorer) lexicalKeys(x *extractor, a, b *featureSet) float64 {
	x.keys.reset(len(a.toks) + len(b.toks))
	t := x.keys
	x.idx = x.idx[:0]
	for _, f := range a.toks {
		k := t.get(f.key)
		t[k].inA++
		x.idx = append(x.idx, k)
	}
	for _, f := range b.toks {
		k := t.get(f.key)
		t[k].inB++
		x.idx = append(x.idx, k)
	}
	x.coverA = append(x.coverA[:0], a.cover...)
	x.coverB = append(x.coverB[:0], b.cover...)
	slices.Sort(x.coverA)
	slices.Sort(x.coverB)
	useIDs := len(s.ids) > 0 && len(s.src.tokOff) > 1
	weights := func(f feat) (float64, float64) {
		if useIDs {
			if id, ok := s.ids[f.key]; ok {
				return float64(s.wM[0][id]), float64(s.wU[0][id])
			}
		}
		w := &s.defW[f.cl]
		return w[0], w[1]
	}
	inCover := func(cover []uint64, key uint64) bool {
		if len(cover) == 0 {
			return false
		}
		_, ok := slices.BinarySearch(cover, key)
		return ok
	}
	sum := 0.0
	for p, f := range a.toks {
		wm, wu := weights(f)
		switch e := &t[x.idx[p]]; {
		case e.usedA < e.inB:
			e.usedA++
			sum += wm
		case inCover(x.coverB, f.key):
			sum += wm
		default:
			sum += wu
		}
	}
	for p, f := range b.toks {
		wm, wu := weights(f)
		switch e := &t[x.idx[len(a.toks)+p]]; {
		case e.usedB < e.inA:
			e.usedB++
			// a shared token counts once, from the source side
		case inCover(x.coverA, f.key):
			sum += wm
		default:
			sum += wu
		}
	}
	return sum + s.localisedGain(x, weights)
}
