package docpair

import (
	"cmp"
	"slices"
	"strings"

	"github.com/paraline/paraline/corpus"
)

// Structural evidence: two versions of a page link to the versions of the
// same pages, in the same order (a site's menus, tables of contents and
// figure links are translated, not rearranged). When pages A and A' are
// paired, their outgoing links are aligned on the targets already paired
// with each other; between two such anchors, the same number of unpaired
// targets on both sides pair in order. The pairs found are parents in
// turn, to a fixed point.

// maxLinks is the most links kept per document for the link structure (in
// document order): a page with more (a site map) is cut, so that one page
// takes a bounded part of memory and of alignment time.
const maxLinks = 400

// structuralLink reports whether l is a hyperlink of the page's body or
// menus (an <a href>), not a <link> of its head.
func structuralLink(l corpus.Link) bool {
	if l.HrefLang != "" {
		return false
	}
	for _, w := range strings.Fields(l.Rel) {
		if w == "canonical" || w == "alternate" {
			return false
		}
	}
	return true
}

// hashLoc hashes a normalised address (FNV-1a, 64 bits): documents and
// link targets are compared by these hashes, so that a document keeps 8
// bytes per link.
func hashLoc(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// linkTargets returns the hashes of the targets of the structural links
// of a document at loc (normalised), resolved and normalised by resolveFn
// ("" for no page address), in document order, without links to itself
// and repeats of the link just before, at most maxLinks.
func linkTargets(loc string, resolveFn func(string) string, links []corpus.Link) []uint64 {
	var out []uint64
	self := hashLoc(loc)
	for _, l := range links {
		if len(out) == maxLinks {
			break
		}
		if !structuralLink(l) {
			continue
		}
		t := resolveFn(l.Href)
		if t == "" {
			continue
		}
		h := hashLoc(t)
		if h == self || len(out) > 0 && out[len(out)-1] == h {
			continue
		}
		out = append(out, h)
	}
	return slices.Clip(out)
}

// structure pairs documents through the link graph (see above), starting
// from the pairs in partner (partner[i] is the document paired with i, -1
// for none), and returns the candidate pairs of one round: those proposed
// by more parents than any rival on both sides. The caller assigns them
// and calls again until no pair is added.
func (p *Pairer) structure(partner []int32, byLoc map[uint64]int32) []edge {
	votes := map[[2]int32]int{}
	var x, y []target
	var dp []int32
	for a := range p.docs {
		b := partner[a]
		if b < 0 || p.docs[a].side != 0 {
			continue
		}
		x = p.targets(x[:0], a, 0, byLoc)
		y = p.targets(y[:0], int(b), 1, byLoc)
		if !hasFree(x, partner) || !hasFree(y, partner) {
			continue
		}
		dp = alignLinks(x, y, partner, dp, func(s, t int32) {
			votes[[2]int32{s, t}]++
		})
	}
	if len(votes) == 0 {
		return nil
	}
	// best[i]: the partner proposed most often for i, and whether it is the
	// only one with that many votes.
	type best struct {
		other  int32
		n      int
		unique bool
	}
	bs := map[int32]*best{}
	note := func(i, o int32, n int) {
		b := bs[i]
		switch {
		case b == nil:
			bs[i] = &best{other: o, n: n, unique: true}
		case n > b.n:
			b.other, b.n, b.unique = o, n, true
		case n == b.n:
			b.unique = false
		}
	}
	keys := make([][2]int32, 0, len(votes))
	for k := range votes {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(u, v [2]int32) int { return cmp.Or(cmp.Compare(u[0], v[0]), cmp.Compare(u[1], v[1])) })
	for _, k := range keys {
		note(k[0], k[1], votes[k])
		note(k[1], k[0], votes[k])
	}
	var edges []edge
	for _, k := range keys {
		bs0, bs1 := bs[k[0]], bs[k[1]]
		if bs0.unique && bs1.unique && bs0.other == k[1] && bs1.other == k[0] {
			edges = append(edges, edge{a: k[0], b: k[1], prio: 3, method: MethodLink})
		}
	}
	return edges
}

// target is a link target: the hash of its address, and the document
// there (of the side looked for), -1 for none (a page outside the crawl,
// another site).
type target struct {
	h   uint64
	doc int32
}

// targets appends to dst the link targets of document i, in order,
// with the documents of side found.
func (p *Pairer) targets(dst []target, i int, side int8, byLoc map[uint64]int32) []target {
	for _, h := range p.docs[i].links {
		j, ok := byLoc[h]
		if !ok || j < 0 || p.docs[j].side != side {
			j = -1
		}
		dst = append(dst, target{h, j})
	}
	return dst
}

// hasFree reports whether a target of ts is a document without a partner.
func hasFree(ts []target, partner []int32) bool {
	for _, t := range ts {
		if t.doc >= 0 && partner[t.doc] < 0 {
			return true
		}
	}
	return false
}

// anchor reports whether link targets u (of the Src page) and v (of its
// Tgt version) are the same place: the same address (another site, a page
// outside the crawl) or documents paired with each other.
func anchor(u, v target, partner []int32) bool {
	return u.h == v.h || u.doc >= 0 && v.doc >= 0 && partner[u.doc] == v.doc
}

// alignLinks aligns the link targets x (of the Src page) and y (of its
// Tgt version): a longest common subsequence of anchors. Between two
// anchors (and before the first, after the last), when both sides have as
// many targets, the targets at the same place that are both documents
// without a partner are proposed as a pair (propose is called). A page
// missing from the crawl keeps its place, being linked still. dp is a
// buffer, returned for reuse.
func alignLinks(x, y []target, partner []int32, dp []int32, propose func(s, t int32)) []int32 {
	n, m := len(x), len(y)
	w := m + 1
	if cap(dp) < (n+1)*w {
		dp = make([]int32, (n+1)*w)
	}
	dp = dp[:(n+1)*w]
	for j := 0; j <= m; j++ {
		dp[n*w+j] = 0
	}
	// dp[i*w+j]: anchors in x[i:], y[j:].
	for i := n - 1; i >= 0; i-- {
		dp[i*w+m] = 0
		for j := m - 1; j >= 0; j-- {
			v := max(dp[(i+1)*w+j], dp[i*w+j+1])
			if anchor(x[i], y[j], partner) {
				v = max(v, dp[(i+1)*w+j+1]+1)
			}
			dp[i*w+j] = v
		}
	}
	gap := func(x, y []target) {
		if len(x) != len(y) {
			return
		}
		for k := range x {
			s, t := x[k].doc, y[k].doc
			if s >= 0 && t >= 0 && partner[s] < 0 && partner[t] < 0 {
				propose(s, t)
			}
		}
	}
	i, j, i0, j0 := 0, 0, 0, 0
	for i < n && j < m {
		switch {
		case anchor(x[i], y[j], partner) && dp[i*w+j] == dp[(i+1)*w+j+1]+1:
			gap(x[i0:i], y[j0:j])
			i++
			j++
			i0, j0 = i, j
		case dp[(i+1)*w+j] >= dp[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	gap(x[i0:], y[j0:])
	return dp
}
