package docpair

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func TestZZDebug(t *testing.T) {
	dir := os.Getenv("DP_DIR")
	if dir == "" {
		t.Skip()
	}
	gf, _ := os.Open(os.Getenv("DP_GOLD"))
	gold, _ := ReadTSV(gf)
	p, _ := NewPairer(Options{Src: "en", Tgt: "ru"})
	p.AddInputs(context.Background(), []string{dir}, ReadOptions{Workers: 2})
	idx := map[string]int{}
	for i, d := range p.docs {
		idx[d.id] = i
	}
	sc := newScorer(p.docs, false)
	for _, g := range gold {
		a, b := idx[filepath.Join(g.Src)], idx[g.Tgt]
		da, db := p.docs[a], p.docs[b]
		// best competitor for a
		type c struct {
			j int
			s float64
		}
		var cs []c
		for j := range p.docs {
			if p.docs[j].side == 1 && j != b {
				cs = append(cs, c{j, sc.score(a, j)})
			}
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].s > cs[j].s })
		best := 0.0
		if len(cs) > 0 {
			best = cs[0].s
		}
		fmt.Printf("%s(%s,%d,%d) %s(%s,%d,%d) score %.3f best-other %.3f untr %v\n", g.Src, da.lang, len(da.f.toks), da.f.nParas, g.Tgt, db.lang, len(db.f.toks), db.f.nParas, sc.score(a, b), best, sc.untranslated(a, b))
	}
}
