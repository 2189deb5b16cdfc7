// Command covergap breaks down the translated text a bilingual run left
// uncovered (paraline eval pair --sentences) by cause: for every translated
// block of the paragraph gold, the characters of its Russian side that no
// correct pair of its page covers are charged to what became of that text
// in the run, read from RUN/rejects.jsonl and RUN/corpus.jsonl:
//
//   - the reason of a rejected piece of the block's Russian text
//     (classify rejects of the Russian page, pair rejects of the page pair,
//     align:unaligned), prefixed "ru "; a line a page pair took back
//     from the classifier's rejects has no classify record, only the
//     record of what became of it later;
//   - "wrong-block" when a pair of the page holds the Russian text but its
//     English side is not the block's;
//   - the reason of a rejected piece of the block's English text, prefixed
//     "en ", when nothing of the Russian side was found;
//   - "missing" when neither side left a trace (not segmented, or
//     segmented apart from the gold's blocks).
//
// A block's uncovered characters are shared among the causes found in
// proportion to the characters of each. Blocks are matched as eval pair
// matches them (nine words in ten of a piece within the block, lower
// case, no spaces), but coverage is counted per block, not per character
// as eval pair marks it, and a pair spanning blocks covers none: the
// totals differ from eval pair's (by up to 0.035 of coverage on the dev
// sites, developers-reference); the shares are what it is for.
//
//	paraline run --progress never -o run --format jsonl dev/aptitude-warc
//	go run ./scripts/covergap dev/gold/aptitude-para.jsonl run
//
// -v N prints the N largest uncovered blocks with their causes.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/paraline/paraline/docpair"
	"github.com/paraline/paraline/lang"
)

// onlyCause restricts -v to the blocks charged to one cause.
var onlyCause string

// srcLang and tgtLang are the languages of the gold's two sides (-langs),
// for docpair.BlockTranslated.
var srcLang, tgtLang = "en", "ru"

type goldPage struct {
	Src    string      `json:"src"`
	Tgt    string      `json:"tgt"`
	Blocks [][2]string `json:"blocks"`
}

type block struct {
	page     int
	src, tgt string // squeezed
	rawTgt   string
	n        int
	g        *group
	causes   map[string]int
}

// group is the coverage of a block pair, shared by its repeats on other
// pages.
type group struct{ covered int }

type page struct {
	src, tgt string
	blocks   []*block
}

func squeeze(s string) string {
	var b strings.Builder
	for _, r := range s {
		if !unicode.IsSpace(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func within(words []string, blk string) bool {
	return len(words) > 0 && float64(wordsIn(words, blk)) >= 0.9*float64(len(words))
}

func wordsIn(words []string, blk string) int {
	in := 0
	for _, w := range words {
		if strings.Contains(blk, w) {
			in++
		}
	}
	return in
}

func words(s string) []string { return strings.Fields(strings.ToLower(s)) }

func main() {
	verbose := flag.Int("v", 0, "print the `N` largest uncovered blocks")
	flag.StringVar(&onlyCause, "c", "", "with -v, print only the blocks charged to `cause`")
	langs := flag.String("langs", "en,ru", "the two `codes` of the languages (source first)")
	flag.Parse()
	if l, err := lang.ParseLangs(*langs); err == nil && len(l) == 2 {
		srcLang, tgtLang = l[0], l[1]
	} else {
		fmt.Fprintf(os.Stderr, "covergap: -langs wants two language codes, got %q\n", *langs)
		os.Exit(2)
	}
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: covergap [-v N] PARA_GOLD RUN_DIR")
		os.Exit(2)
	}
	if err := run(os.Stdout, flag.Arg(0), flag.Arg(1), *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "covergap:", err)
		os.Exit(1)
	}
}

func decodeAll(path string, each func(dec *json.Decoder) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		if err := each(dec); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
	}
}

func run(w io.Writer, goldPath, runDir string, verbose int) error {
	var pages []*page
	groups := map[string]*group{}
	err := decodeAll(goldPath, func(dec *json.Decoder) error {
		var g goldPage
		if err := dec.Decode(&g); err != nil {
			return err
		}
		p := &page{src: g.Src, tgt: g.Tgt}
		for _, b := range g.Blocks {
			if !docpair.BlockTranslated(b[0], b[1], srcLang, tgtLang) {
				continue
			}
			s, t := squeeze(b[0]), squeeze(b[1])
			g := groups[s+"\x00"+t]
			if g == nil {
				g = &group{}
				groups[s+"\x00"+t] = g
			}
			p.blocks = append(p.blocks, &block{page: len(pages), src: s, tgt: t, rawTgt: b[1], n: len([]rune(t)), g: g, causes: map[string]int{}})
		}
		pages = append(pages, p)
		return nil
	})
	if err != nil {
		return err
	}
	find := func(doc string) (*page, bool) {
		doc = filepath.ToSlash(doc)
		for _, p := range pages {
			if doc == p.src || strings.HasSuffix(doc, "/"+p.src) {
				return p, true
			}
			if doc == p.tgt || strings.HasSuffix(doc, "/"+p.tgt) {
				return p, false
			}
		}
		return nil, false
	}
	// Correct pairs cover the block of their page they lie within.
	type cand struct {
		p      *page
		sw, tw []string
		n      int
		cause  string
	}
	var wrong []cand
	inCorpus := map[string]bool{}
	err = decodeAll(filepath.Join(runDir, "corpus.jsonl"), func(dec *json.Decoder) error {
		var pr struct{ Doc, Src, Tgt string }
		if err := dec.Decode(&pr); err != nil {
			return err
		}
		p, _ := find(pr.Doc)
		if p == nil {
			return nil
		}
		inCorpus[squeeze(pr.Src)+"\x00"+squeeze(pr.Tgt)] = true
		sw, tw := words(pr.Src), words(pr.Tgt)
		if b := p.holding(sw, tw); b != nil {
			b.g.covered = min(b.n, b.g.covered+len([]rune(squeeze(pr.Tgt))))
		} else {
			wrong = append(wrong, cand{p, sw, tw, len([]rune(squeeze(pr.Tgt))), "wrong-block"})
		}
		return nil
	})
	if err != nil {
		return err
	}
	type rejectRec struct{ Doc, Reason, Lang, Text, Tgt, Stage string }
	var recs []rejectRec
	err = decodeAll(filepath.Join(runDir, "rejects.jsonl"), func(dec *json.Decoder) error {
		var r rejectRec
		if err := dec.Decode(&r); err != nil {
			return err
		}
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		return err
	}
	var ruPieces, enPieces []cand
	for _, r := range recs {
		p, isSrc := find(r.Doc)
		if p == nil {
			continue
		}
		reason := r.Reason
		if i := strings.IndexByte(reason, '('); i > 0 && strings.HasPrefix(reason, "boilerplate:") {
			reason = reason[:i]
		}
		switch {
		case r.Tgt != "":
			if r.Reason == "filter:duplicate:exact" {
				if !inCorpus[squeeze(r.Text)+"\x00"+squeeze(r.Tgt)] {
					reason += " (of a rejected pair)"
				} else if b := p.holding(words(r.Text), words(r.Tgt)); b != nil {
					b.g.covered = min(b.n, b.g.covered+len([]rune(squeeze(r.Tgt))))
					continue
				}
			}
			ruPieces = append(ruPieces, cand{p, words(r.Text), words(r.Tgt), len([]rune(squeeze(r.Tgt))), reason})
		case r.Lang == "ru" || !isSrc:
			ruPieces = append(ruPieces, cand{p, nil, words(r.Text), len([]rune(squeeze(r.Text))), reason + " (" + r.Lang + ")"})
		default:
			enPieces = append(enPieces, cand{p, words(r.Text), nil, len([]rune(squeeze(r.Text))), reason})
		}
	}
	// Charge each piece to the uncovered block of its page it lies in.
	charge := func(c cand, prefix string, ru bool) {
		var best *block
		for _, b := range c.p.blocks {
			if b.g.covered >= b.n {
				continue
			}
			ok := false
			if ru {
				ok = within(c.tw, b.tgt)
			} else {
				ok = within(c.sw, b.src)
			}
			if ok && (best == nil || len(b.tgt) < len(best.tgt)) {
				best = b
			}
		}
		if best != nil {
			best.causes[prefix+c.cause] += c.n
		}
	}
	for _, c := range ruPieces {
		charge(c, "ru ", true)
	}
	for _, c := range wrong {
		charge(c, "", true)
	}
	for _, c := range enPieces {
		// only for blocks with no Russian trace
		var best *block
		for _, b := range c.p.blocks {
			if b.g.covered < b.n && len(b.causes) == 0 && within(c.sw, b.src) && (best == nil || len(b.tgt) < len(best.tgt)) {
				best = b
			}
		}
		if best != nil {
			best.causes["en "+c.cause] += c.n
		}
	}
	total, covered := 0, 0
	byCause := map[string]float64{}
	var gaps []*block
	for _, p := range pages {
		for _, b := range p.blocks {
			total += b.n
			covered += b.g.covered
			un := b.n - b.g.covered
			if un <= 0 {
				continue
			}
			gaps = append(gaps, b)
			sum := 0
			for _, n := range b.causes {
				sum += n
			}
			if sum == 0 {
				byCause["missing"] += float64(un)
				continue
			}
			for c, n := range b.causes {
				byCause[c] += float64(un) * float64(n) / float64(sum)
			}
		}
	}
	fmt.Fprintf(w, "translated %d, covered %d (%.4f), uncovered %d\n", total, covered, float64(covered)/float64(max(total, 1)), total-covered)
	type kv struct {
		k string
		v float64
	}
	var list []kv
	for k, v := range byCause {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].v > list[j].v || list[i].v == list[j].v && list[i].k < list[j].k })
	for _, e := range list {
		fmt.Fprintf(w, "%8.0f  %5.1f%%  %s\n", e.v, 100*e.v/float64(max(total-covered, 1)), e.k)
	}
	if verbose > 0 {
		sort.Slice(gaps, func(i, j int) bool { return gaps[i].n-gaps[i].g.covered > gaps[j].n-gaps[j].g.covered })
		if onlyCause != "" {
			var sel []*block
			for _, b := range gaps {
				if b.causes[onlyCause] > 0 || onlyCause == "missing" && len(b.causes) == 0 {
					sel = append(sel, b)
				}
			}
			gaps = sel
		}
		for _, b := range gaps[:min(verbose, len(gaps))] {
			t := b.rawTgt
			if r := []rune(t); len(r) > 160 {
				t = string(r[:160]) + "…"
			}
			fmt.Fprintf(w, "\n%s: %d of %d uncovered, %v\n  %q\n", pages[b.page].tgt, b.n-b.g.covered, b.n, b.causes, t)
		}
	}
	return nil
}

// holding returns the block whose two sides hold a pair: one not yet
// fully covered, then the one that holds most of its words, then the
// shortest Russian side (a sentence two blocks hold, found twice, covers
// both; a sentence covers its own block, not a near copy).
func (p *page) holding(sw, tw []string) *block {
	var best *block
	bestIn := 0
	for _, b := range p.blocks {
		if !within(sw, b.src) || !within(tw, b.tgt) {
			continue
		}
		in, full := wordsIn(sw, b.src)+wordsIn(tw, b.tgt), b.g.covered >= b.n
		if best != nil {
			bestFull := best.g.covered >= best.n
			switch {
			case bestFull && !full:
			case !bestFull && full:
				continue
			case in > bestIn:
			case in == bestIn && len(b.tgt) < len(best.tgt):
			default:
				continue
			}
		}
		best, bestIn = b, in
	}
	return best
}
