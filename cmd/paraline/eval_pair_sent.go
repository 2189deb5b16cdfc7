package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// paraGoldPage is one line of a paragraph gold file (scripts/mkbisite's
// NAME-para.jsonl): a page pair and its blocks paired by position.
type paraGoldPage struct {
	Src    string      `json:"src"`
	Tgt    string      `json:"tgt"`
	Blocks [][2]string `json:"blocks"`
}

// sentFigures are the sentence-pair figures of a run against paragraph gold.
type sentFigures struct {
	Pairs, Scored, Correct, Identical int
	// TranslatedChars counts the characters (no spaces) of the target side
	// of the gold blocks whose two sides differ; CoveredChars those covered
	// by correct pairs.
	TranslatedChars, CoveredChars int
	Precision, Coverage           float64
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
	type page struct {
		src, tgt []string // squeezed blocks
		covered  []int
	}
	pages := map[string]*page{}
	var suffixes []string
	dec := json.NewDecoder(bufio.NewReader(gf))
	for {
		var g paraGoldPage
		if err := dec.Decode(&g); err == io.EOF {
			break
		} else if err != nil {
			return f, fmt.Errorf("read %s: %w", goldPath, err)
		}
		p := &page{covered: make([]int, len(g.Blocks))}
		for _, b := range g.Blocks {
			s, t := squeeze(b[0]), squeeze(b[1])
			p.src, p.tgt = append(p.src, s), append(p.tgt, t)
			if s != t {
				f.TranslatedChars += len([]rune(t))
			}
		}
		pages[g.Src] = p
		suffixes = append(suffixes, g.Src)
	}
	cf, err := os.Open(filepath.Join(runDir, "corpus.jsonl"))
	if err != nil {
		return f, fmt.Errorf("%w (run with --format jsonl)", err)
	}
	defer cf.Close()
	find := func(doc string) *page {
		doc = filepath.ToSlash(doc)
		for _, s := range suffixes {
			if doc == s || strings.HasSuffix(doc, "/"+s) {
				return pages[s]
			}
		}
		return nil
	}
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
		if s == t {
			f.Identical++
		}
		p := find(pr.Doc)
		if p == nil {
			continue
		}
		f.Scored++
		sw, tw := strings.Fields(strings.ToLower(pr.Src)), strings.Fields(strings.ToLower(pr.Tgt))
		for i := range p.src {
			if s != "" && t != "" && p.src[i] != p.tgt[i] && within(sw, p.src[i]) && within(tw, p.tgt[i]) {
				f.Correct++
				p.covered[i] = min(len([]rune(p.tgt[i])), p.covered[i]+len([]rune(t)))
				break
			}
		}
	}
	for _, p := range pages {
		for _, c := range p.covered {
			f.CoveredChars += c
		}
	}
	if f.Scored > 0 {
		f.Precision = float64(f.Correct) / float64(f.Scored)
	}
	if f.TranslatedChars > 0 {
		f.Coverage = float64(f.CoveredChars) / float64(f.TranslatedChars)
	}
	return f, nil
}
