package align

import (
	"math"
	"slices"
)

// Bead is one unit of an alignment: source sentences Src aligned to target
// sentences Tgt (0-based indexes into the inputs, consecutive, ascending).
// One side is empty for a sentence without counterpart (1-0 and 0-1 beads).
type Bead struct {
	Src, Tgt []int
	// Score is the bead's evidence in nats: the log prior of its shape plus,
	// for beads with two sides, the length log probability and the lexical
	// log-likelihood ratio. Higher is better; 1-1 beads of good translations
	// score above 0, unrelated pairs far below.
	Score float64
}

// Options configure Align. The zero value (or nil) aligns without a
// dictionary, using length, cognates, numbers, placeholders and punctuation.
type Options struct {
	// Dict is an optional bilingual dictionary (see LoadDict, LoadMueller).
	Dict *Dict
	// SrcLang and TgtLang are the language codes of the source and target
	// ("en", "ru"); they orient Dict. When they or the Dict's languages are
	// unknown, Dict is oriented the way that finds more of the texts' words.
	SrcLang, TgtLang string
	// Band is the search radius, in sentences, around the path found at a
	// coarser level when a document pair is too large for the full search.
	// Default 8.
	Band int
	// MaxFullCells is the largest (n+1)*(m+1) searched exhaustively; larger
	// pairs are aligned coarse-to-fine in near-linear time. Default 40,000.
	MaxFullCells int
	// LengthVariance is the Gale-Church variance of the target length per
	// character. Default 6.8, Gale and Church's estimate.
	LengthVariance float64
	// SrcTranslations, when it has one entry per source sentence, holds
	// machine translations of the source sentences into the target
	// language (Bleualign's idea): their words, compared with the target
	// sentences' words (Russian stemmed), are further evidence. Align
	// ignores it when its length differs from the source's.
	SrcTranslations []string
	// LexicalWeight scales the lexical evidence against length and bead
	// priors. Default 1.
	LexicalWeight float64
	// NoRefine turns off the second pass, which decides again, with the
	// evidence of where inside a merged sentence its parts would meet,
	// between merging a sentence into its neighbour's bead (2-1, 1-2)
	// and leaving it without counterpart (1-0, 0-1). The pass is also off
	// when SrcTranslations are used (pieces of sentences have none).
	NoRefine bool
	// Lexicon is an optional table of word translations learnt from the
	// input (see LearnLexicon), oriented as the alignment: its source
	// words are those of the src documents. Its evidence adds to that of
	// Dict.
	Lexicon *Lexicon
}

// Defaults of Options.
const (
	defaultBand          = 8
	defaultMaxFullCells  = 40_000
	defaultVariance      = 6.8
	defaultLexicalWeight = 1.0
)

func (o *Options) withDefaults() Options {
	var r Options
	if o != nil {
		r = *o
	}
	if r.Band <= 0 {
		r.Band = defaultBand
	}
	if r.MaxFullCells <= 0 {
		r.MaxFullCells = defaultMaxFullCells
	}
	if r.LengthVariance <= 0 {
		r.LengthVariance = defaultVariance
	}
	if r.LexicalWeight <= 0 {
		r.LexicalWeight = defaultLexicalWeight
	}
	return r
}

// beadShape is an allowed bead: a source and b target sentences.
type beadShape struct {
	a, b  int
	prior float64 // log probability
}

// shapes lists the allowed beads; the order breaks ties deterministically.
var shapes = [...]beadShape{
	{1, 1, math.Log(0.89)},
	{1, 0, math.Log(0.01)},
	{0, 1, math.Log(0.01)},
	{2, 1, math.Log(0.035)},
	{1, 2, math.Log(0.035)},
	{2, 2, math.Log(0.01)},
	{1, 3, math.Log(0.003)},
	{3, 1, math.Log(0.003)},
}

// Align aligns the sentences of src with those of tgt and returns the beads
// in document order; every sentence is in exactly one bead. It is pure,
// deterministic and safe for concurrent use. Memory and time grow linearly
// with the document sizes beyond Options.MaxFullCells.
func Align(src, tgt []string, opts *Options) []Bead {
	o := opts.withDefaults()
	if len(src) == 0 || len(tgt) == 0 {
		return nullBeads(len(src), len(tgt))
	}
	s := NewScorer(src, tgt, &o)
	return s.align(o, src, tgt)
}

// nullBeads aligns every sentence to nothing (one side is empty).
func nullBeads(n, m int) []Bead {
	out := make([]Bead, 0, n+m)
	for i := range n {
		out = append(out, Bead{Src: []int{i}, Score: shapes[1].prior})
	}
	for j := range m {
		out = append(out, Bead{Tgt: []int{j}, Score: shapes[2].prior})
	}
	return out
}

// beadScorer scores the bead covering source units [i0,i1) and target units [j0,j1).
type beadScorer interface {
	score(i0, i1, j0, j1 int) float64
}

// fineScorer scores beads of sentences with the full evidence. It caches
// the merged feature lists of multi-sentence sides, which the search asks
// for again and again (a row's cells share their source sides, neighbouring
// rows their target sides).
type fineScorer struct {
	s        *Scorer
	src, tgt *mergeCache
}

// mergeCache is a small direct-mapped cache of merged sentence ranges.
type mergeCache [mergeSlots]struct {
	i0, i1    int
	toks, cov []uint32
}

const mergeSlots = 1024

// get returns the merged tokens and covers of sentences [i0,i1) of d.
func (c *mergeCache) get(d *docSide, i0, i1 int, isEnd func(uint32) bool) ([]uint32, []uint32) {
	if i1-i0 == 1 {
		return d.tok(i0), d.cover(i0)
	}
	e := &c[(i1*4+i1-i0)%mergeSlots]
	if e.i1 != i1 || e.i0 != i0 || e.toks == nil {
		e.i0, e.i1 = i0, i1
		e.toks, e.cov = mergeRange(e.toks[:0], e.cov[:0], d, i0, i1, isEnd)
		if e.toks == nil {
			e.toks = []uint32{}
		}
	}
	return e.toks, e.cov
}

func (f *fineScorer) score(i0, i1, j0, j1 int) float64 {
	s := f.s
	ls := s.src.cum[i1] - s.src.cum[i0]
	lt := s.tgt.cum[j1] - s.tgt.cum[j0]
	st, sc := f.src.get(&s.src, i0, i1, s.isEnd)
	tt, tc := f.tgt.get(&s.tgt, j0, j1, s.isEnd)
	lex := s.lexical(st, sc, tt, tc, i1-i0, j1-j0) + s.src.penalty(i0, i1, j1-j0) + s.tgt.penalty(j0, j1, i1-i0)
	return s.lenW*s.lengthLogP(ls, lt) + s.lexW*lex
}

// beadScore returns the score of a bead in the path: its shape's prior
// plus, for beads with two sides, the length and lexical evidence.
func (f *fineScorer) beadScore(i0, i1, j0, j1 int) float64 {
	for _, sh := range shapes {
		if sh.a == i1-i0 && sh.b == j1-j0 {
			if sh.a == 0 || sh.b == 0 {
				return sh.prior
			}
			return sh.prior + f.score(i0, i1, j0, j1)
		}
	}
	return math.Inf(-1)
}

// mergeRange returns the sorted multiset union of the tokens and the
// sorted union of the covers of sentences [i0,i1) of d (at most three).
// Only the last sentence keeps its sentence-final feature: a line joining
// two sentences has one end (the first one's mark, if any, is inside it).
func mergeRange(toks, cov []uint32, d *docSide, i0, i1 int, isEnd func(uint32) bool) ([]uint32, []uint32) {
	toks = append(toks, d.tok(i1-1)...)
	cov = append(cov, d.cover(i1-1)...)
	var buf [64]uint32
	for i := i0; i < i1-1; i++ {
		t := buf[:0]
		for _, id := range d.tok(i) {
			if !isEnd(id) {
				t = append(t, id)
			}
		}
		toks = mergeSorted(toks, t)
		cov = mergeSorted(cov, d.cover(i))
	}
	return toks, cov
}

// mergeSorted merges sorted b into sorted a in place (a grows by len(b)).
func mergeSorted(a, b []uint32) []uint32 {
	n := len(a)
	a = append(a, b...)
	i, j, k := n-1, len(b)-1, len(a)-1
	for j >= 0 {
		if i >= 0 && a[i] > b[j] {
			a[k] = a[i]
			i--
		} else {
			a[k] = b[j]
			j--
		}
		k--
	}
	return a
}

// band is the set of DP cells searched: for row i (source sentences
// consumed), target counts lo[i]..hi[i] inclusive. lo and hi never decrease.
type band struct {
	lo, hi []int
	off    []int // off[i] is the index of cell (i, lo[i]) in the flat arrays
}

func fullBand(n, m int) *band {
	b := &band{lo: make([]int, n+1), hi: make([]int, n+1)}
	for i := range b.hi {
		b.hi[i] = m
	}
	b.index()
	return b
}

func (b *band) index() int {
	b.off = make([]int, len(b.lo)+1)
	for i := range b.lo {
		b.off[i+1] = b.off[i] + b.hi[i] - b.lo[i] + 1
	}
	return b.off[len(b.lo)]
}

// path is an alignment as bead boundaries: points[k] = (i, j) cells, from (0,0) to (n,m).
type point struct{ i, j int }

// gapExtend is the log probability of a 1-0 (0-1) bead right after another
// 1-0 (0-1) bead: a paragraph missing on one side costs one bead prior plus
// gapExtend per further sentence, so the search does not bend the path
// through wrong merges to avoid a long run of unaligned sentences.
var gapExtend = math.Log(0.25)

// DP states: the kind of the last bead of a path.
const (
	stPair = iota // a bead with two sides (or the start)
	stDel         // a 1-0 bead
	stIns         // a 0-1 bead
	numStates
)

// search runs the DP over the cells of bd and returns the best path as
// bead boundaries. Scores are kept for the last four rows only; back
// pointers (shape and previous state, one byte per state) for every cell.
func search(n, m int, bd *band, sc beadScorer) []point {
	size := bd.off[n+1]
	bp := make([]uint8, size*numStates)
	neg := math.Inf(-1)
	var ring [4][numStates][]float64
	for i := 0; i <= n; i++ {
		lo, hi := bd.lo[i], bd.hi[i]
		cur := &ring[i%4]
		for st := range cur {
			cur[st] = resize(cur[st], hi-lo+1, neg)
		}
		for j := lo; j <= hi; j++ {
			if i == 0 && j == 0 {
				cur[stPair][0] = 0
				continue
			}
			cell := bd.off[i] + j - lo
			for k, sh := range shapes {
				pi, pj := i-sh.a, j-sh.b
				if pi < 0 || pj < 0 || pj < bd.lo[pi] || pj > bd.hi[pi] {
					continue
				}
				prev := &ring[pi%4]
				pc := pj - bd.lo[pi]
				to := stPair
				switch {
				case sh.b == 0:
					to = stDel
				case sh.a == 0:
					to = stIns
				}
				var bead float64
				if to == stPair {
					bead = sh.prior
					if prev[stPair][pc] == neg && prev[stDel][pc] == neg && prev[stIns][pc] == neg {
						continue
					}
					bead += sc.score(pi, i, pj, j)
				}
				for from := range numStates {
					pv := prev[from][pc]
					if pv == neg {
						continue
					}
					v := pv + bead
					if to != stPair {
						if from == to {
							v += gapExtend
						} else {
							v += sh.prior
						}
					}
					if v > cur[to][j-lo] {
						cur[to][j-lo] = v
						bp[cell*numStates+to] = uint8(k*numStates + from)
					}
				}
			}
		}
	}
	// trace back from the best state of cell (n, m)
	last := &ring[n%4]
	st, best := 0, neg
	for k := range numStates {
		if v := last[k][m-bd.lo[n]]; v > best {
			st, best = k, v
		}
	}
	if best == neg {
		return nil // (n, m) unreachable: cannot happen with a valid band
	}
	pts := []point{{n, m}}
	i, j := n, m
	for i > 0 || j > 0 {
		b := bp[(bd.off[i]+j-bd.lo[i])*numStates+st]
		sh := shapes[b/numStates]
		st = int(b % numStates)
		i, j = i-sh.a, j-sh.b
		pts = append(pts, point{i, j})
	}
	slices.Reverse(pts)
	return pts
}

// resize returns l with length n, every element set to v.
func resize(l []float64, n int, v float64) []float64 {
	if cap(l) < n {
		l = make([]float64, n)
	}
	l = l[:n]
	for k := range l {
		l[k] = v
	}
	return l
}

// align runs the search on the Scorer's documents src and tgt, then the
// second pass unless o turns it off.
func (s *Scorer) align(o Options, src, tgt []string) []Bead {
	n, m := s.src.n(), s.tgt.n()
	var bd *band
	if (n+1)*(m+1) <= o.MaxFullCells {
		bd = fullBand(n, m)
	} else {
		c := newCoarse(s)
		coarsePath := c.alignLevel(1, o)
		bd = project(coarsePath, n, m, o.Band)
	}
	fs := &fineScorer{s: s, src: new(mergeCache), tgt: new(mergeCache)}
	pts := search(n, m, bd, fs)
	if pts == nil {
		return nullBeads(n, m)
	}
	beads := make([]Bead, 0, len(pts)-1)
	for k := 1; k < len(pts); k++ {
		p, q := pts[k-1], pts[k]
		b := Bead{Score: fs.beadScore(p.i, q.i, p.j, q.j)}
		if q.i > p.i {
			b.Src = make([]int, 0, q.i-p.i)
			for x := p.i; x < q.i; x++ {
				b.Src = append(b.Src, x)
			}
		}
		if q.j > p.j {
			b.Tgt = make([]int, 0, q.j-p.j)
			for x := p.j; x < q.j; x++ {
				b.Tgt = append(b.Tgt, x)
			}
		}
		beads = append(beads, b)
	}
	if !o.NoRefine && len(o.SrcTranslations) != len(src) {
		beads = s.refine(beads, src, tgt, fs)
	}
	return beads
}

// project maps a path of a level with units twice as large onto the finer
// level of n x m units and widens it by w units on each side.
func project(coarse []point, n, m, w int) *band {
	rlo := make([]int, n+1)
	rhi := make([]int, n+1)
	for i := range rlo {
		rlo[i] = m
	}
	for k := 1; k < len(coarse); k++ {
		p, q := coarse[k-1], coarse[k]
		i0, i1 := min(2*p.i, n), min(2*q.i, n)
		j0, j1 := min(2*p.j, m), min(2*q.j, m)
		for i := i0; i <= i1; i++ {
			rlo[i] = min(rlo[i], j0)
			rhi[i] = max(rhi[i], j1)
		}
	}
	b := &band{lo: make([]int, n+1), hi: make([]int, n+1)}
	for i := 0; i <= n; i++ {
		b.lo[i] = max(0, rlo[max(0, i-w)]-w)
		b.hi[i] = min(m, rhi[min(n, i+w)]+w)
		if i > 0 {
			b.lo[i] = max(b.lo[i], b.lo[i-1])
			b.hi[i] = max(b.hi[i], b.hi[i-1])
		}
	}
	b.lo[0] = 0
	b.hi[n] = m
	b.index()
	return b
}
