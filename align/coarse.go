package align

import "math"

// Coarse-to-fine search (after Vecalign): sentences are merged pairwise into
// blocks level by level until the block grid is small enough to search in
// full; each level's path then bounds the search at the next finer level.
// Blocks are compared by their lengths and by a small hashed vector of their
// lexical features (each feature weighted by its match weight).

// vecDim is the size of the hashed feature vectors of blocks.
const vecDim = 32

// coarseWeight scales the vector similarity of blocks against their length
// probability, and coarseBase is the similarity of unrelated blocks.
const (
	coarseWeight = 4.0
	coarseBase   = 0.2
)

// coarse holds the block levels of both documents.
type coarse struct {
	s        *Scorer
	src, tgt [][]float32 // per level >= 1: block vectors, vecDim per block
}

func newCoarse(s *Scorer) *coarse {
	return &coarse{s: s, src: [][]float32{nil, level1(s, &s.src)}, tgt: [][]float32{nil, level1(s, &s.tgt)}}
}

// level1 returns the vectors of the blocks of two sentences of d.
func level1(s *Scorer, d *docSide) []float32 {
	n := d.n()
	nb := (n + 1) / 2
	v := make([]float32, nb*vecDim)
	for i := 0; i < n; i++ {
		blk := v[(i/2)*vecDim : (i/2+1)*vecDim]
		for _, id := range d.tok(i) {
			h := mix(id)
			w := s.wM[0][id]
			if h&(1<<32) != 0 {
				w = -w
			}
			blk[h%vecDim] += w
		}
	}
	return v
}

// mix is a 64-bit hash of an id (splitmix64 finaliser).
func mix(id uint32) uint64 {
	z := uint64(id) + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// next returns the vectors of the level above v (blocks merged pairwise).
func next(v []float32) []float32 {
	nb := len(v) / vecDim
	out := make([]float32, (nb+1)/2*vecDim)
	for i := 0; i < nb; i++ {
		dst := out[(i/2)*vecDim : (i/2+1)*vecDim]
		for k, x := range v[i*vecDim : (i+1)*vecDim] {
			dst[k] += x
		}
	}
	return out
}

// alignLevel returns the path over the blocks of level l (blocks of 2^l sentences).
func (c *coarse) alignLevel(l int, o Options) []point {
	for len(c.src) <= l {
		c.src = append(c.src, next(c.src[len(c.src)-1]))
		c.tgt = append(c.tgt, next(c.tgt[len(c.tgt)-1]))
	}
	n, m := len(c.src[l])/vecDim, len(c.tgt[l])/vecDim
	var bd *band
	if (n+1)*(m+1) <= o.MaxFullCells || n <= 2 || m <= 2 {
		bd = fullBand(n, m)
	} else {
		bd = project(c.alignLevel(l+1, o), n, m, o.Band)
	}
	pts := search(n, m, bd, &levelScorer{c: c, l: l, src: new(sumCache), tgt: new(sumCache)})
	if pts == nil { // cannot happen with a valid band; fall back to the diagonal
		pts = []point{{0, 0}}
		for i := 1; i <= n; i++ {
			pts = append(pts, point{i, i * m / n})
		}
		if n == 0 {
			pts = append(pts, point{0, m})
		}
	}
	return pts
}

// levelScorer scores beads of blocks of one level.
type levelScorer struct {
	c        *coarse
	l        int
	src, tgt *sumCache
}

// sumCache is a small direct-mapped cache of summed block vectors with their norms.
type sumCache [512]struct {
	i0, i1 int
	ok     bool
	v      [vecDim]float32
	norm   float64
}

// get returns the sum of vectors [i0,i1) of v and its squared norm.
func (c *sumCache) get(v []float32, i0, i1 int) (*[vecDim]float32, float64) {
	e := &c[(i1*4+i1-i0)%len(c)]
	if !e.ok || e.i0 != i0 || e.i1 != i1 {
		e.i0, e.i1, e.ok = i0, i1, true
		e.v = [vecDim]float32{}
		for u := i0; u < i1; u++ {
			for k, x := range v[u*vecDim : (u+1)*vecDim] {
				e.v[k] += x
			}
		}
		e.norm = 0
		for _, x := range e.v {
			e.norm += float64(x) * float64(x)
		}
	}
	return &e.v, e.norm
}

func (ls *levelScorer) score(i0, i1, j0, j1 int) float64 {
	c, s := ls.c, ls.c.s
	size := 1 << ls.l
	n, m := s.src.n(), s.tgt.n()
	lenS := s.src.cum[min(i1*size, n)] - s.src.cum[min(i0*size, n)]
	lenT := s.tgt.cum[min(j1*size, m)] - s.tgt.cum[min(j0*size, m)]
	vs, ns := ls.src.get(c.src[ls.l], i0, i1)
	vt, nt := ls.tgt.get(c.tgt[ls.l], j0, j1)
	var dot float64
	for k := range vecDim {
		dot += float64(vs[k]) * float64(vt[k])
	}
	cos := 0.0
	if ns > 0 && nt > 0 {
		cos = dot / math.Sqrt(ns*nt)
	}
	return s.lengthLogP(lenS, lenT) + coarseWeight*(cos-coarseBase)
}
