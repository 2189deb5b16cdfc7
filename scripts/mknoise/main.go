// Command mknoise builds a noisy parallel corpus to measure paraline's pair
// filters: clean sentence pairs are the 1-1 beads of the sentence-alignment
// gold data (NAME.en, NAME.ru, NAME.gold), and noise of each kind is
// injected at a fixed rate. See README.md for the kinds and rates.
//
// Usage:
//
//	go run ./scripts/mknoise -gold /work/shared/eval/align -o DIR [-rate 0.02] [-seed 1]
//
// It writes DIR/noisy.en, DIR/noisy.ru (one sentence per line, parallel)
// and DIR/labels (one label per line: "clean" or the noise kind, named
// like the filter meant to catch it). Score with `paraline eval clean DIR`.
// The same flags give the same files.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pair is a clean sentence pair.
type pair struct{ en, ru string }

// kinds are the noise kinds injected into single pairs, in the order of
// the random draw.
var kinds = []string{"empty", "length", "ratio", "lang", "identical", "numbers", "urls", "letters", "token", "markup", "adequacy", "partial"}

func main() {
	gold := flag.String("gold", "", "directory of NAME.en / NAME.ru / NAME.gold triples")
	source := flag.String("source", "gold", "where the clean pairs come from: "+sourceNames+" (see README.md)")
	out := flag.String("o", "", "output directory (created)")
	rate := flag.Float64("rate", 0.02, "share of output pairs of each noise kind")
	seed := flag.Uint64("seed", 1, "random seed")
	group := flag.Int("template-group", 10, "pairs per template group")
	flag.StringVar(&siteGold, "site-gold", "", "with -source site:NAME or debdocs: the folder of mkbisite's gold (NAME-para.jsonl; debdocs: default "+bisiteGold+")")
	big := flag.Int("big", 0, "instead: write N unlabelled pairs for speed and memory tests (90% two clean pairs joined, 10% single clean pairs, so about 10% duplicates)")
	flag.Parse()
	if *out == "" || *rate <= 0 || *rate*float64(len(kinds)+3) >= 1 {
		fmt.Fprintf(os.Stderr, "usage: mknoise [-source S] [-gold DIR] -o DIR [-rate R] [-seed S] (rate * %d < 1)\n", len(kinds)+3)
		os.Exit(2)
	}
	pool, err := loadSource(*source, *gold)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mknoise:", err)
		os.Exit(1)
	}
	if len(pool) < 100 {
		fmt.Fprintf(os.Stderr, "mknoise: only %d clean pairs in source %s\n", len(pool), *source)
		os.Exit(1)
	}
	g := &gen{rng: rand.New(rand.NewPCG(*seed, 0x6d6b6e6f697365)), pool: pool}
	if *big > 0 {
		if err := g.writeBig(*out, *big); err != nil {
			fmt.Fprintln(os.Stderr, "mknoise:", err)
			os.Exit(1)
		}
		return
	}
	if err := g.write(*out, *rate, *group); err != nil {
		fmt.Fprintln(os.Stderr, "mknoise:", err)
		os.Exit(1)
	}
}

// loadPairs returns the 1-1 beads of every NAME.gold in dir, in name order.
func loadPairs(dir string) ([]pair, error) {
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold"))
	if err != nil {
		return nil, err
	}
	sort.Strings(golds)
	var out []pair
	for _, g := range golds {
		base := strings.TrimSuffix(g, ".gold")
		en, err := readLines(base + ".en")
		if err != nil {
			return nil, err
		}
		ru, err := readLines(base + ".ru")
		if err != nil {
			return nil, err
		}
		beads, err := readLines(g)
		if err != nil {
			return nil, err
		}
		for n, b := range beads {
			s, t, ok := strings.Cut(b, "\t")
			if !ok || s == "" || t == "" || strings.Contains(s, ",") || strings.Contains(t, ",") {
				continue
			}
			i, err1 := strconv.Atoi(s)
			j, err2 := strconv.Atoi(t)
			if err1 != nil || err2 != nil || i < 1 || j < 1 || i > len(en) || j > len(ru) {
				return nil, fmt.Errorf("%s:%d: bad bead %q", g, n+1, b)
			}
			out = append(out, pair{en[i-1], ru[j-1]})
		}
	}
	return out, nil
}

func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), nil
}

type gen struct {
	rng  *rand.Rand
	pool []pair
}

func (g *gen) other() pair { return g.pool[g.rng.IntN(len(g.pool))] }

// write draws, for every clean pair in order, whether it is corrupted and
// how, and inserts duplicates and template groups.
func (g *gen) write(dir string, rate float64, group int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var en, ru, labels []string
	emit := func(e, r, label string) {
		en = append(en, oneLine(e))
		ru = append(ru, oneLine(r))
		labels = append(labels, label)
	}
	// template sides come from pairs kept out of the clean data
	reserved := map[int]bool{}
	var tmplSides []pair
	for len(tmplSides) < int(rate*float64(len(g.pool))/float64(group))+10 {
		i := g.rng.IntN(len(g.pool))
		if !reserved[i] {
			reserved[i] = true
			tmplSides = append(tmplSides, g.pool[i])
		}
	}
	var kept []pair // clean pairs written so far
	nextTmpl := 0
	for i, p := range g.pool {
		if reserved[i] {
			continue
		}
		u := g.rng.Float64()
		if k := int(u / rate); k < len(kinds) {
			e, r := g.corrupt(kinds[k], p)
			emit(e, r, kinds[k])
		} else {
			emit(p.en, p.ru, "clean")
			kept = append(kept, p)
		}
		if len(kept) > 0 && g.rng.Float64() < rate {
			d := kept[g.rng.IntN(len(kept))]
			emit(d.en, d.ru, "dup-exact")
		}
		if len(kept) > 0 && g.rng.Float64() < rate {
			d := kept[g.rng.IntN(len(kept))]
			e, r := g.normVariant(d)
			emit(e, r, "dup-normalized")
		}
		if g.rng.Float64() < rate/float64(group) && nextTmpl < len(tmplSides) {
			side := tmplSides[nextTmpl]
			nextTmpl++
			for range group {
				emit(side.en, g.other().ru, "template")
			}
		}
	}
	files := map[string][]string{"noisy.en": en, "noisy.ru": ru, "labels": labels}
	for name, lines := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}
	counts := map[string]int{}
	for _, l := range labels {
		counts[l]++
	}
	var names []string
	for l := range counts {
		names = append(names, l)
	}
	sort.Strings(names)
	fmt.Printf("%d pairs in %s:", len(labels), dir)
	for _, l := range names {
		fmt.Printf(" %s=%d", l, counts[l])
	}
	fmt.Println()
	return nil
}

// writeBig writes n pairs to DIR/big.en and DIR/big.ru.
func (g *gen) writeBig(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	fe, err := os.Create(filepath.Join(dir, "big.en"))
	if err != nil {
		return err
	}
	defer fe.Close()
	fr, err := os.Create(filepath.Join(dir, "big.ru"))
	if err != nil {
		return err
	}
	defer fr.Close()
	we, wr := bufio.NewWriterSize(fe, 1<<20), bufio.NewWriterSize(fr, 1<<20)
	for range n {
		p := g.other()
		if g.rng.IntN(10) != 0 {
			q := g.other()
			p = pair{p.en + " " + q.en, p.ru + " " + q.ru}
		}
		we.WriteString(oneLine(p.en) + "\n")
		wr.WriteString(oneLine(p.ru) + "\n")
	}
	if err := we.Flush(); err != nil {
		return err
	}
	if err := wr.Flush(); err != nil {
		return err
	}
	if err := fe.Close(); err != nil {
		return err
	}
	return fr.Close()
}

// oneLine keeps generated text on one line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
}

func words(s string) int { return len(strings.Fields(s)) }

// corrupt returns p with noise of the given kind.
func (g *gen) corrupt(kind string, p pair) (string, string) {
	e, r := p.en, p.ru
	flip := g.rng.IntN(2) == 0
	switch kind {
	case "empty":
		blank := []string{"", " ", "  "}[g.rng.IntN(3)]
		if flip {
			return blank, r
		}
		return e, blank
	case "length":
		// a run of consecutive pairs glued into one over-long pair
		j := g.rng.IntN(len(g.pool))
		for words(e) <= 160 || words(r) <= 160 {
			q := g.pool[j%len(g.pool)]
			e, r = e+" "+q.en, r+" "+q.ru
			j++
		}
		return e, r
	case "ratio":
		// one sentence aligned to a paragraph (or a fragment) of the other side
		long := r
		for utf8.RuneCountInString(long) < 4*utf8.RuneCountInString(e) || words(long) < 8 {
			long += " " + g.other().ru
		}
		if words(long) > 140 {
			long = strings.Join(strings.Fields(long)[:140], " ")
		}
		if flip {
			short := e
			if w := strings.Fields(e); len(w) > 2 {
				short = strings.Join(w[:2], " ")
			}
			return short, long
		}
		longE := e
		for utf8.RuneCountInString(longE) < 4*utf8.RuneCountInString(r) || words(longE) < 8 {
			longE += " " + g.other().en
		}
		if words(longE) > 140 {
			longE = strings.Join(strings.Fields(longE)[:140], " ")
		}
		return longE, r
	case "lang":
		// a sentence of the wrong language on one side
		q := g.other()
		if flip {
			return q.ru, r
		}
		return e, q.en
	case "identical":
		if flip {
			return e, e // untranslated copy
		}
		return e, g.edit(e) // nearly identical
	case "numbers":
		return g.numbers(e, r)
	case "urls":
		words := []string{"example", "docs", "support", "forum", "news", "shop", "wiki", "blog"}
		u := fmt.Sprintf("https://%s.%s.org/%s", words[g.rng.IntN(len(words))], words[g.rng.IntN(len(words))], words[g.rng.IntN(len(words))])
		if flip {
			return e + " " + u, r
		}
		return e, r + " (" + u + ")"
	case "letters":
		junk := g.junk()
		switch g.rng.IntN(3) {
		case 0:
			return junk, r
		case 1:
			return e, junk
		}
		return junk, g.junk()
	case "token":
		tok := g.longToken(e + r)
		if flip {
			return insertWord(e, tok, g.rng), r
		}
		return e, insertWord(r, tok, g.rng)
	case "markup":
		return g.markup(e, r)
	case "adequacy":
		// a misaligned pair: the target of another pair of similar length
		n := utf8.RuneCountInString(r)
		for range 200 {
			q := g.other()
			m := utf8.RuneCountInString(q.ru)
			if q.ru != r && m*10 >= n*8 && m*10 <= n*12 {
				return e, q.ru
			}
		}
		return e, g.other().ru
	case "partial":
		return g.partial(p, flip)
	}
	panic("unknown kind " + kind)
}

// edit changes one letter of s.
func (g *gen) edit(s string) string {
	rs := []rune(s)
	var letters []int
	for i, r := range rs {
		if unicode.IsLetter(r) {
			letters = append(letters, i)
		}
	}
	if len(letters) == 0 {
		return s + "."
	}
	i := letters[g.rng.IntN(len(letters))]
	if rs[i] == 'e' {
		rs[i] = 'a'
	} else {
		rs[i] = 'e'
	}
	return string(rs)
}

// numbers makes the numbers of a pair disagree.
func (g *gen) numbers(e, r string) (string, string) {
	n := strconv.Itoa(10 + g.rng.IntN(9990))
	// change a number of the target when it has one
	rs := []rune(r)
	for i := 0; i < len(rs); i++ {
		if unicode.IsDigit(rs[i]) {
			j := i
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			if string(rs[i:j]) != n {
				return e, string(rs[:i]) + n + string(rs[j:])
			}
			break
		}
	}
	if g.rng.IntN(2) == 0 {
		return insertWord(e, n, g.rng), r
	}
	return e, insertWord(r, n, g.rng)
}

func insertWord(s, w string, rng *rand.Rand) string {
	f := strings.Fields(s)
	i := rng.IntN(len(f) + 1)
	f = append(f[:i], append([]string{w}, f[i:]...)...)
	return strings.Join(f, " ")
}

// junk returns a text with few letters: prices, times, ratings, phone
// numbers, symbols.
func (g *gen) junk() string {
	parts := []string{
		fmt.Sprintf("%d:%02d", g.rng.IntN(24), g.rng.IntN(60)),
		fmt.Sprintf("%d.%d %%", g.rng.IntN(100), g.rng.IntN(10)),
		fmt.Sprintf("+7 (%03d) %03d-%02d-%02d", g.rng.IntN(1000), g.rng.IntN(1000), g.rng.IntN(100), g.rng.IntN(100)),
		"★★★★☆", "|", "—", "→", "©", "•", "...", "#", "$" + strconv.Itoa(g.rng.IntN(1000)),
		fmt.Sprintf("%d/%d", g.rng.IntN(100), 1+g.rng.IntN(100)),
		fmt.Sprintf("%d-%02d-%02d", 1990+g.rng.IntN(35), 1+g.rng.IntN(12), 1+g.rng.IntN(28)),
		"p.", "№", "x",
	}
	n := 2 + g.rng.IntN(5)
	out := make([]string, n)
	for i := range out {
		out[i] = parts[g.rng.IntN(len(parts))]
	}
	return strings.Join(out, " ")
}

// longToken returns a token of 55-120 characters: a hash, a base64 blob or
// words glued together.
func (g *gen) longToken(text string) string {
	const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	n := 55 + g.rng.IntN(66)
	switch g.rng.IntN(3) {
	case 0:
		var b strings.Builder
		for range n {
			b.WriteByte(b64[g.rng.IntN(len(b64))])
		}
		return b.String()
	case 1:
		var b strings.Builder
		for range n {
			b.WriteByte("0123456789abcdef"[g.rng.IntN(16)])
		}
		return b.String()
	}
	w := strings.Fields(text)
	if len(w) == 0 {
		w = []string{"word"}
	}
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < n {
		b.WriteString(strings.Trim(w[g.rng.IntN(len(w))], ".,:;!?()«»\"'") + "x")
	}
	return b.String()
}

// markup adds leftover HTML to one or both sides.
func (g *gen) markup(e, r string) (string, string) {
	wrap := []func(string) string{
		func(s string) string { return `<div class="content">` + s + `</div>` },
		func(s string) string { return `<span style="font-weight:bold">` + s + `</span>` },
		func(s string) string { return s + `<br>` },
		func(s string) string { return `<p>` + s + `</p>` },
		func(s string) string { return `<a href="/page.html">` + s + `</a>` },
		func(s string) string { return strings.Replace(s, " ", "&nbsp;", 1) },
		func(s string) string { return s + ` &raquo;` },
		func(s string) string { return `<td>` + s + `</td>` },
		func(s string) string { return `&quot;` + s + `&quot;` },
	}
	w := wrap[g.rng.IntN(len(wrap))]
	switch g.rng.IntN(3) {
	case 0:
		return w(e), r
	case 1:
		return e, w(r)
	}
	return w(e), w(r)
}

// normVariant returns a variant of a pair that differs only in case,
// punctuation, digits or spacing (a normalised duplicate).
func (g *gen) normVariant(p pair) (string, string) {
	v := func(s string) string {
		switch g.rng.IntN(4) {
		case 0:
			return strings.ToUpper(s)
		case 1:
			return strings.ToLower(s)
		case 2:
			return strings.TrimRight(s, ".!?:;") + "!"
		}
		return strings.ReplaceAll(s, " ", "  ")
	}
	e, r := v(p.en), v(p.ru)
	if e == p.en && r == p.ru {
		e = "\"" + e + "\""
	}
	return e, r
}

// partial returns a partial translation: one side (the Russian one when
// ru) says about half as much again, or half as much, as the other. A
// clause of another sentence of the same language is added to it ("…,
// and the pupils built …" or one more sentence), or it is cut at a comma
// or mid-way and one part is kept. Pairs with fewer than 6 words a side
// are replaced by a longer pair first (cutting "Open the file" says
// little).
func (g *gen) partial(p pair, ru bool) (string, string) {
	for range 100 {
		if words(p.en) >= 6 && words(p.ru) >= 6 {
			break
		}
		p = g.other()
	}
	side := p.en
	if ru {
		side = p.ru
	}
	if g.rng.IntN(2) == 0 {
		side = g.dropPart(side)
	} else {
		side = g.addClause(side, ru)
	}
	if ru {
		return p.en, side
	}
	return side, p.ru
}

// dropPart keeps 40-60% of the words of s, cut at a comma when one falls
// in the middle third, usually the first part.
func (g *gen) dropPart(s string) string {
	w := strings.Fields(s)
	n := len(w)
	cut := n * (4 + g.rng.IntN(3)) / 10
	for i := n * 3 / 10; i < n*7/10; i++ {
		if strings.HasSuffix(w[i], ",") || strings.HasSuffix(w[i], ";") {
			cut = i + 1
			break
		}
	}
	cut = max(1, min(cut, n-1))
	if g.rng.IntN(4) == 0 {
		return strings.Join(w[cut:], " ")
	}
	return strings.TrimRight(strings.Join(w[:cut], " "), ",;") + "."
}

// addClause adds to s 50-100% of its word count of text taken from other
// sentences of the same language: a clause joined with a comma or "and",
// or one more sentence.
func (g *gen) addClause(s string, ru bool) string {
	want := max(3, words(s)*(5+g.rng.IntN(6))/10)
	var extra []string
	for len(extra) < want {
		q := g.other()
		t := q.en
		if ru {
			t = q.ru
		}
		extra = append(extra, strings.Fields(strings.TrimRight(t, ".!?:;"))...)
	}
	extra = extra[:want]
	clause := strings.TrimRight(strings.Join(extra, " "), ",;:") + "."
	base := strings.TrimRight(s, ".!?:; ")
	and := " and "
	if ru {
		and = " и "
	}
	switch g.rng.IntN(3) {
	case 0:
		return base + ", " + lowerFirst(clause)
	case 1:
		return base + and + lowerFirst(clause)
	}
	return base + ". " + upperFirst(clause)
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || (len(s) > n && unicode.IsUpper(rune(s[n]))) { // an acronym stays
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
