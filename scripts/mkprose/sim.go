package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cut groups the beads (paragraph marks between blocks) into documents of
// minLen to maxLen beads, cutting at paragraph marks. The cut depends on
// the sizes only, not on the seed, so every seed simulates edits on the
// same documents.
func (g *gen) cut(beads []goldBead) [][]goldBead {
	var docs [][]goldBead
	var cur []goldBead
	size := 0
	target := g.minLen + (g.maxLen-g.minLen)/2
	for _, b := range beads {
		if b.src == nil && b.tgt == nil {
			if size >= target {
				docs = append(docs, cur)
				cur, size = nil, 0
				continue
			}
			if size > 0 {
				cur = append(cur, b)
			}
			continue
		}
		if size >= g.maxLen {
			docs = append(docs, cur)
			cur, size = nil, 0
		}
		cur = append(cur, b)
		size++
	}
	if size >= g.minLen {
		docs = append(docs, cur)
	}
	return docs
}

// Rates of the simulated translator edits, per 1-1 bead.
const (
	rateMerge  = 0.04
	rateSplit  = 0.04
	rateDropRu = 0.025
	rateDropEn = 0.025
)

// simulated is a document as written: its lines and gold beads (0-based).
type simulated struct {
	en, ru []string
	gold   [][2][]int
}

// simulate applies translator edits to doc and returns the document.
func (g *gen) simulate(doc []goldBead, r *rand.Rand) simulated {
	var s simulated
	add := func(src, tgt []string) {
		var b [2][]int
		for _, x := range src {
			b[0] = append(b[0], len(s.en))
			s.en = append(s.en, x)
		}
		for _, y := range tgt {
			b[1] = append(b[1], len(s.ru))
			s.ru = append(s.ru, y)
		}
		s.gold = append(s.gold, b)
	}
	one := func(b goldBead) bool { return len(b.src) == 1 && len(b.tgt) == 1 }
	// An edit drawn for a bead it does not fit (a merge before a block
	// end, a split of a sentence without a clause boundary, a drop next
	// to a null bead) waits for the next bead that it fits.
	const (
		none = iota
		merge
		splitOne
		dropRu
		dropEn
	)
	pending := none
	lastNull := false
	for k := 0; k < len(doc); k++ {
		b := doc[k]
		if b.src == nil && b.tgt == nil {
			continue // paragraph mark
		}
		if !one(b) {
			add(b.src, b.tgt)
			lastNull = false
			continue
		}
		if pending == none {
			switch x := r.Float64(); {
			case x < rateMerge:
				pending = merge
			case x < rateMerge+rateSplit:
				pending = splitOne
			case x < rateMerge+rateSplit+rateDropRu:
				pending = dropRu
			case x < rateMerge+rateSplit+rateDropRu+rateDropEn:
				pending = dropEn
			}
		}
		switch pending {
		case merge:
			if k+1 < len(doc) && one(doc[k+1]) {
				add([]string{b.src[0], doc[k+1].src[0]}, []string{mergeRu(b.tgt[0], doc[k+1].tgt[0], r)})
				g.stats["sim 2-1 merged"]++
				k++
				lastNull, pending = false, none
				continue
			}
		case splitOne:
			if a, c, ok := splitRu(b.tgt[0]); ok {
				add(b.src, []string{a, c})
				g.stats["sim 1-2 split"]++
				lastNull, pending = false, none
				continue
			}
		case dropRu, dropEn:
			next := k+1 < len(doc) && (doc[k+1].src != nil || k+2 < len(doc))
			// two drops of three are of sentences with no anchor nearby
			if lastNull || !next || r.IntN(3) > 0 && !anchorFree(doc, k) {
				break
			}
			if pending == dropRu {
				add(b.src, nil)
				g.stats["sim 1-0 dropped ru"]++
			} else {
				add(nil, b.tgt)
				g.stats["sim 0-1 dropped en"]++
			}
			if anchorFree(doc, k) {
				g.stats["sim drops without anchors"]++
			}
			lastNull, pending = true, none
			continue
		}
		add(b.src, b.tgt)
		lastNull = false
	}
	return s
}

// anchorFree reports whether bead k and its neighbours hold no numbers and
// no names (capitalised words inside a sentence, Latin words in Russian).
func anchorFree(doc []goldBead, k int) bool {
	for d := k - 1; d <= k+1; d++ {
		if d < 0 || d >= len(doc) {
			continue
		}
		for _, x := range doc[d].src {
			if hasAnchor(x, false) {
				return false
			}
		}
		for _, y := range doc[d].tgt {
			if hasAnchor(y, true) {
				return false
			}
		}
	}
	return true
}

func hasAnchor(s string, ru bool) bool {
	for i, w := range strings.Fields(s) {
		for _, c := range w {
			if unicode.IsDigit(c) || ru && unicode.Is(unicode.Latin, c) {
				return true
			}
		}
		if c, _ := utf8.DecodeRuneInString(w); i > 0 && unicode.IsUpper(c) {
			return true
		}
		if strings.ContainsAny(w, "/_<>%$@=") {
			return true
		}
	}
	return false
}

// mergeRu joins two Russian sentences as a translator merging them would:
// with a space, or with a semicolon when the first ends with a full stop.
func mergeRu(a, b string, r *rand.Rand) string {
	if r.IntN(2) == 0 && strings.HasSuffix(a, ".") && !strings.HasSuffix(a, "..") {
		c, w := utf8.DecodeRuneInString(b)
		n, _ := utf8.DecodeRuneInString(b[w:])
		if unicode.IsUpper(c) && unicode.IsLower(n) {
			return strings.TrimSuffix(a, ".") + "; " + string(unicode.ToLower(c)) + b[w:]
		}
	}
	return a + " " + b
}

// clauses are the boundaries where a Russian sentence is split, and what
// begins the second sentence.
var clauses = []struct{ sep, start string }{
	{"; ", ""},
	{", но ", "Но "},
	{", поэтому ", "Поэтому "},
	{", однако ", "Однако "},
	{", и ", ""},
	{", а ", ""},
}

// splitRu splits a Russian sentence in two at a clause boundary near its
// middle, each part at least four words long.
func splitRu(s string) (string, string, bool) {
	best, bi, bsep := -1, 0, 0
	for ci, c := range clauses {
		for off := 0; ; {
			i := strings.Index(s[off:], c.sep)
			if i < 0 {
				break
			}
			i += off
			off = i + len(c.sep)
			a, b := s[:i], s[i+len(c.sep):]
			if len(strings.Fields(a)) < 4 || len(strings.Fields(b)) < 4 {
				continue
			}
			d := abs(len(a) - len(b))
			if best < 0 || d < best {
				best, bi, bsep = d, i, ci
			}
		}
	}
	if best < 0 {
		return "", "", false
	}
	c := clauses[bsep]
	a, b := s[:bi]+".", s[bi+len(c.sep):]
	if c.start != "" {
		b = c.start + b
	} else {
		r, w := utf8.DecodeRuneInString(b)
		b = string(unicode.ToUpper(r)) + b[w:]
	}
	return a, b, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// writeDoc writes NAME.en, NAME.ru and NAME.gold.
func writeDoc(dir, name string, s simulated) error {
	var gold strings.Builder
	for _, b := range s.gold {
		gold.WriteString(side(b[0]))
		gold.WriteByte('\t')
		gold.WriteString(side(b[1]))
		gold.WriteByte('\n')
	}
	files := map[string]string{
		name + ".en":   strings.Join(s.en, "\n") + "\n",
		name + ".ru":   strings.Join(s.ru, "\n") + "\n",
		name + ".gold": gold.String(),
	}
	for f, text := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(text), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f, err)
		}
	}
	return nil
}

func side(l []int) string {
	p := make([]string, len(l))
	for i, x := range l {
		p[i] = strconv.Itoa(x + 1)
	}
	return strings.Join(p, ",")
}
