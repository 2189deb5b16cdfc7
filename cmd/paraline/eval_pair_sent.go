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
}

// block returns the translated block pair a pair (its words on each side)
// lies within, -1 for none: the one with the shortest Russian side when
// several hold it (a sentence of a paragraph also lies within a list that
// quotes it), so that coverage goes to the block it came from.
func (p *paraPage) block(sw, tw []string) int {
	best := -1
	for i := range p.src {
		if p.translated[i] && (best < 0 || len(p.tgt[i]) < len(p.tgt[best])) && within(sw, p.src[i]) && within(tw, p.tgt[i]) {
			best = i
		}
	}
	return best
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
func evalSentences(goldPath, runDir string) (sentFigures, error) {
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
	var covered, length []int
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
				covered, length = append(covered, 0), append(length, len([]rune(t)))
			}
			p.group = append(p.group, gi)
			tr := letterKey(b[0]) != letterKey(b[1])
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
			all.cover(sw, tw, len([]rune(t)))
		}
		p := find(pr.Doc)
		if p == nil {
			continue
		}
		correct := false
		if i := p.block(sw, tw); s != "" && t != "" && i >= 0 {
			correct = true
			gi := p.group[i]
			covered[gi] = min(length[gi], covered[gi]+len([]rune(t)))
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
			if i := p.block(sw, tw); i >= 0 {
				gi := p.group[i]
				covered[gi] = min(length[gi], covered[gi]+len([]rune(t)))
				f.Duplicates++
			}
		}
	}
	for _, p := range pages {
		for i, gi := range p.group {
			if p.translated[i] {
				f.CoveredChars += covered[gi]
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
	covered  []int
	starts   []int // offset of each source block in text
	text     []byte
	sa       *suffixarray.Index
}

func (x *blockIndex) add(src, tgt string) {
	x.starts = append(x.starts, len(x.text))
	x.text = append(x.text, src...)
	x.text = append(x.text, 0)
	x.src, x.tgt = append(x.src, src), append(x.tgt, tgt)
	x.covered = append(x.covered, 0)
}

func (x *blockIndex) build() { x.sa = suffixarray.New(x.text) }

// cover adds n characters to the coverage of every block pair whose two
// sides hold the words of a pair (see within). Within lets one word in
// ten miss, so the blocks holding any of the 1+len/10 longest source words
// are all the candidates.
func (x *blockIndex) cover(sw, tw []string, n int) {
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
			x.covered[i] = min(len([]rune(x.tgt[i])), x.covered[i]+n)
		}
	}
}

func (x *blockIndex) coveredChars() int {
	n := 0
	for _, c := range x.covered {
		n += c
	}
	return n
}

// letterKey returns the letters and digits of s in lower case: two sides of
// a block that differ in nothing else (quotes, dashes, spaces a
// translator's tools changed) are the same text, left untranslated.
func letterKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
