package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"index/suffixarray"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paraline/paraline/docpair"
)

// paraGoldPage is one line of a paragraph gold file (scripts/mkbisite's
// NAME-para.jsonl): a page pair and its blocks paired by position.
type paraGoldPage struct {
	Src    string      `json:"src"`
	Tgt    string      `json:"tgt"`
	Blocks [][2]string `json:"blocks"`
	// Unpaired are the English and Russian blocks the gold could not pair
	// by position: a pair in one of them is not scored.
	Unpaired [2][]string `json:"unpaired"`
}

// paraPage is a page of paragraph gold, its blocks squeezed.
type paraPage struct {
	src, tgt                 []string
	unpairedSrc, unpairedTgt []string
	group                    []int // index in the covered blocks of each block
	translated               []bool
	// placed counts the pairs of the page placed in blocks i..j with a
	// target t, by "i-j\x00t" (see cover).
	placed map[string]int
}

// block returns the translated block pair a pair (its words on each side)
// lies within, -1 for none: the one with the shortest Russian side when
// several hold it (a sentence of a paragraph also lies within a list that
// quotes it), so that coverage goes to the block it came from.
func (p *paraPage) block(sw, tw []string) int {
	if h := p.holding(sw, tw); len(h) > 0 {
		return h[0]
	}
	return -1
}

// maxSpan is the most consecutive gold blocks one pair may span (two
// table-of-contents entries or table cells the run keeps as one line, a
// sentence the gold cuts at a line break). On the eight dev sites (runs of
// session 4) the spanning pairs found with a bound of 8 all span 2 blocks
// (8 pairs: gimp-help 5, doublecmd, maint-guide, debian-faq 1 each), so
// 4 binds none; a longer span is more likely a chance match of words.
const maxSpan = 4

// place returns the blocks i..j of the page that a pair (its words, its
// squeezed target t) comes from, or -1, -1: the block it lies within (see
// block), else the shortest run of consecutive translated blocks that it
// spans on both sides (see span). When several blocks hold it, the
// shortest that still holds an occurrence of t the page has not placed
// there wins (see cover): a sentence that two blocks of the page hold,
// found twice, covers both, not the shortest twice.
func (p *paraPage) place(sw, tw []string, t string) (int, int) {
	first := -1
	for _, i := range p.holding(sw, tw) {
		if first < 0 {
			first = i
		}
		if strings.Count(p.tgt[i], t) > p.placed[placeKey(i, i, t)] {
			return i, i
		}
	}
	if first >= 0 {
		return first, first
	}
	return p.span(sw, tw)
}

// holding returns the translated blocks a pair lies within, shortest
// Russian side first (in page order among equals).
func (p *paraPage) holding(sw, tw []string) []int {
	var out []int
	for i := range p.src {
		if p.translated[i] && within(sw, p.src[i]) && within(tw, p.tgt[i]) {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return len(p.tgt[out[a]]) < len(p.tgt[out[b]]) })
	return out
}

func placeKey(i, j int, t string) string { return fmt.Sprintf("%d-%d\x00%s", i, j, t) }

// span returns the shortest run of two to maxSpan consecutive translated
// blocks i..j (the first of the shortest) that a pair spans on both
// sides, or -1, -1: read in order over the run's texts (see inOrder), nine
// in ten of the source words are found and fall in every block of the run,
// and so do the target words; a pair whose two sides fall in different
// blocks (a misalignment) spans none.
func (p *paraPage) span(sw, tw []string) (int, int) {
	if len(sw) < 2 || len(tw) < 2 {
		return -1, -1
	}
	for n := 2; n <= maxSpan; n++ {
		for i := 0; i+n <= len(p.src); i++ {
			j := i + n - 1
			if !allTrue(p.translated[i : j+1]) {
				continue
			}
			if spans(sw, p.src[i:j+1]) && spans(tw, p.tgt[i:j+1]) {
				return i, j
			}
		}
	}
	return -1, -1
}

func allTrue(b []bool) bool {
	for _, x := range b {
		if !x {
			return false
		}
	}
	return true
}

// spans reports whether words, read in order over the concatenation of
// texts (see inOrder), are found nine in ten at least and fall in every
// one of texts.
func spans(words, texts []string) bool {
	cat, starts := concat(texts)
	ranges, found := inOrder(words, cat)
	if float64(found) < 0.9*float64(len(words)) {
		return false
	}
	hit := make([]bool, len(texts))
	for _, r := range ranges {
		hit[sort.SearchInts(starts, r[0]+1)-1] = true
	}
	return allTrue(hit)
}

// concat joins texts and returns the offset of each in the result.
func concat(texts []string) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(texts))
	for i, t := range texts {
		starts[i] = b.Len()
		b.WriteString(t)
	}
	return b.String(), starts
}

// inOrder finds words in text in order: each at its first occurrence at or
// after the end of the previous word found, a word not found there being
// skipped. It returns the byte ranges found and their number.
func inOrder(words []string, text string) ([][2]int, int) {
	var out [][2]int
	pos := 0
	for _, w := range words {
		if w == "" {
			continue
		}
		k := strings.Index(text[pos:], w)
		if k < 0 {
			continue
		}
		out = append(out, [2]int{pos + k, pos + k + len(w)})
		pos += k + len(w)
	}
	return out, len(out)
}

// marks records which characters of a text (the squeezed Russian side of a
// gold block pair) pairs have covered: each counts once, however many pairs
// cover it.
type marks struct {
	text string
	on   []bool // per byte of text
}

func newMarks(text string) *marks { return &marks{text: text, on: make([]bool, len(text))} }

// count returns the number of characters (runes) covered.
func (m *marks) count() int {
	n := 0
	for i, on := range m.on {
		if on && utf8.RuneStart(m.text[i]) {
			n++
		}
	}
	return n
}

// cover marks the characters of blocks (consecutive, one text) that a
// pair's target covers: t, its squeezed text, at its nth occurrence (from
// 0; the last when there are fewer), so that a sentence a page holds twice
// and the run found twice on that page covers both; else, when t is no
// substring (the run changed a word), the words of the pair found in order
// (see inOrder), so that a word the block lacks covers nothing.
func cover(blocks []*marks, t string, words []string, nth int) {
	texts := make([]string, len(blocks))
	for i, m := range blocks {
		texts[i] = m.text
	}
	cat, starts := concat(texts)
	var ranges [][2]int
	if t != "" && strings.Contains(cat, t) {
		at := -1
		for from, n := 0, 0; n <= nth; n++ {
			k := strings.Index(cat[from:], t)
			if k < 0 {
				break
			}
			at = from + k
			from = at + len(t)
		}
		ranges = [][2]int{{at, at + len(t)}}
	} else {
		ranges, _ = inOrder(words, cat)
	}
	for _, r := range ranges {
		for k := r[0]; k < r[1]; k++ {
			i := sort.SearchInts(starts, k+1) - 1
			blocks[i].on[k-starts[i]] = true
		}
	}
}

// sentFigures are the sentence-pair figures of a run against paragraph gold.
type sentFigures struct {
	Pairs, Scored, Correct, Identical int
	// Unknown counts the pairs of gold pages that lie in a block the gold
	// could not pair (not scored).
	Unknown int
	// Duplicates counts the pairs of rejects.jsonl dropped as exact
	// repeats (filter:duplicate:exact) that covered a block of their page.
	Duplicates int
	// TranslatedChars counts the characters (no spaces) of the target side
	// of the gold blocks whose two sides differ; CoveredChars those covered
	// by correct pairs of the block's own page (those dropped as repeats
	// included).
	TranslatedChars, CoveredChars int
	Precision, Coverage           float64
	// CorpusCoveredChars and CorpusCoverage are coverage as a scorer that
	// reads corpus.* alone (no document IDs) computes it: a pair covers a
	// gold block pair, of any page, when its two sides lie within that
	// block pair's texts.
	CorpusCoveredChars int
	CorpusCoverage     float64
}

// squeeze lowercases s and drops white space, so that text compares
// whatever the spacing a reader, a repair or a split gave it.
func squeeze(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// within reports whether the words of a sentence come from block (squeezed):
// nine in ten of them at least are in it, so that a sentence that lost or
// gained a word on the way (a name dropped as other-language text, a
// repaired glue) is still placed in its paragraph.
func within(words []string, block string) bool {
	if len(words) == 0 {
		return false
	}
	in := 0
	for _, w := range words {
		if strings.Contains(block, w) {
			in++
		}
	}
	return float64(in) >= 0.9*float64(len(words))
}

// evalSentences scores the pairs of a run's corpus.jsonl against paragraph
// gold. A pair is scored when its document is a source page of the gold
// (by path suffix); it is correct when its source lies in an English block
// and its target in the Russian block of the same position (see within).
func evalSentences(goldPath, runDir, src, tgt string) (sentFigures, error) {
	var f sentFigures
	gf, err := os.Open(goldPath)
	if err != nil {
		return f, err
	}
	defer gf.Close()
	var all blockIndex
	// covered holds the characters covered of each distinct block pair:
	// a block pair repeated on several pages (a single-page version of a
	// manual, a shared note) is one, as a corpus that drops duplicate
	// pairs gives its pair once.
	var covered []*marks
	groups := map[string]int{}
	pages := map[string]*paraPage{}
	var suffixes []string
	dec := json.NewDecoder(bufio.NewReader(gf))
	for {
		var g paraGoldPage
		if err := dec.Decode(&g); err == io.EOF {
			break
		} else if err != nil {
			return f, fmt.Errorf("read %s: %w", goldPath, err)
		}
		p := &paraPage{}
		for _, b := range g.Blocks {
			s, t := squeeze(b[0]), squeeze(b[1])
			p.src, p.tgt = append(p.src, s), append(p.tgt, t)
			k := s + "\x00" + t
			gi, ok := groups[k]
			if !ok {
				gi = len(covered)
				groups[k] = gi
				covered = append(covered, newMarks(t))
			}
			p.group = append(p.group, gi)
			tr := docpair.BlockTranslated(b[0], b[1], src, tgt)
			p.translated = append(p.translated, tr)
			if tr {
				f.TranslatedChars += len([]rune(t))
				all.add(s, t)
			}
		}
		for _, b := range g.Unpaired[0] {
			p.unpairedSrc = append(p.unpairedSrc, squeeze(b))
		}
		for _, b := range g.Unpaired[1] {
			p.unpairedTgt = append(p.unpairedTgt, squeeze(b))
		}
		pages[g.Src] = p
		suffixes = append(suffixes, g.Src)
	}
	cf, err := os.Open(filepath.Join(runDir, "corpus.jsonl"))
	if err != nil {
		return f, fmt.Errorf("%w (run with --format jsonl)", err)
	}
	defer cf.Close()
	find := func(doc string) *paraPage {
		doc = filepath.ToSlash(doc)
		for _, s := range suffixes {
			if doc == s || strings.HasSuffix(doc, "/"+s) {
				return pages[s]
			}
		}
		return nil
	}
	all.build()
	inCorpus := map[string]bool{}
	dec = json.NewDecoder(bufio.NewReader(cf))
	for {
		var pr struct{ Doc, Src, Tgt string }
		if err := dec.Decode(&pr); err == io.EOF {
			break
		} else if err != nil {
			return f, fmt.Errorf("read corpus.jsonl: %w", err)
		}
		f.Pairs++
		s, t := squeeze(pr.Src), squeeze(pr.Tgt)
		inCorpus[s+"\x00"+t] = true
		if s == t {
			f.Identical++
		}
		sw, tw := strings.Fields(strings.ToLower(pr.Src)), strings.Fields(strings.ToLower(pr.Tgt))
		if s != "" && t != "" {
			all.cover(sw, tw, t)
		}
		p := find(pr.Doc)
		if p == nil {
			continue
		}
		correct := false
		if i, j := p.place(sw, tw, t); s != "" && t != "" && i >= 0 {
			correct = true
			p.cover(covered, i, j, t, tw)
		}
		if !correct && (withinAny(sw, p.unpairedSrc) || withinAny(tw, p.unpairedTgt)) {
			f.Unknown++
			continue
		}
		f.Scored++
		if correct {
			f.Correct++
		}
	}
	// A pair the run found on a page but dropped as an exact repeat of an
	// earlier pair (rejects.jsonl, filter:duplicate:exact) reaches the
	// corpus all the same: it covers its page's block. A repeat once
	// digits and punctuation are dropped (filter:duplicate:normalized)
	// does not: its own text is not in the corpus.
	if rf, err := os.Open(filepath.Join(runDir, "rejects.jsonl")); err == nil {
		defer rf.Close()
		dec := json.NewDecoder(bufio.NewReader(rf))
		for {
			var r struct{ Doc, Reason, Text, Tgt string }
			if err := dec.Decode(&r); err == io.EOF {
				break
			} else if err != nil {
				return f, fmt.Errorf("read rejects.jsonl: %w", err)
			}
			if r.Reason != "filter:duplicate:exact" || r.Tgt == "" || !inCorpus[squeeze(r.Text)+"\x00"+squeeze(r.Tgt)] {
				continue // not a repeat, or a repeat of a pair rejected for another reason
			}
			p := find(r.Doc)
			if p == nil {
				continue
			}
			t := squeeze(r.Tgt)
			sw, tw := strings.Fields(strings.ToLower(r.Text)), strings.Fields(strings.ToLower(r.Tgt))
			if i, j := p.place(sw, tw, t); i >= 0 {
				p.cover(covered, i, j, t, tw)
				f.Duplicates++
			}
		}
	}
	for _, p := range pages {
		for i, gi := range p.group {
			if p.translated[i] {
				f.CoveredChars += covered[gi].count()
			}
		}
	}
	f.CorpusCoveredChars = all.coveredChars()
	if f.Scored > 0 {
		f.Precision = float64(f.Correct) / float64(f.Scored)
	}
	if f.TranslatedChars > 0 {
		f.Coverage = float64(f.CoveredChars) / float64(f.TranslatedChars)
		f.CorpusCoverage = float64(f.CorpusCoveredChars) / float64(f.TranslatedChars)
	}
	return f, nil
}

// cover marks the characters of blocks i..j of the page (their groups'
// marks in covered) that a pair with target t (squeezed) and words tw
// covers: the nth time the page places t there, its nth occurrence. The
// same pair on another page that shares the block covers what the first
// page's did.
func (p *paraPage) cover(covered []*marks, i, j int, t string, tw []string) {
	var blocks []*marks
	for k := i; k <= j; k++ {
		blocks = append(blocks, covered[p.group[k]])
	}
	if p.placed == nil {
		p.placed = map[string]int{}
	}
	key := placeKey(i, j, t)
	cover(blocks, t, tw, p.placed[key])
	p.placed[key]++
}

// withinAny reports whether words lie within one of blocks (see within).
func withinAny(words []string, blocks []string) bool {
	for _, b := range blocks {
		if within(words, b) {
			return true
		}
	}
	return false
}

// blockIndex holds the translated gold block pairs of every page, to find
// those a pair lies within without trying them all: a suffix array over
// the source blocks finds the blocks that contain a given word.
type blockIndex struct {
	src, tgt []string // squeezed
	covered  []*marks
	starts   []int // offset of each source block in text
	text     []byte
	sa       *suffixarray.Index
}

func (x *blockIndex) add(src, tgt string) {
	x.starts = append(x.starts, len(x.text))
	x.text = append(x.text, src...)
	x.text = append(x.text, 0)
	x.src, x.tgt = append(x.src, src), append(x.tgt, tgt)
	x.covered = append(x.covered, newMarks(tgt))
}

func (x *blockIndex) build() { x.sa = suffixarray.New(x.text) }

// cover marks the characters that a pair (its words, its squeezed target
// t) covers (see cover) in every block pair whose two sides hold the words
// of the pair (see within). Within lets one word in ten miss, so the
// blocks holding any of the 1+len/10 longest source words are all the
// candidates.
func (x *blockIndex) cover(sw, tw []string, t string) {
	if len(sw) == 0 || x.sa == nil {
		return
	}
	long := slices.Clone(sw)
	slices.SortFunc(long, func(a, b string) int { return len(b) - len(a) })
	long = long[:min(len(long), 1+len(sw)/10)]
	seen := map[int]bool{}
	var cand []int
	for _, w := range long {
		for _, off := range x.sa.Lookup([]byte(w), -1) {
			i := sort.SearchInts(x.starts, off+1) - 1
			if i >= 0 && !seen[i] {
				seen[i] = true
				cand = append(cand, i)
			}
		}
	}
	slices.Sort(cand)
	for _, i := range cand {
		if within(sw, x.src[i]) && within(tw, x.tgt[i]) {
			cover(x.covered[i:i+1], t, tw, 0)
		}
	}
}

func (x *blockIndex) coveredChars() int {
	n := 0
	for _, c := range x.covered {
		n += c.count()
	}
	return n
}
